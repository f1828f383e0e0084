"""Wordings people use that the grammar reads with words from the knowledge: "max minus
min", "how many euros separate ...", "chip in on top of the EU grant", "ie", "less then",
"the project that ran for the shortest time", "of all the EU cash, how many percent ..."."""

from __future__ import annotations


def test_a_range_said_as_max_minus_min(chat) -> None:
    reply = chat.say("what's the range of the eu contributions, max minus min")
    assert "€199,512" in reply.text


def test_euros_that_separate_two_figures(chat) -> None:
    reply = chat.say(
        "how many euros separate the largest and smallest EU grants within the 1st call"
    )
    assert "€71,950" in reply.text


def test_what_a_project_chipped_in_on_top_of_the_eu_grant(chat) -> None:
    reply = chat.say("How much did CECIL have to chip in on top of the EU grant?")
    assert "own contribution" in reply.text and "52,167" in reply.text
    assert "wrong way round" in reply.text  # CECIL's figures do not fit: said with it


def test_ie_and_a_typo_of_than_pass(chat) -> None:
    reply = chat.say("which project paid the most out of its own pocket, ie total minus eu")
    assert reply.text.startswith("SmartSports4GoodLife") and "€109,916" in reply.text
    reply = chat.say("did any project run for less then two years?")
    assert reply.text.startswith("Yes") and "5FOREXCELLENCE" in reply.text


def test_the_project_a_clause_describes(chat) -> None:
    reply = chat.say("for each call, the project with the smallest budget")
    assert "CECIL" in reply.text and "ECRI" in reply.text


def test_the_whole_said_before_the_share(chat) -> None:
    reply = chat.say("of all the EU cash handed out, how many percent ended up with call 1?")
    assert "53.8%" in reply.text and "103.4%" not in reply.text
    reply = chat.say("how many percent more did CLUSGRID get than ECRI?")
    assert "25.6%" in reply.text


def test_any_after_a_call_asks_whether_there_are_some(chat) -> None:
    reply = chat.say("in call 1, any projects under 237k EU contribution?")
    assert reply.text.startswith("Yes") and "TCE" in reply.text and "CLUSTEM" not in reply.text
    reply = chat.say("What was the highest EU contribution of any project in the programme?")
    assert reply.text.startswith("SmartSports4GoodLife")  # "of any": no yes/no question


def test_its_after_a_calculation_is_the_first_figures_project(chat) -> None:
    reply = chat.say("ECRI's budget times two minus its EU grant")
    assert "€297,421" in reply.text
