"""The wheel holds every sub-package and the shipped themes (packages are listed by hand)."""

import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_sub_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "sponsordesk").rglob("__init__.py")}
    missing = on_disk - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert config["package-dir"]["sponsordesk.themes"] == "themes"
    assert "*.toml" in config["package-data"]["sponsordesk.themes"]
    for package in ("sponsordesk.themes", "sponsordesk.store.shipped_programs"):  # store/shipped.py: without it,
        assert "validated.json" in config["package-data"][package], package  # each start validates them
    assert (ROOT / "themes" / "__init__.py").is_file()


@pytest.mark.slow
def test_the_sdist_holds_the_whole_project_so_its_own_tests_run(tmp_path):
    """Everything git tracks (tests, corpus, snapshots, bench) is in the sdist, plus LICENSE and the changelog.

    About 5 s (build makes a fresh environment with setuptools): the sdist is what a packager unpacks
    and tests, and it once held 25 of 126 test files.
    """
    import shutil
    import subprocess
    import sys
    import tarfile

    import pytest

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist): nothing to compare with")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    wanted = {name for name in tracked.stdout.split("\0") if name} - {".gitignore"}
    out = subprocess.run([sys.executable, "-m", "build", "--sdist", "-o", str(tmp_path), str(ROOT)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    (archive,) = tmp_path.glob("sponsordesk-*.tar.gz")
    with tarfile.open(archive) as sdist:
        names = {"/".join(member.name.split("/")[1:]) for member in sdist.getmembers() if member.isfile()}
    missing = sorted(wanted - names)
    assert not missing, missing[:20]
    assert {"LICENSE", "CHANGELOG.md", "tests/conftest.py", "bench/generate.py"} <= names
    assert not any("__pycache__" in name or name.startswith("bench/out/") for name in names)
