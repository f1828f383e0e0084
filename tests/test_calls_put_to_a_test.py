"""Calls put to a test: which calls had more than so many projects, or projects that together
(or on average) passed an amount, or only projects of some kind; how many calls did; whether
any did. And the projects "in the call with the larger total budget"."""

from __future__ import annotations

THIRD_CALL_UNLISTED = "The 3rd call for proposals (2018): the page does not list its projects"


def test_calls_with_more_than_so_many_projects(chat) -> None:
    reply = chat.say("which calls had more than 5 projects?")
    assert reply.text.startswith("Calls with more than 5 projects: the 1st call")
    assert "• The 2nd call for proposals (2015): 6" in reply.text
    assert THIRD_CALL_UNLISTED in reply.text


def test_a_number_of_projects_is_never_read_as_all_of_them(chat) -> None:
    reply = chat.say("which call had more than 3 projects?")
    assert "the most projects" not in reply.text and "Calls with more than 3" in reply.text


def test_fewer_and_at_least(chat) -> None:
    assert "Calls with fewer than 7 projects" in chat.say("calls with fewer than 7 projects").text
    reply = chat.say("which rounds had at least 6 projects")
    assert "at least 6 projects: the 1st call" in reply.text


def test_any_call_asked_yes_or_no(chat) -> None:
    reply = chat.say("did any call fund more than 6 projects?")
    assert reply.text.startswith("No: no call with more than 6 projects")
    assert chat.say("was there a call with over five projects?").text.startswith("Yes")


def test_how_many_calls(chat) -> None:
    reply = chat.say("how many calls had 6 projects?")
    assert reply.text.startswith("2 calls for proposals with exactly 6 projects")


def test_calls_by_their_projects_together(chat) -> None:
    reply = chat.say("which calls had combined EU funding above 1.4 million?")
    assert reply.text.startswith("Calls whose total EU contribution was above €1,400,000")
    assert "the 1st call" in reply.text.split("\n")[0]
    assert "the 2nd call" not in reply.text.split("\n")[0]
    assert "€1,359,553" in reply.text  # every call's figure is shown


def test_a_call_total_said_as_a_field(chat) -> None:
    reply = chat.say("which call had a total budget over 1.5 million")
    assert "€1,530,148" in reply.text and "€1,817,642" in reply.text
    assert "No project" not in reply.text


def test_a_call_average(chat) -> None:
    reply = chat.say("which calls averaged more than 300k total budget per project")
    assert reply.text.startswith("Calls whose average total budget was above €300,000: the 2nd")


def test_the_sum_said_after_the_test(chat) -> None:
    reply = chat.say("did any call get more than 1.5 million from the EU in total?")
    assert reply.text.startswith("Yes") and "€1,581,490" in reply.text


def test_calls_with_projects_of_some_kind(chat) -> None:
    reply = chat.say("which calls had at least one project still running in 2021?")
    assert "the 2nd call for proposals (2015)." in reply.text.split("\n")[0]
    assert "1 (SmartSports4GoodLife)" in reply.text


def test_calls_where_every_project_passes(chat) -> None:
    reply = chat.say("was there a call where every single project wrapped up by the end of 2017?")
    assert reply.text.startswith("Yes") and "6 of 6" in reply.text and "0 of 6" in reply.text
    reply = chat.say("which call's projects all ended in 2017?")
    assert "the 1st call for proposals (2014)." in reply.text.split("\n")[0]


def test_that_call_after_a_single_call_passed(chat) -> None:
    chat.say("which call's projects all ended in 2017?")
    assert "6 projects in the 1st call" in chat.say("how many projects did that call have?").text


def test_the_projects_in_the_call_with_the_larger_budget(chat) -> None:
    reply = chat.say("which projects were in the call with the larger total budget?")
    assert "(the 2nd call for proposals (2015)) (6)" in reply.text and "• ECRI" in reply.text
    reply = chat.say(
        "In the call with the larger total budget, which project had the smallest EU share?"
    )
    assert reply.text.startswith("ECRI has the smallest co-financing share")


def test_an_order_said_first(chat) -> None:
    reply = chat.say(
        "cheapest to most expensive, only the second-call projects that started in 2016"
    )
    assert reply.text.startswith("The 5 projects") and "smallest first" in reply.text


def test_than_the_average_project_of_a_call(chat) -> None:
    reply = chat.say("which projects got more EU cash than the average first-call project did?")
    assert "(€263,581.67) (3)" in reply.text


def test_which_call_had_the_longer_running_projects(chat) -> None:
    reply = chat.say("which call had the longer-running projects on average?")
    assert reply.text.startswith(
        "The 2nd call for proposals (2015) had the longer average duration"
    )
