"""`sponsordesk doctor`: check every file and say how to fix each problem."""

from __future__ import annotations

import argparse

from sponsordesk.desk.context import Context


def run(ctx: Context, args: argparse.Namespace) -> int:
    from sponsordesk.desk import maintenance

    report = maintenance.check(ctx, ctx.clock.today(), fix=args.fix)
    if not ctx.data_dir.exists():
        print(f"There is no data folder at {ctx.data_dir} yet (it is made when you add a sponsee).")
    print(f"Checked {report.files} files ({report.sponsees} sponsees) in {ctx.data_dir}")
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
    print(f"\n{errors} error{'s' * (errors != 1)} (files not loaded), {warnings} warning{'s' * (warnings != 1)}. "
          "Nothing was changed" + ("" if args.fix else "; `sponsordesk doctor --fix` fixes permissions") + ".")
    return 1


def register(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = sub.add_parser("doctor", help="check every data, settings, program and theme file",
                            description="Read every file sponsordesk uses and print each problem with the file, "
                                        "the line or field, and how to fix it. Exit status 0 only when all is well.",
                            epilog="Example: sponsordesk doctor --fix")
    parser.add_argument("--fix", action="store_true",
                        help="make loose permissions private and remove leftover temp files")
    parser.set_defaults(handler=run)
    return parser
