"""`sponsordesk --version` answers without opening the app."""

def test_version_still_prints(capsys):
    from sponsordesk.cli import main

    try:
        main(["--version"])
    except SystemExit as done:
        assert done.code == 0
    assert "sponsordesk" in capsys.readouterr().out
