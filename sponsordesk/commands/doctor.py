"""`sponsordesk doctor`: check every file and say how to fix each problem."""

from __future__ import annotations

import argparse

from sponsordesk.desk.context import Context
from sponsordesk.wording.numbers import plural


def run(ctx: Context, args: argparse.Namespace) -> int:
    from sponsordesk.desk import maintenance

    report = maintenance.check(ctx, ctx.clock.today(), fix=args.fix)
    for problem in app_setting_problems(ctx):
        report.add(problem)
    if not ctx.data_dir.exists():
        print(f"There is no data folder at {ctx.data_dir} yet (it is made when you add a sponsee).")
    print(f"Checked {plural(report.files, 'file')} ({plural(report.sponsees, 'sponsee')}) in {ctx.data_dir}")
    print(f"    and the config folder {ctx.config_dir}.")
    for line in report.fixed:
        print(f"fixed    {line}")
    for problem in report.problems:
        print(f"\n{problem.severity:<8} {problem.where(ctx.data_dir)}")
        print(f"         {problem.message}")
        if problem.hint:
            print(f"  fix:   {problem.hint}")
    if report.ok:
        print("All is well.")
        return 0
    errors = sum(1 for p in report.problems if p.severity == "error")
    warnings = len(report.problems) - errors
    print(f"\n{errors} error{'s' * (errors != 1)} (files or sponsees not loaded), "
          f"{warnings} warning{'s' * (warnings != 1)} (loaded; look at them). "
          "Nothing was changed" + ("" if args.fix else "; `sponsordesk doctor --fix` fixes permissions") + ".")
    return 1


def app_setting_problems(ctx: Context) -> list:
    """settings.toml's theme and [keymap], checked against what the app has (Textual loads only when needed)."""
    from sponsordesk.desk.errors import Problem

    found = []
    ours = sorted(ctx.themes().themes)
    if ctx.settings.theme not in ours or ctx.settings.keymap:
        from sponsordesk.tui import checks  # Textual and every screen: only for a theme or keymap to check

        found = checks.theme_findings(ctx.settings.theme, ours) + checks.keymap_findings(ctx.settings.keymap)
    return [Problem(ctx.settings_file, message, line=ctx.setting_line(key),
                    field=key if key == "theme" else f"keymap.{key}", severity="warning", hint=hint)
            for key, message, hint in found]


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("doctor", help="check every data, settings, program and theme file",
                            description="Read every file sponsordesk uses and print each problem with the file, "
                                        "the line or field, and how to fix it. Exit status 0 only when all is well.",
                            epilog="Example: sponsordesk doctor --fix")
    parser.add_argument("--fix", action="store_true",
                        help="make loose permissions private and remove leftover temp files")
    parser.set_defaults(handler=run)
    return parser
