""" "Each" is every one apart: "the EU contribution of each project" lists each figure, where
"of all projects" gives their total; and words typed short by habit ("gimme", "w/")."""

from __future__ import annotations


def test_the_figure_of_each_project_is_a_list(chat) -> None:
    reply = chat.say("eu contribution of each project")
    assert "(12)" in reply.text and "• ECRI" in reply.text


def test_the_figure_of_each_project_of_a_call(chat) -> None:
    reply = chat.say("eu contribution of each first call project")
    assert "(6)" in reply.text and "• TCE" in reply.text and "• ECRI" not in reply.text


def test_the_figure_of_all_projects_is_their_total(chat) -> None:
    assert "€3,347,790" in chat.say("total budget of all projects").text


def test_did_each_project_asks_of_every_one(chat) -> None:
    reply = chat.say("did each project last 24 months?")
    assert reply.text.startswith("No") and "5FOREXCELLENCE" in reply.text


def test_gimme_and_w_slash(chat) -> None:
    reply = chat.say("gimme every project w/ an EU contribution under 240k")
    assert "(7)" in reply.text and "gimme" not in reply.text


def test_the_plural_figures_of_all_projects_are_each(chat) -> None:
    reply = chat.say("what are the total budgets of all the projects?")
    assert "(12)" in reply.text and "• SmartSports4GoodLife — €469,905" in reply.text


def test_a_figure_in_the_plural_said_alone_lists_every_project(chat) -> None:
    for question in ("all EU contributions please", "budgets?", "all the budgets"):
        reply = chat.say(question)
        assert "(12)" in reply.text, question
        assert reply.confidence < 0.9


def test_a_figure_said_alone_in_the_singular_asks_which_project(chat) -> None:
    assert "Which project do you mean?" in chat.say("budget?").text


def test_a_heading_scopes_both_extremes(chat) -> None:
    reply = chat.say("first call: earliest start and latest end")
    assert "1 January 2016" in reply.text and "31 December 2017" in reply.text
    assert "2022" not in reply.text
