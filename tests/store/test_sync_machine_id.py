"""This machine's id: made once, kept, and never shared by two computers through a copied home folder."""

from sponsordesk.store import sync_machine, tomlio


def test_the_id_is_made_once_and_kept(tmp_path):
    first = sync_machine.machine_id(tmp_path)
    assert sync_machine.machine_id(tmp_path) == first
    kept = tomlio.parse((tmp_path / sync_machine.ID_FILE).read_bytes())
    assert kept == {"id": first, "host": sync_machine.computer_name()}


def test_a_cache_folder_copied_to_another_computer_gets_an_id_of_its_own(tmp_path, monkeypatch):
    desktop = sync_machine.machine_id(tmp_path)
    monkeypatch.setattr(sync_machine, "computer_name", lambda: "new-laptop")  # the home folder, copied over
    laptop = sync_machine.machine_id(tmp_path)
    assert laptop != desktop, "two computers with one id would count each other's saves as their own"
    assert sync_machine.machine_id(tmp_path) == laptop


def test_an_id_from_before_computer_names_were_kept_is_kept(tmp_path):
    (tmp_path / sync_machine.ID_FILE).write_text('id = "k3f9qa"\n')
    assert sync_machine.machine_id(tmp_path) == "k3f9qa"
    assert tomlio.parse((tmp_path / sync_machine.ID_FILE).read_bytes())["host"] == sync_machine.computer_name()
