"""Checking the answer just given: "that's the budget, right?" after a project's EU money
says which figure it was and gives the one named; "and CLUSGRID?" after "was RUE AERO among
them?" asks the same of CLUSGRID. Never sure: the words point back."""

from __future__ import annotations

SURE = 0.9


def test_that_was_not_the_figure_named(chat) -> None:
    chat.say("how much did trace-kei get from the EU")
    reply = chat.say("that's the budget right?")
    assert reply.text.startswith("No: that was TRACE-KEI's EU contribution (€213,738)")
    assert "€284,984" in reply.text and reply.confidence < SURE


def test_that_was_the_figure_named(chat) -> None:
    chat.say("ECRI's EU grant?")
    reply = chat.say("that was the EU part, wasn't it?")
    assert reply.text.startswith("Yes: that was ECRI's EU contribution")
    assert "€160,477" in reply.text


def test_a_question_about_its_other_figures_is_not_a_check_of_that(chat) -> None:
    chat.say("who were CECIL's partners?")
    reply = chat.say("ok, what were its start and end dates then?")
    assert not reply.text.startswith(("No", "Yes"))
    assert "1 January 2016" in reply.text


def test_and_another_project_after_a_membership_check(chat) -> None:
    chat.say("list call 1 projects")
    assert chat.say("was RUE AERO among them?").text.startswith("Yes")
    reply = chat.say("and CLUSGRID?")
    assert reply.text.startswith("No: CLUSGRID is not one of those 6 projects")
    assert reply.confidence < SURE
    assert chat.say("and TCE?").text.startswith("Yes: TCE")
