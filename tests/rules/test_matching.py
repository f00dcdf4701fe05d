import pytest

from sponsordesk.rules.matching import NoMatch, match_sponsee
from sponsordesk.model import Sponsee, Status

PEOPLE = [
    Sponsee(id="sam-r", name="Sam Rivera"),
    Sponsee(id="sam-r-2", name="Samantha Roberts"),
    Sponsee(id="dana-o", name="Dana Okafor"),
    Sponsee(id="jo-k", name="Jo Kim", status=Status(state="ended", ended="2026-01-01")),
]


def test_id_and_whole_name_win_over_prefixes():
    assert match_sponsee(PEOPLE, "sam-r").id == "sam-r"
    assert match_sponsee(PEOPLE, "  sam   RIVERA ").id == "sam-r"


def test_unambiguous_prefix_of_name_or_a_later_word():
    assert match_sponsee(PEOPLE, "dan").id == "dana-o"
    assert match_sponsee(PEOPLE, "Samanth").id == "sam-r-2"
    assert match_sponsee(PEOPLE, "okaf").id == "dana-o"


def test_ambiguous_prefix_lists_the_matches():
    with pytest.raises(NoMatch) as error:
        match_sponsee(PEOPLE, "sam")
    message = str(error.value)
    assert "matches 2 sponsees" in message and "Sam Rivera" in message and "Samantha Roberts" in message


def test_nobody_matches_names_the_known_ids():
    with pytest.raises(NoMatch, match="no sponsee matches 'zed'; known ids: dana-o, jo-k, sam-r, sam-r-2"):
        match_sponsee(PEOPLE, "zed")
    with pytest.raises(NoMatch, match="give a sponsee"):
        match_sponsee(PEOPLE, " ")


def test_a_name_in_any_script_is_found_as_typed_or_in_ascii():
    from sponsordesk.model import Sponsee
    from sponsordesk.rules.matching import match_sponsee

    people = [Sponsee(id="jose-m", name="José Muñoz"), Sponsee(id="dmitriy", name="Дмитрий Орлов"),
              Sponsee(id="wangxiaoming", name="王小明")]
    assert match_sponsee(people, "munoz").id == "jose-m"
    assert match_sponsee(people, "Muñoz").id == "jose-m"
    assert match_sponsee(people, "jose").id == "jose-m"
    assert match_sponsee(people, "orlov").id == "dmitriy"
    assert match_sponsee(people, "Дми").id == "dmitriy"
    assert match_sponsee(people, "王").id == "wangxiaoming"
