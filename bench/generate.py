"""A deterministic, realistic data set of any size: ``python -m bench.generate DIR --sponsees N --contacts M``.

Twenty years of a sponsor's notebook: about 20% of sponsees active (a few
paused), the rest ended at some point in those years; contacts spread over
each sponsorship, denser early on (newcomers call more), in one file per
year. The first active sponsee is a long-standing one with the most
contacts (5,000 when there are enough), for the log benchmark; with two or
more active, the second is a newcomer of four months with 120 contacts at
every size, for the save benchmark.

Files are written directly in the store's format (``tomlio.dumps`` with the
store's headers): going through ``Store.commit`` would rewrite a year file
per contact and take hours at 500,000 contacts. ``check`` proves the format
by loading a sample with ``Store`` and writing one year of it again into an
empty folder through ``Store.add_entries`` (one fsynced write), which must
give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from bench import TODAY
from sponsordesk.model import (
    Assignment,
    SobrietyDate,
    Sponsee,
    Status,
    Step,
    StepBoard,
    Suggestion,
    SuggestionFile,
    slug,
)
from sponsordesk.store import Store, layout, tomlio
from sponsordesk.store.store import HEADERS

GENERATOR_VERSION = 3
"""Bump when the output changes, so cached data sets under bench/out/ are rebuilt."""

MANIFEST = "bench.json"
"""Written last, beside ``sponsees/``: what was generated (the store ignores it)."""

HEAVY_CONTACTS = 5000
NEWCOMER_CONTACTS = 120
"""The save target: about a call a day for four months, the same at every size, so saves compare fairly."""
YEARS = 20
TZ = timezone(timedelta(hours=-5))  # a fixed offset keeps the bytes the same on every machine

FIRST = ("Marcus Dana Priya Luis Ellen Tom Jordan Sam Alex Maria Kevin Aisha Brian Chloe Diego Erin Farid Grace "
         "Hector Ines Jamal Kara Liam Mei Nadia Omar Paula Quinn Rosa Sean Tara Umar Vera Wes Yara Zoe Andre Bea "
         "Carl Dolores Eli Fiona Gus Hana Ivan June Kofi Lena Mateo Nora Otis Pilar Raj Sofia Theo Uma Victor "
         "Wanda Xavier Yusuf Zara Amir Bianca Colm Deepa Emeka Freya Gil Hiroshi Ilse Joao Kasia Lars").split()
LAST = ("Bell Okafor Natarajan Romero Fischer Becker Kim Rivera Novak Schmidt Haddad Murphy Silva Tanaka Dubois "
        "Kowalski Mensah Ortiz Patel Quinn Rossi Sato Varga Walsh Yilmaz Zhang Abara Brennan Costa Duarte Eriksen "
        "Fontaine Gallo Horvat Ibrahim Jensen Keller Lindqvist Moreau Nakamura Olsen Petrov Reyes Sorensen Torres "
        "Ueda Vasquez Weber Young Ziegler").split()
PROGRAMS = ["AA"] * 9 + ["NA"] * 4 + ["CA", "CA", "OA", "GA", "DA", "Al-Anon", "Al-Anon"]
GROUPS = ["Tuesday Night Big Book", "Sunrise Serenity", "Just for Today, Wednesday", "Clean and Serene",
          "Women's Step Study", "Men's Saturday Breakfast", "Noon Lifeline", "Friday Speaker Meeting",
          "Grupo Esperanza", "Keep It Simple", "Came to Believe", "Downtown Daily Reflections"]
REACH = ["", "", "text first", "call after 5pm", "calls before work are best", "text, then call"]
END_REASONS = ["moved away; found a local sponsor", "asked for a sponsor closer to home", "we agreed to part ways",
               "stopped calling; door is open", "now sponsors others and chose a new sponsor"]
NOTES = ["", "", "Works early shifts; evenings are hardest.", "Has two kids; weekends are busy.",
         "Likes to talk while walking the dog.", "Writing the inventory slowly and carefully."]
KINDS = ["call"] * 50 + ["text"] * 20 + ["in_person"] * 7 + ["meeting"] * 8 + ["step_work"] * 7 + ["attempt"] * 8
SUMMARIES = {
    "call": ["Talked through a rough day at work. Went to the noon meeting after.",
             "Checked in. Sleeping better, cravings lower this week.",
             "Long talk about family stuff; suggested writing it down before reacting.",
             "Read the step together over the phone and talked about what stood out.",
             "Quick call on the way to the meeting. Feeling grateful today.",
             "Worried about the holidays.\nMade a plan for the family dinner."],
    "text": ["Morning text: made coffee at the home group.", "Sent a photo of the meeting list for the week.",
             "Checked in by text; all good today."],
    "in_person": ["Coffee after the meeting. Talked about amends to a brother.",
                  "Met at the diner; went over the week."],
    "meeting": ["Went to the speaker meeting together.", "Step study together; shared for the first time."],
    "step_work": ["Step-work session: read through the inventory columns together.",
                  "Step-work session at the library, went over the written answers."],
    "attempt": ["Called, no answer. Left a voicemail.", "Texted, no reply yet."],
}
MEETING_NOTES = ["home group", "home group, step study", "speaker meeting", "a new Big Book study", "online meeting"]
SUGGESTIONS = ["90 meetings in 90 days", "Call before you go to the party on Friday",
               "Read pages 58-60 and underline what stands out", "Get a service commitment at the home group",
               "Write a gratitude list every night this week", "Pray in the morning, even if it feels odd",
               "Call one other person in the program each day", "Go to a step study this month"]
OUTCOMES = ["Read it twice; we talked about it on the next call.", "Not the right time; revisit later.",
            "Did it most days.", ""]


def scrambled_id(prefix: str, n: int) -> str:
    """Unique, random-looking ids: an odd multiplier is a bijection on 32 bits."""
    return f"{prefix}-{(n * 2654435761 + 0x5BD1E995) % 2**32:08x}"


def _write(path: Path, payload: bytes) -> None:
    # Plain private write without fsync: generated data, and 10,000 fsyncs would dominate.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, tomlio.FILE_MODE)
    with os.fdopen(fd, "wb") as handle:
        handle.write(payload)


class Generator:
    def __init__(self, root: Path, sponsees: int, contacts: int, seed: int, today: date) -> None:
        self.root, self.n, self.m, self.seed, self.today = root, sponsees, contacts, seed, today
        self.rng = random.Random(seed)
        self.contact_no = 0
        self.other_no = 0

    def _id(self, prefix: str) -> str:
        self.other_no += 1
        return scrambled_id(prefix, 10_000_000 + self.other_no)

    # ------------------------------------------------------------ plan

    def plan(self) -> list[dict[str, Any]]:
        """Who, when, and how many contacts each: cheap, decided before any file is written."""
        rng, today = self.rng, self.today
        heavy = self.m if self.n == 1 else min(HEAVY_CONTACTS, self.m // 10)
        active = max(1, round(self.n * 0.2))
        fixed = {0: heavy} if self.n > 1 else {}
        if active >= 2:
            fixed[1] = min(NEWCOMER_CONTACTS, self.m // 5)
        people, taken = [], set()
        for i in range(self.n):
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            sid, k = slug(name), 2
            while sid in taken:
                sid, k = f"{slug(name)}-{k}", k + 1
            taken.add(sid)
            if i == 0:
                start, end, state = today - timedelta(days=14 * 365), today - timedelta(days=1), "active"
            elif i == 1 and i in fixed:
                start, end, state = today - timedelta(days=120), today - timedelta(days=1), "active"
            elif i < active:
                start = today - timedelta(days=rng.randint(20, 6 * 365))
                end, state = today - timedelta(days=rng.randint(0, 6)), "paused" if rng.random() < 0.12 else "active"
            else:
                start = today - timedelta(days=rng.randint(90, YEARS * 365))
                end = min(start + timedelta(days=rng.randint(60, 5 * 365)), today - timedelta(days=rng.randint(14, 200)))
                state = "ended"
            people.append({"id": sid, "name": name, "start": start, "end": max(end, start), "state": state})
        rest = [p for i, p in enumerate(people) if i not in fixed]
        weights = [max((p["end"] - p["start"]).days, 1) for p in rest]
        total, remaining = sum(weights), self.m - sum(fixed.values())
        counts = [remaining * w // total for w in weights]
        for j in sorted(range(len(rest)), key=lambda j: -weights[j])[: remaining - sum(counts)]:
            counts[j] += 1
        for p, c in zip(rest, counts):
            p["contacts"] = c
        for i, c in fixed.items():
            people[i]["contacts"] = c
        if 1 in fixed:
            people[1]["newcomer"] = True
        return people

    # ------------------------------------------------------------ files

    def sponsee(self, p: dict[str, Any]) -> Sponsee:
        rng, start = self.rng, p["start"]
        sober = start - timedelta(days=rng.randint(0, 400))
        sobriety = [SobrietyDate(date=sober)]
        if rng.random() < 0.15:  # a relapse during the sponsorship: a newer date, the old one kept
            later = min(sober + timedelta(days=rng.randint(60, 700)), p["end"])
            sobriety = [SobrietyDate(date=later), SobrietyDate(date=sober, note="Relapsed; came back the next day.")]
        status = Status()
        if p["state"] == "ended":
            status = Status(state="ended", ended=p["end"], reason=rng.choice(END_REASONS))
        elif p["state"] == "paused":
            status = Status(state="paused", until=self.today + timedelta(days=rng.randint(3, 30)),
                            reason="travelling for work")
        return Sponsee(
            id=p["id"], name=p["name"], program=rng.choice(PROGRAMS), sobriety=sobriety,
            cadence_days=rng.choice([None, None, None, 1, 3, 7]), phone=f"555-01{rng.randint(0, 99):02d}",
            reach=rng.choice(REACH), home_group=rng.choice(GROUPS), sponsored_since=start, status=status,
            notes=rng.choice(NOTES),
        )

    def steps(self, p: dict[str, Any]) -> StepBoard:
        rng = self.rng
        months = max((p["end"] - p["start"]).days // 30, 0)
        done = min(12, months // 3 + rng.randint(0, 2))
        steps, day = [], p["start"]
        per_step = timedelta(days=max((p["end"] - p["start"]).days // 13, 3))
        for number in range(1, 13):
            if number <= done:
                steps.append(Step(number=number, status="done", started=day, completed=day + per_step,
                                  notes=f"Finished step {number} together."))
                day += per_step
            elif number == done + 1 and p["state"] != "ended":
                steps.append(Step(number=number, status="working", started=day, notes="A little every day.",
                                  assignment=[Assignment(id=self._id("a"), text=f"Write answers to the step {number} questions",
                                                         due=self.today + timedelta(days=rng.randint(1, 14)))]))
        return StepBoard(step=steps)

    def suggestions(self, p: dict[str, Any], some_contact: str | None) -> SuggestionFile:
        rng, out = self.rng, []
        span = max((p["end"] - p["start"]).days, 1)
        for _ in range(rng.randint(2, 12)):
            given = p["start"] + timedelta(days=rng.randint(0, span))
            recent = p["state"] != "ended" and (self.today - given).days < 30
            status = "open" if recent else rng.choice(["followed"] * 6 + ["not_followed", "dropped", "dropped"])
            out.append(Suggestion(
                id=self._id("s"), text=rng.choice(SUGGESTIONS), given=given,
                contact=some_contact if rng.random() < 0.3 else None,
                due=given + timedelta(days=7) if rng.random() < 0.4 else None, status=status,
                resolved=None if status == "open" else min(given + timedelta(days=rng.randint(3, 30)), self.today),
                outcome="" if status == "open" else rng.choice(OUTCOMES),
            ))
        if p["state"] != "ended":  # the current work: a few suggestions still open from the last weeks
            for _ in range(rng.randint(1, 3)):
                given = max(self.today - timedelta(days=rng.randint(1, 21)), p["start"])
                out.append(Suggestion(id=self._id("s"), text=rng.choice(SUGGESTIONS), given=given,
                                      due=given + timedelta(days=7) if rng.random() < 0.5 else None))
        return SuggestionFile(suggestion=sorted(out, key=lambda s: s.given))

    def contacts(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        """Contact dicts with the keys, order and omissions of ``Contact.to_toml_dict()``, oldest first."""
        rng, n = self.rng, p["contacts"]
        first, span = p["start"].toordinal(), max((p["end"] - p["start"]).days, 0)
        # rng.random() ** 1.6 puts more contacts early in the sponsorship, as with newcomers
        days = sorted(first + int(span * rng.random() ** 1.6) for _ in range(n))
        if days:
            days[-1] = p["end"].toordinal()  # the last contact is on the last day of the sponsorship
        out = []
        for ordinal in days:
            self.contact_no += 1
            kind = rng.choice(KINDS)
            d = date.fromordinal(ordinal)
            at = datetime(d.year, d.month, d.day, rng.choice((7, 8, 12, 17, 18, 19, 20, 21)),
                          rng.randrange(0, 60, 5), tzinfo=TZ)
            c: dict[str, Any] = {"id": scrambled_id("c", self.contact_no), "at": at, "kind": kind,
                                 "by": "sponsee" if rng.random() < 0.65 else "sponsor"}
            if kind not in ("text", "attempt"):
                c["minutes"] = rng.choice((5, 10, 15, 20, 30, 45, 60, 90))
            c["summary"] = rng.choice(SUMMARIES[kind])
            connected = kind != "attempt"
            c["relapse"] = connected and rng.random() < 0.005
            c["crisis"] = connected and rng.random() < 0.002
            if connected and rng.random() < 0.5:
                c["meetings"] = rng.randint(0, 7)
            c["meeting_notes"] = rng.choice(MEETING_NOTES) if "meetings" in c and rng.random() < 0.2 else ""
            out.append(c)
        out.sort(key=lambda c: c["at"])  # the store keeps each year file oldest first
        return out

    def write(self) -> dict[str, Any]:
        people = self.plan()
        for p in people:
            folder = layout.sponsee_dir(self.root, p["id"])
            tomlio.ensure_dir(folder)
            contacts = self.contacts(p)
            _write(layout.profile_path(self.root, p["id"]),
                   tomlio.dumps(self.sponsee(p).to_toml_dict(), HEADERS["profile"]))
            _write(layout.steps_path(self.root, p["id"]), tomlio.dumps(self.steps(p).to_toml_dict(), HEADERS["steps"]))
            some = contacts[len(contacts) // 2]["id"] if contacts else None
            _write(layout.suggestions_path(self.root, p["id"]),
                   tomlio.dumps(self.suggestions(p, some).to_toml_dict(), HEADERS["suggestions"]))
            by_year: dict[int, list[dict[str, Any]]] = {}
            for c in contacts:
                by_year.setdefault(c["at"].year, []).append(c)
            if by_year:
                tomlio.ensure_dir(layout.contacts_dir(self.root, p["id"]))
            for year, items in by_year.items():
                payload = tomlio.dumps({"schema_version": 1, "contact": items}, HEADERS["contacts"])
                _write(layout.contacts_path(self.root, p["id"], year), payload)
        heavy = people[0]
        newcomer = next((p for p in people if p.get("newcomer")), heavy)
        return {
            "generator": GENERATOR_VERSION, "seed": self.seed, "today": self.today.isoformat(),
            "sponsees": self.n, "contacts": self.m, "active": sum(p["state"] != "ended" for p in people),
            "heavy": {"id": heavy["id"], "contacts": heavy["contacts"]},
            # the save benchmark logs to the newcomer: the same year file size at every data size
            "save_target": newcomer["id"],
        }


def generate(root: Path, sponsees: int, contacts: int, seed: int = 8, today: date = TODAY) -> dict[str, Any]:
    """Write a data set into ``root`` (must be empty or absent); returns the manifest."""
    root = Path(root)
    if (root / layout.SPONSEES).exists():
        raise SystemExit(f"{root} already has sponsees; choose an empty folder")
    if sponsees < 1 or contacts < 0:
        raise SystemExit("--sponsees must be at least 1 and --contacts at least 0")
    tomlio.ensure_dir(layout.sponsees_dir(root))
    started = time.perf_counter()
    manifest = Generator(root, sponsees, contacts, seed, today).write()
    manifest["seconds"] = round(time.perf_counter() - started, 1)
    check(root, manifest)
    (root / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    private_manifest(root)
    return manifest


def private_manifest(root: Path) -> None:
    """The manifest private (0600) like every file sponsordesk makes there: a file readable by others draws
    a "Worth a look" notification at every start, which a user's folder does not have and the bench timed."""
    os.chmod(root / MANIFEST, 0o600)


def check(root: Path, manifest: dict[str, Any]) -> None:
    """Load a sample with the real Store: no problems, and the store writes a year file to the same bytes."""
    store = Store(root)
    today = date.fromisoformat(manifest["today"])
    heavy = manifest["heavy"]["id"]
    record = store.load_sponsee(heavy, today)
    if record is None or store.problems:
        raise RuntimeError(f"generated data does not load: {[p.message for p in store.problems]}")
    total = sum(1 for _ in store.iter_contacts(heavy))
    if total != manifest["heavy"]["contacts"] or store.problems:
        raise RuntimeError(f"{heavy}: expected {manifest['heavy']['contacts']} contacts, loaded {total}")
    years = store.contact_years(heavy)
    if years:
        path = layout.contacts_path(root, heavy, years[0])
        with tempfile.TemporaryDirectory(dir=root) as scratch:  # same disk; removed before the manifest is written
            again = Store(Path(scratch))
            again.add_entries(heavy, contacts=store.contacts_in_year(heavy, years[0]))
            if layout.contacts_path(again.root, heavy, years[0]).read_bytes() != path.read_bytes():
                raise RuntimeError(f"{path} is not in the store's format (the store writes other bytes)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, help="an empty folder to fill (use it with sponsordesk --data-dir)")
    parser.add_argument("--sponsees", type=int, required=True)
    parser.add_argument("--contacts", type=int, required=True)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--today", type=date.fromisoformat, default=TODAY, help="date the data around this day")
    args = parser.parse_args(argv)
    manifest = generate(args.dir, args.sponsees, args.contacts, args.seed, args.today)
    print(f"wrote {manifest['sponsees']} sponsees ({manifest['active']} active or paused) and "
          f"{manifest['contacts']} contacts to {args.dir} in {manifest['seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
