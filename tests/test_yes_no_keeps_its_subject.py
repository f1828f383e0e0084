"""A yes/no follow-up keeps the project it asks about: "but more than CLUSGRID?" after "was
it [COSMENERG] more than INNO-DROP got?" is still COSMENERG's; "did the EU pay more than
that?" after MATERIALIX's budget is MATERIALIX's EU contribution; "is CECIL or MATERIALIX
the one with more?" asks which; and a claim that one alone meets a test ("is it the only
first-call project under 250k?") is not answered as if "the only" were not said."""

from __future__ import annotations

import pytest

SURE = 0.9


def test_the_next_comparison_is_of_the_same_subject(chat) -> None:
    chat.say("how much did COSMENERG get from the EU")
    chat.say("was it more than INNO-DROP got?")
    reply = chat.say("but more than CLUSGRID?")
    assert reply.text.startswith("Yes") and "COSMENERG" in reply.text
    assert "€201,545" in reply.text and "€213,294" not in reply.text
    assert "€280,685" in chat.say("and its total budget?").text  # still COSMENERG


def test_the_eu_paying_more_than_that_is_the_same_projects_grant(chat) -> None:
    chat.say("What did MATERIALIX cost in total?")
    reply = chat.say("did the EU pay more than that??")
    assert reply.text.startswith("Yes") and "€308,894" in reply.text
    assert "SmartSports4GoodLife" not in reply.text and reply.confidence < SURE


def test_one_or_the_other_asks_which(chat) -> None:
    reply = chat.say("Is CECIL or MATERIALIX the one with the higher EU contribution?")
    assert "MATERIALIX's EU contribution is higher" in reply.text
    assert "€247,283" in chat.say("And the other one — what's its total budget?").text


@pytest.mark.parametrize(
    "question",
    [
        "is it the only first call project under 250k?",
        "is CECIL the sole project with a budget under 250k?",
    ],
)
def test_a_claim_of_the_only_one_is_not_passed_over(chat, question: str) -> None:
    chat.say("what was the total budget of CECIL?")
    reply = chat.say(question)
    assert not reply.text.startswith("Yes")
    assert reply.confidence < SURE


@pytest.mark.parametrize(
    "question",
    [
        "which is the only project from 2020?",
        "the only project that started in 2020?",
        "which project is the only one to run into 2022",
    ],
)
def test_which_is_the_only_one_is_answered_by_the_list(chat, question: str) -> None:
    assert "SmartSports4GoodLife" in chat.say(question).text


def test_the_single_largest_is_still_the_largest(chat) -> None:
    assert "SmartSports4GoodLife" in chat.say("which call had the single largest EU grant").text


def test_a_scope_said_last_is_never_sure_of_the_first_figure(chat) -> None:
    # (the first figure is still of every project, said as such; see the note)
    reply = chat.say("what are the combined total budget and combined EU contribution for call 1?")
    assert "of the 12 projects" in reply.text and reply.confidence < SURE


def test_a_scope_said_first_holds_for_both_figures(chat) -> None:
    reply = chat.say("For call 1, what are the combined total budget and combined EU contribution?")
    assert "€1,530,148" in reply.text and "€1,581,490" in reply.text
    assert "€2,941,043" not in reply.text


def test_its_other_figure_bigger_than_that(chat) -> None:
    chat.say("CECIL's total budget, please?")
    reply = chat.say("and was its EU contribution bigger than that?")
    assert reply.text.startswith("Yes") and "€299,450" in reply.text


def test_that_more_than_its_other_figure(chat) -> None:
    chat.say("CECIL's EU contribution?")
    assert chat.say("is that more than its budget?").text.startswith("Yes")


def test_all_of_a_list_checked_at_once_says_which_are_not(chat) -> None:
    chat.say("first call projects with their durations")
    reply = chat.say("are they all 24 months long?")
    assert reply.text.startswith("No, not all of them") and "5FOREXCELLENCE" in reply.text


def test_both_checked_at_once(chat) -> None:
    chat.say("ECRI and CLUSGRID budgets")
    assert chat.say("were both in call 2?").text.startswith("Yes, both")


def test_an_amount_is_never_a_test_of_the_partners(chat) -> None:
    # ("who" may ask for partners; "over 300k" tests an amount, never a list of names)
    chat.say("First-call projects with more than 240k of EU money?")
    chat.say("and the second call?")
    reply = chat.say("now across all projects, who got over 300k?")
    assert "SmartSports4GoodLife" in reply.text and "MATERIALIX" in reply.text


def test_a_statement_asked_of_it(chat) -> None:
    chat.say("end date of inno-drop?")
    reply = chat.say("so it was still going in december 2018?")  # was: a list of none
    assert reply.text.startswith("No: INNO-DROP") and "15 November 2018" in reply.text


def test_a_statement_asked_of_two_named(chat) -> None:
    chat.say("Which call was ECRI part of?")
    reply = chat.say("so ecri and smartsports4goodlife were in the same call?")
    assert reply.text.startswith("Yes") and "2nd call" in reply.text


def test_a_statement_without_a_question_mark_is_not_turned_around(chat) -> None:
    chat.say("end date of inno-drop?")
    reply = chat.say("it was in call 2")
    assert not reply.text.startswith(("Yes", "No:"))


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("CECIL got more than TCE?", "Yes: CECIL's EU contribution (€299,450)"),
        ("ECRI got less EU money than CLUSGRID?", "Yes: ECRI's EU contribution (€160,477)"),
    ],
)
def test_a_comparison_stated_with_a_question_mark(chat, question: str, verdict: str) -> None:
    assert chat.say(question).text.startswith(verdict)
