"""Follow-ups that keep every word they say: "ok just call 1" after a list, "just the largest
three", "which projects in that call are above that average?", a question of its own after
two figures ("what share of the combined EU money went to call 1?"), and "same for call 1"
after a composed figure of call 2."""

from __future__ import annotations


def test_ok_just_a_call_after_a_list(chat) -> None:
    chat.say("all EU contributions please")
    reply = chat.say("ok just call 1")
    assert reply.text.startswith("Projects in the 1st call for proposals (2014) (6)")
    assert "€1,581,490" in reply.text


def test_the_largest_three_after_a_list(chat) -> None:
    chat.say("what are the total budgets of all the projects?")
    reply = chat.say("just the largest three")
    assert "the 3 with the largest total budget" in reply.text and "INNO-DROP" in reply.text


def test_a_number_beside_a_superlative(chat) -> None:
    reply = chat.say("the three largest by total budget")
    assert "the 3 with the largest total budget" in reply.text


def test_a_number_after_a_superlative(chat) -> None:
    reply = chat.say("which are the biggest three by total budget")
    assert "the 3 with the largest total budget" in reply.text


def test_that_call_and_that_average(chat) -> None:
    chat.say("first call average total budget")
    reply = chat.say("which projects in that call are above that average?")
    assert "(3)" in reply.text and "MATERIALIX" in reply.text and "INNO-DROP" not in reply.text


def test_a_question_of_its_own_after_two_figures(chat) -> None:
    chat.say("total EU contribution in the first call")
    chat.say("and second call?")
    reply = chat.say("what share of the combined EU money went to call 1?")
    assert "53.8%" in reply.text


def test_same_for_another_call_after_a_composed_figure(chat) -> None:
    chat.say("EU contribution of the 2nd call in total")
    assert "74.8%" in chat.say("as a % of that call's total budget?").text
    reply = chat.say("same for call 1")
    assert "103.4%" in reply.text and reply.confidence < 0.9
