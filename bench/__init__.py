"""Benchmarks for sponsordesk: a data generator and start-up, save, log and memory timings.

Run everything with ``python -m bench`` (see ``bench/run.py``); generated data
sets are cached under ``bench/out/`` (gitignored), keyed by size and seed.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 21)
"""Every data set is dated around this day, and every benchmark pins the app's clock to it."""

OUT = Path(__file__).resolve().parent / "out"
