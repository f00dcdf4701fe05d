"""These tests read the demo data a lot: copy it rather than write it each time."""

from tests.fast_demo import demo_dir, demo_template  # noqa: F401
