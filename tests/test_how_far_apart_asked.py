"""Comparisons that ask how far apart ("much bigger?", "only slightly less?"): the answer says
whether the gap is that large, with the gap as a share; and a "no" to "did any of them ...?"
says what the projects tested have instead."""

from __future__ import annotations


def test_much_bigger_when_the_gap_is_tiny(chat) -> None:
    reply = chat.say("is RUE AERO's budget much bigger than CLUSTEM's?")
    assert reply.text.startswith("No, not by much") and "€530 (0.2%)" in reply.text


def test_much_less_when_the_gap_is_large(chat) -> None:
    reply = chat.say("did ECRI get much less than TCE from the EU?")
    assert reply.text.startswith("Yes, by a lot") and "€76,473 (32.3%)" in reply.text


def test_other_words_for_a_large_gap(chat) -> None:
    for question in (
        "was SmartSports4GoodLife's budget way higher than ECRI's?",
        "did SmartSports4GoodLife get a lot more EU money than ECRI?",
        "is SmartSports4GoodLife's total budget significantly bigger than ECRI's",
    ):
        assert chat.say(question).text.startswith("Yes, by a lot"), question


def test_only_slightly(chat) -> None:
    reply = chat.say("did 5FOREXCELLENCE get slightly less than TCE from the EU?")
    assert reply.text.startswith("Yes, only slightly") and "€6" in reply.text
    reply = chat.say("was ECRI's EU grant only a bit smaller than SmartSports4GoodLife's?")
    assert reply.text.startswith("No, by more than that")


def test_a_wrong_direction_is_a_plain_no(chat) -> None:
    reply = chat.say("is ECRI's total budget a lot bigger than CECIL's")
    assert reply.text.startswith("No:") and "less than" in reply.text


def test_by_much_after_a_figure(chat) -> None:
    chat.say("total budget of RUE AERO?")
    reply = chat.say("bigger than CLUSTEM by much?")
    assert reply.text.startswith("No, not by much") and "€530" in reply.text


def test_much_in_how_much_is_no_degree(chat) -> None:
    reply = chat.say("how much did ECRI get")
    assert reply.text == "ECRI received €160,477 from the EU (its EU contribution)."
    assert reply.confidence >= 0.9


def test_none_of_those_says_what_they_have_instead(chat) -> None:
    chat.say("list the call 1 projects")
    reply = chat.say("did any of them end in 2018?")
    assert reply.text.startswith("No")
    assert "30 September 2017 to 31 December 2017" in reply.text


def test_no_project_above_an_amount_says_the_range(chat) -> None:
    reply = chat.say("is there a project in call 1 that got more than 310k from the EU")
    assert reply.text.startswith("No") and "from €236,944 to €308,894" in reply.text


def test_any_other_one_after_a_project(chat) -> None:
    chat.say("Which project had the lowest EU contribution?")
    reply = chat.say("any other project under 200k?")
    assert reply.text.startswith("No") and "€201,545" in reply.text


def test_a_month_without_a_year_before_and_after(chat) -> None:
    reply = chat.say("which projects ended before december?")
    assert "before December (in its year) (7)" in reply.text and "TCE" not in reply.text
    reply = chat.say("which projects started after march")
    assert "(5)" in reply.text and "MATERIALIX" not in reply.text


def test_a_figure_against_an_amount_by_how_much(chat) -> None:
    reply = chat.say("did CLUSGRID get much more than 200k from the EU?")
    assert reply.text.startswith("No, not by much") and "€1,545, 0.8%" in reply.text
    assert chat.say("was ECRI's budget way over 100k?").text.startswith("Yes, by a lot")


def test_only_slightly_said_alone_after_a_check(chat) -> None:
    chat.say("how much did CLUSGRID get from the EU?")
    assert chat.say("was it more than 200k?").text.startswith("Yes:")
    reply = chat.say("only slightly?")
    assert reply.text.startswith("Yes, only slightly") and reply.confidence < 0.9
