"""The dataclasses' methods compiled once and kept (store/code_cache.py): the same classes, fewer compiles."""

import json
import subprocess
import sys

from sponsordesk.store import code_cache

# Dataclasses of every kind a start makes: defaults, factories, frozen (its __setattr__, __hash__), ordered,
# keyword-only, slots, a post-init, a ClassVar, a field left out of __init__, eq/repr switched off.
CLASSES = '''
from __future__ import annotations
import dataclasses
from dataclasses import dataclass, field, InitVar
from typing import ClassVar

@dataclass
class Plain:
    a: int
    b: str = "x"
    c: list = field(default_factory=list)
    d: int = field(default=0, repr=False, compare=False)
    K: ClassVar[int] = 3

@dataclass(frozen=True, order=True)
class Frozen:
    x: int
    y: tuple = ()

@dataclass(kw_only=True, slots=True)
class Slotted:
    p: int
    q: int = 2

@dataclass
class Posted:
    n: int
    seed: InitVar[int] = 1
    total: int = field(init=False, default=0)

    def __post_init__(self, seed):
        self.total = self.n + seed

@dataclass(eq=False, repr=False)
class Bare:
    z: int = 0

def behaviour():
    out = []
    p = Plain(1)
    out += [repr(p), p == Plain(1, "x", [], 9), p != Plain(2), Plain.K, dataclasses.astuple(p)]
    f = Frozen(1, (2,))
    try:
        f.x = 3
        out.append("set")
    except dataclasses.FrozenInstanceError:
        out.append("frozen")
    out += [repr(f), hash(f) == hash(Frozen(1, (2,))), Frozen(1) < Frozen(2), sorted([Frozen(3), Frozen(1)])[0].x]
    s = Slotted(p=5)
    out += [repr(s), hasattr(s, "__dict__"), s == Slotted(p=5, q=2)]
    out += [Posted(4, 3).total, repr(Posted(4))]
    b = Bare()
    out += [b == Bare(), "object at" in repr(b)]
    return [str(x) for x in out]
'''

RUN = '''
import json, sys
compiled = []
# exec of a source string is audited with its bytes (compile() of a str, as the cache calls it, with the str)
sys.addaudithook(lambda event, args: compiled.append(args[0]) if event == "compile" and isinstance(args[0], (str, bytes))
                 and args[0][:17] in ("def __create_fn__", b"def __create_fn__") else None)
from sponsordesk.store import code_cache
cache = code_cache.install(sys.argv[1]) if sys.argv[1] != "-" else None
ns = {"__name__": "made"}
sys.modules["made"] = type(sys)("made")
sys.modules["made"].__dict__.update(ns)
exec(compile(CLASSES, "made.py", "exec", dont_inherit=True), sys.modules["made"].__dict__)
print(json.dumps({"behaviour": sys.modules["made"].behaviour(), "compiled": len(compiled),
                  "hits": cache.hits if cache else 0}))
'''


def run(cache_dir) -> dict:
    code = f"CLASSES = {CLASSES!r}\n{RUN}"
    done = subprocess.run([sys.executable, "-c", code, str(cache_dir)], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_second_start_compiles_none_of_the_methods_and_the_classes_behave_the_same(tmp_path):
    without = run("-")
    first = run(tmp_path)
    assert first["compiled"] == without["compiled"] > 10, "the first start compiles as Python does"
    assert code_cache.cache_path(tmp_path).is_file(), "and keeps what it compiled, at exit"
    second = run(tmp_path)
    assert second["compiled"] == 0 and second["hits"] == without["compiled"]
    assert first["behaviour"] == second["behaviour"] == without["behaviour"]


def test_a_damaged_or_foreign_file_is_passed_over_and_made_again(tmp_path):
    run(tmp_path)
    path = code_cache.cache_path(tmp_path)
    good = path.read_bytes()
    for bad in (b"", good[: len(good) // 2], b"not marshal at all", __import__("marshal").dumps({"a": 1}),
                __import__("marshal").dumps([1, 2])):
        path.write_bytes(bad)
        again = run(tmp_path)
        assert again["compiled"] > 10 and again["behaviour"] == run("-")["behaviour"]
        assert path.read_bytes() != bad, "the next exit writes it again"


def test_it_is_kept_for_this_python_only_and_privately(tmp_path):
    run(tmp_path)
    path = code_cache.cache_path(tmp_path)
    from importlib.util import MAGIC_NUMBER

    assert MAGIC_NUMBER.hex() in path.name and f"-O{sys.flags.optimize}" in path.name
    assert oct(path.stat().st_mode & 0o777) == "0o600" and oct(path.parent.stat().st_mode & 0o777) == "0o700"


def test_no_cache_folder_no_file(tmp_path):
    # a start whose cache folder is gone by its exit (a test's, a cleaner's) does not make one again
    missing = tmp_path / "gone"
    run(missing)
    assert not missing.exists()


def test_the_app_and_its_commands_go_through_it_but_version_and_help_do_not(tmp_path):
    code = ("import sys\nfrom sponsordesk.cli import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('sponsordesk.store.code_cache' in sys.modules)")
    env = {**__import__("os").environ, "SPONSORDESK_CACHE_DIR": str(tmp_path / "cache"),
           "SPONSORDESK_DATA_DIR": str(tmp_path / "data"), "SPONSORDESK_CONFIG_DIR": str(tmp_path / "config")}
    for argv, expected in ((["--version"], "False"), (["--help"], "False"), (["locate"], "True")):
        out = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env)
        assert out.stdout.strip().splitlines()[-1].split()[-1] == expected, (argv, out.stdout, out.stderr)


def test_no_damage_to_the_file_stops_a_start(tmp_path):
    # marshal raises SystemError, not only ValueError, for some damaged bytes (a review's fuzzing: 6% of them)
    import random

    run(tmp_path)
    path = code_cache.cache_path(tmp_path)
    good = path.read_bytes()
    rng = random.Random(8)
    for _ in range(300):
        bad = bytearray(good)
        for _ in range(rng.randint(1, 5)):
            bad[rng.randrange(len(bad))] = rng.randrange(256)
        path.write_bytes(bytes(bad))
        assert isinstance(code_cache.CodeCache(path).kept, dict)


def test_a_fifo_or_a_link_in_its_place_is_not_read(tmp_path):
    import os

    path = code_cache.cache_path(tmp_path)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    assert code_cache.CodeCache(path).kept == {}, "not waited on: every command would hang at start"
    path.unlink()
    elsewhere = tmp_path / "elsewhere.marshal"
    elsewhere.write_bytes(__import__("marshal").dumps({}))
    path.symlink_to(elsewhere)
    assert code_cache.CodeCache(path).kept == {}


def test_past_its_limit_it_keeps_this_runs_code_alone(tmp_path, monkeypatch):
    path = code_cache.cache_path(tmp_path)
    cache = code_cache.CodeCache(path)
    cache.exec("def __create_fn__():\n def f(): return 1\n return f", {}, {})
    cache.write()
    cache = code_cache.CodeCache(path)
    cache.exec("def __create_fn__():\n def g(): return 2\n return g", {}, {})  # new this run
    size = len(__import__("marshal").dumps({**cache.kept, **cache.new}))
    monkeypatch.setattr(code_cache, "LIMIT", size - 1)
    cache.write()
    kept = code_cache.CodeCache.__new__(code_cache.CodeCache)
    kept.path = path
    assert list(kept._read()) == ["def __create_fn__():\n def g(): return 2\n return g"], "the old one not used: gone"
