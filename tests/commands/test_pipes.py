"""Output read by another program: a pipe closed early is no error, and no escape code gets through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TODAY

REPO = Path(__file__).resolve().parents[2]

# Each run is a forked child of a process that has imported everything once; it ends as the
# interpreter does (flush stdout, and on failure "Exception ignored" and status 120), without tearing
# down every module, which took 60 ms a run. test_a_real_shell_pipeline_is_quiet_too runs the real thing.
PIPES = """
import os, sys
from sponsordesk.cli import main
data, argv_json, mode, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
import json
argv = ["--data-dir", data, "--today", "%s", *json.loads(argv_json)]
main(argv)  # once in this process: every module is imported before the forks
codes = []
for _ in range(runs):
    read, write = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read); os.close(err_read)
        os.dup2(write, 1); os.dup2(err_write, 2)
        try:
            code = main(argv)
        except SystemExit as stop:
            code = stop.code
        try:
            sys.stdout.flush()
        except Exception as error:
            print("Exception ignored on flushing sys.stdout:", type(error).__name__, file=sys.stderr)
            code = 120
        sys.stderr.flush()
        os._exit(code)
    os.close(write); os.close(err_write)
    if mode == "true":        # `| true`: the reader is gone before anything is written
        os.close(read)
    else:                     # `| head -1`: one line read, then the pipe is closed
        with os.fdopen(read, "rb") as reader:
            reader.readline()
    with os.fdopen(err_read, "rb") as errors:
        said = errors.read()
    _, status = os.waitpid(pid, 0)
    codes.append((os.waitstatus_to_exitcode(status), said.decode()))
print(json.dumps(codes))
""" % TODAY.isoformat()


def _runs(data: Path, words: list[str], mode: str, runs: int = 100) -> list:
    import json

    out = subprocess.run([sys.executable, "-c", PIPES, str(data), json.dumps(words), mode, str(runs)],
                         capture_output=True, text=True, timeout=300, cwd=REPO)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.splitlines()[-1])


@pytest.fixture
def one_due(data_dir):
    """One sponsee, never called: on the agenda, and the smallest folder to open 100 times."""
    from sponsordesk.model import Sponsee
    from sponsordesk.store import Store
    from tests.seed import put_profile

    put_profile(Store(data_dir), Sponsee(id="sam-r", name="Sam Rivera"))
    return data_dir


@pytest.mark.parametrize("mode", ["true", "head"])
def test_today_into_a_closed_pipe_exits_0_without_a_word_100_of_100_times(one_due, mode):
    # 100 forked runs, a few seconds: the issue asks for 100 of 100 for each of `| true` and `| head -1`
    results = _runs(one_due, ["today"], mode)
    assert results == [[0, ""]] * 100, [r for r in results if r != [0, ""]][:3]


def test_a_report_to_a_closed_pipe_exits_0(demo_dir):
    assert _runs(demo_dir, ["export", "report", "luis", "-o", "-"], "true", 10) == [[0, ""]] * 10
    assert _runs(demo_dir, ["today", "--json"], "head", 10) == [[0, ""]] * 10


def test_a_real_shell_pipeline_is_quiet_too(demo_dir):
    for pipe in ("true", "head -1", "true", "head -1"):
        shell = f"{sys.executable} -m sponsordesk --data-dir {demo_dir} --today {TODAY} today | {pipe}; " \
                "echo status=${PIPESTATUS[0]}"
        out = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60, cwd=REPO)
        assert out.stdout.strip().endswith("status=0") and out.stderr == "", (pipe, out.stdout, out.stderr)
