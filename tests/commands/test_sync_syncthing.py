"""Two real Syncthing instances on 127.0.0.1, each with its own sponsordesk: logs and resolutions on both.

Both machines log a contact and resolve a suggestion on the same day while
they cannot see each other; when they reconnect, Syncthing makes conflict
copies of the two files both changed. `sponsordesk sync` on one machine
merges them; Syncthing carries the result over; then both machines hold
every entry, every file parses, and no copy is left. Then a window open on
one machine is named on the other until it closes.

Each instance has its own home folder, is configured by writing its
config.xml before it starts (a fixed API key, ports of our own, no global or
local discovery, no relays, no NAT traversal, no usage reporting) and is
driven through its REST API: scans are asked for, and every wait polls for
the state needed, with a deadline. Skipped where syncthing is not installed
(`.ci/run` installs Debian's package where it can).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from sponsordesk.desk import Desk
from sponsordesk.desk.context import Context
from sponsordesk.model import Contact, Sponsee
from sponsordesk.rules.followthrough import LogEntry, NewSuggestion
from sponsordesk.store import Store, layout, tomlio

from tests.conftest import TODAY

SYNCTHING = shutil.which("syncthing")
pytestmark = pytest.mark.skipif(SYNCTHING is None, reason="syncthing is not installed here (Debian: apt-get install "
                                "syncthing; .ci/run installs it where it can), so the two-machine Syncthing test "
                                "cannot run")
FOLDER = "sponsordesk"
API_KEY = "sponsordesk-test-key"
DEADLINE = 60.0
"""Seconds any one wait may take before the test fails (each takes a second or two)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what: str, check, deadline: float = DEADLINE):
    """Poll ``check`` until it returns something true; fail with ``what`` at the deadline."""
    end = time.monotonic() + deadline
    while True:
        try:
            found = check()
        except (urllib.error.URLError, ConnectionError, OSError):
            found = None
        if found:
            return found
        if time.monotonic() > end:
            pytest.fail(f"timed out after {deadline:.0f} s waiting for {what}")
        time.sleep(0.1)


@dataclass
class Node:
    name: str
    home: Path
    data: Path
    cache: Path
    gui: int
    listen: int
    device: str = ""
    process: subprocess.Popen | None = None
    log: object = None

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(f"http://127.0.0.1:{self.gui}{path}", method=method,
                                         headers={"X-API-Key": API_KEY})
        with urllib.request.urlopen(request, timeout=5) as reply:
            body = reply.read()
        return json.loads(body) if body else None

    def scan(self) -> None:
        self.api(f"/rest/db/scan?folder={FOLDER}", "POST")

    def idle(self) -> bool:
        status = self.api(f"/rest/db/status?folder={FOLDER}")
        return status["state"] == "idle" and status["needTotalItems"] == 0

    def sponsordesk(self, *args: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "SPONSORDESK_DATA_DIR": str(self.data), "SPONSORDESK_CACHE_DIR": str(self.cache),
               "SPONSORDESK_TODAY": TODAY.isoformat()}
        return subprocess.run([sys.executable, "-m", "sponsordesk", *args], capture_output=True, text=True, env=env)

    def desk(self, config: Path) -> Desk:
        return Desk.open(Context.build(data_dir=self.data, today=TODAY, config_dir=config, cache_dir=self.cache))


def configure(node: Node, peer: Node) -> None:
    """Our own ports and API key, the peer at a fixed address, the shared folder; nothing leaves 127.0.0.1."""
    path = node.home / "config.xml"
    tree = ET.parse(path)
    root = tree.getroot()
    gui = root.find("gui")
    gui.find("address").text = f"127.0.0.1:{node.gui}"
    gui.find("apikey").text = API_KEY
    options = root.find("options")
    for key, value in {"listenAddress": f"tcp://127.0.0.1:{node.listen}", "globalAnnounceEnabled": "false",
                       "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false",
                       "urAccepted": "-1", "urSeen": "3", "autoUpgradeIntervalH": "0", "startBrowser": "false",
                       "crashReportingEnabled": "false", "reconnectionIntervalS": "1",
                       "announceLANAddresses": "false"}.items():
        element = options.find(key)
        if element is None:
            element = ET.SubElement(options, key)
        element.text = value
    # only the laptop dials (the desktop waits for it): two machines dialling each other at once sometimes
    # close both connections and wait 20 s to try again
    ET.SubElement(root, "device", id=peer.device, name=peer.name, compression="metadata", introducer="false")
    address = f"tcp://127.0.0.1:{peer.listen}" if node.name == "laptop" else "dynamic"
    root.findall("device")[-1].append(_text("address", address))
    # the folder Syncthing made with its defaults (conflict copies kept, ...), made ours: scans only when asked
    folder = root.find("folder")
    folder.attrib.update(id=FOLDER, label=FOLDER, path=str(node.data), rescanIntervalS="3600",
                         fsWatcherEnabled="false")
    folder.append(ET.Element("device", id=peer.device, introducedBy=""))
    assert int(folder.find("maxConflicts").text) != 0, "Syncthing keeps conflict copies"
    tree.write(path)


def _text(tag: str, text: str) -> ET.Element:
    element = ET.Element(tag)
    element.text = text
    return element


def start(tmp_path: Path, names: tuple[str, ...]) -> list[Node]:
    """A key, a certificate and a config for each machine (made side by side: key generation takes a moment)."""
    nodes = [Node(name, tmp_path / f"st-{name}", tmp_path / name, tmp_path / f"cache-{name}", free_port(), free_port())
             for name in names]
    making = [subprocess.Popen([SYNCTHING, "generate", f"--home={node.home}"], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, env={**os.environ, "HOME": str(node.home)})
              for node in nodes]
    for node, made in zip(nodes, making):
        out, _ = made.communicate(timeout=DEADLINE)
        assert made.returncode == 0, out
        node.device = next(line.split("Device ID:")[1].strip() for line in out.splitlines() if "Device ID:" in line)
        (node.data / ".stfolder").mkdir(parents=True)
        # each machine keeps its own lock and temp files (as the README says for Syncthing)
        (node.data / ".stignore").write_text(".sponsordesk.lock\n(?d)*.sdtmp\n")
    return nodes


def run(node: Node) -> None:
    node.log = open(node.home / "syncthing.log", "w")  # read it when a wait times out
    node.process = subprocess.Popen([SYNCTHING, "serve", f"--home={node.home}", "--no-browser", "--no-restart",
                                     "--no-upgrade"], stdout=node.log, stderr=subprocess.STDOUT,
                                    env={**os.environ, "HOME": str(node.home), "STNOUPGRADE": "1"})


def connected(node: Node, peer: Node) -> bool:
    return node.api("/rest/system/connections")["connections"].get(peer.device, {}).get("connected", False)


def files(node: Node) -> dict[str, bytes]:
    """The notebook's files as this machine has them (what each machine keeps to itself left out)."""
    out = {}
    for path in sorted(node.data.rglob("*")):
        rel = path.relative_to(node.data).as_posix()
        if path.is_file() and not rel.startswith((".st", ".sponsordesk.lock", "backups/")):
            out[rel] = path.read_bytes()
    return out


def in_step(a: Node, b: Node):
    """Both idle with nothing to pull, and holding the same files."""
    for node in (a, b):
        node.scan()
    return a.idle() and b.idle() and files(a) == files(b) and files(a)


@pytest.fixture
def machines(tmp_path):
    laptop, desktop = start(tmp_path, ("laptop", "desktop"))
    configure(laptop, desktop)
    configure(desktop, laptop)
    try:
        for node in (desktop, laptop):  # the one that waits for a call first
            run(node)
            wait_for(f"{node.name}'s Syncthing to answer", lambda: node.api("/rest/system/ping"))
        wait_for("the two Syncthings to connect", lambda: connected(laptop, desktop) and connected(desktop, laptop))
        yield laptop, desktop
    finally:
        running = [node for node in (laptop, desktop) if node.process is not None]
        for node in running:
            node.process.terminate()
        for node in running:
            try:
                node.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                node.process.kill()
                node.process.wait()
            node.log.close()


def resolve(node: Node, config: Path, text: str, status: str) -> None:
    desk = node.desk(config)
    try:
        shown = next(s for s in desk.record("sam-r").suggestions if s.text == text)
        desk.resolve("sam-r", shown, status)
    finally:
        desk.close()


@pytest.mark.slow
def test_two_machines_log_and_resolve_on_the_same_day_and_after_sync_and_merge_both_hold_everything(
        machines, config_dir):
    laptop, desktop = machines
    first = laptop.desk(config_dir)
    first.add_sponsee(Sponsee(id="sam-r", name="Sam Rivera"))
    first.log("sam-r", LogEntry(Contact(id="c-first", at=first.ctx.clock.at(TODAY, 7), summary="First call."),
                                suggestions=[NewSuggestion("Read p. 58"), NewSuggestion("Call first")]))
    first.close()
    wait_for("the notebook to reach the desktop", lambda: in_step(laptop, desktop))

    # apart: each machine changes the same two files, as two people would on one day
    laptop.api(f"/rest/system/pause?device={desktop.device}", "POST")
    wait_for("the two to be apart", lambda: not connected(laptop, desktop) and not connected(desktop, laptop))
    assert laptop.sponsordesk("log", "sam", "--summary", "From the laptop").returncode == 0
    resolve(laptop, config_dir, "Read p. 58", "followed")
    assert desktop.sponsordesk("log", "sam", "--summary", "From the desktop").returncode == 0
    resolve(desktop, config_dir, "Call first", "dropped")
    for node in (laptop, desktop):
        node.scan()
        wait_for(f"{node.name} to see its own changes", node.idle)
    laptop.api(f"/rest/system/resume?device={desktop.device}", "POST")

    # together again: Syncthing keeps one version of each file and a conflict copy of the other, on both
    def copies_everywhere():
        found = in_step(laptop, desktop)
        return found and sorted(rel for rel in found if ".sync-conflict-" in rel)

    copies = wait_for("Syncthing's conflict copies on both machines", copies_everywhere)
    assert len(copies) == 2, copies

    merged = laptop.sponsordesk("sync")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert "Syncthing" in merged.stdout
    wait_for("the merged notebook to reach the desktop",
             lambda: (found := in_step(laptop, desktop)) and not any(".sync-conflict-" in rel for rel in found))
    again = desktop.sponsordesk("sync")
    assert again.returncode == 0 and "No sync conflict copies" in again.stdout

    for node in (laptop, desktop):
        store = Store(node.data, read_only=True)
        [sam] = store.load(TODAY)
        assert not store.problems, [p.describe(node.data) for p in store.problems]
        assert {c.summary for c in store.iter_contacts("sam-r")} == {"First call.", "From the laptop",
                                                                    "From the desktop"}
        assert {s.text: s.status for s in sam.suggestions} == {"Read p. 58": "followed", "Call first": "dropped"}
        for path in node.data.rglob("*.toml"):
            tomlio.parse(path.read_bytes())
        assert not [p for p in node.data.rglob("*") if layout.is_conflict_name(p.name)]

    # a window open on the laptop is named on the desktop until it closes (its marker travels like any file)
    window = laptop.desk(config_dir)
    window.mark_open()  # what the app does while it can save
    mine = window._machine()
    wait_for("the laptop's marker to reach the desktop",
             lambda: (found := in_step(laptop, desktop)) and f".sponsordesk-machines/{mine}.toml" in found)
    other = desktop.desk(config_dir)
    try:
        assert [m.machine for m in other.open_elsewhere()] == [mine]
        window.close()
        wait_for("the laptop's closing to reach the desktop",
                 lambda: in_step(laptop, desktop) and not other.open_elsewhere())
        assert [r.id for r in other.records] == ["sam-r"], "the marker is never read as data"
    finally:
        other.close()
        window.close()

