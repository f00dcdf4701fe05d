"""One measured start-up in a fresh interpreter: ``python -m bench.child {app,bare} ...``.

Prints one JSON line: the monotonic clock when the roster was ready and painted
(the parent subtracts the moment it started this process, so interpreter
start-up and every import count), the CPU seconds used by then (steadier than
wall time on a busy machine), the peak RSS so far, and the row count.
Only the standard library is imported up front, so the bare app pays for
nothing of sponsordesk's.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time

SIZE = (120, 40)


def _bare_app():
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable, Footer, Header

    class Bare(App[None]):
        """The floor: sponsordesk's top-level widgets and no data."""

        def compose(self) -> ComposeResult:
            yield Header()
            yield DataTable()
            yield Footer()

    return Bare()


def _sponsordesk_app(data: str, config: str, today: str):
    # The same path as the `sponsordesk` command: parse options, build the context, open the app.
    from sponsordesk.cli import build_parser, context_from

    args = build_parser(["--data-dir", data]).parse_args(["--data-dir", data, "--config-dir", config, "--today", today])
    ctx = context_from(args)
    from sponsordesk.commands.tui import app_for

    return app_for(ctx)


async def _measure(app, expect_rows: bool) -> dict:
    from bench.ready import roster_ready, roster_shown

    async with app.run_test(size=SIZE) as pilot:
        shown = asyncio.create_task(roster_shown(pilot, expect_rows))
        rows = await roster_ready(pilot, expect_rows)
        ready = time.monotonic()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        result = {"ready": ready, "shown": await shown, "rss_kb": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime, "rows": rows}
        if "--probe-log" in sys.argv:
            from bench.logbench import time_open_log

            if "--log-after" in sys.argv:  # a sponsor who reads the agenda a moment first
                from bench.ready import busy, wait_for

                await asyncio.sleep(float(sys.argv[sys.argv.index("--log-after") + 1]))
                await wait_for(lambda: not busy(app), 120, "work started after the roster settled")
            result["log"] = await time_open_log(pilot, sys.argv[sys.argv.index("--probe-log") + 1])
    return result


def main(argv: list[str]) -> int:
    kind = argv[0]
    if kind == "bare":
        app, expect_rows = _bare_app(), False
    else:
        data, config, today = argv[1:4]  # then optionally --probe-log SPONSEE_ID [--log-after SECONDS]
        app, expect_rows = _sponsordesk_app(data, config, today), True
    result = asyncio.run(_measure(app, expect_rows))
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
