"""The wheel holds every sub-package and the shipped themes (packages are listed by hand)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_sub_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "sponsordesk").rglob("__init__.py")}
    missing = on_disk - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert config["package-dir"]["sponsordesk.themes"] == "themes"
    assert "*.toml" in config["package-data"]["sponsordesk.themes"]
    assert (ROOT / "themes" / "__init__.py").is_file()
