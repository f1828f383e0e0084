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


def test_an_acknowledgement_is_answered_and_keeps_the_talk_going(chat) -> None:
    chat.say("ECRI budget")
    for said in ("ok", "cool", "sweet"):
        reply = chat.say(said)
        assert "not sure" not in reply.text and "€" not in reply.text, said
    assert "€249,422" in chat.say("and TCE?").text  # the last question still goes on


def test_thanks_thats_all_is_no_question_about_the_last_answer(chat) -> None:
    chat.say("ECRI budget")
    reply = chat.say("thanks, that's all")
    assert "€" not in reply.text


def test_who_got_it_is_not_an_acknowledgement(chat) -> None:
    reply = chat.say("What's the fourth-biggest EU grant, who got it, and which call was that?")
    assert "RUE AERO" in reply.text and "Glad" not in reply.text


def test_the_second_of_those(chat) -> None:
    chat.say("what are CLUSTEM and COSMENERG's end dates")
    reply = chat.say("the 2nd of the two - how much EU money did it get")
    assert "€210,510" in reply.text and "€249,401" not in reply.text
    chat.say("compare TCE and 5FOREXCELLENCE budgets")
    reply = chat.say("the second of those, when did it end?")
    assert "30 September 2017" in reply.text and "31 December 2017" not in reply.text
