"""Questions about what the page does not cover, in our own words: people, contacts, how to
apply, who led a project. The bot says the page does not have it, and shows no figure."""

from __future__ import annotations

import re

import pytest

FIGURE = re.compile(r"€\s?\d|\d{3}[,.]\d{3}")


@pytest.mark.parametrize(
    "question",
    [
        "who is the EU commissioner in charge of the programme?",
        "is there a contact person for the calls?",
        "how do I go about applying?",
        "what's the email of the programme office?",
        "who was the director of the programme?",
    ],
)
def test_the_page_does_not_say(ask, question: str) -> None:
    text = ask(question).text
    assert "does not say anything about" in text, text
    assert not FIGURE.search(text), text


@pytest.mark.parametrize(
    "question", ["who led TCE?", "which organisation was the lead partner of CLUSTEM?"]
)
def test_who_led_a_project_is_not_published(ask, question: str) -> None:
    text = ask(question).text
    assert "does not list the partners" in text, text
    assert not FIGURE.search(text), text


@pytest.mark.parametrize(
    "question",
    [
        "why did ECRI get less money than CLUSGRID?",
        "why did SmartSports4GoodLife only start in 2020?",
        "why does SmartSports4GoodLife have 2020 dates if it's a 2nd call project?",
    ],
)
def test_a_why_gets_the_figures_and_says_the_page_gives_no_reasons(ask, question: str) -> None:
    text = ask(question).text
    assert "The page does not say why" in text
    assert "€" in text or "2020" in text
    assert not text.startswith(("Yes", "No")), text  # a why is not answered yes or no


def test_jobs_created_are_not_on_the_page(ask) -> None:
    reply = ask("how many jobs did the programme create")
    assert "does not say anything about “jobs”" in reply.text
    assert "€" not in reply.text


def test_what_the_page_lacks_beside_a_figure_it_gives_is_said_not_dropped(ask) -> None:
    # "Yes: INNO-DROP ended on 15 November 2018" answered whether it was extended
    text = ask("was INNO-DROP's end date extended?").text
    assert not text.startswith("Yes") and "“extended”" in text and "15 November 2018" in text
    text = ask("ECRI budget and website").text
    assert "€228,949" in text and "“website”" in text
    text = ask("how much did CLUSGRID get in US dollars?").text
    assert "“us dollars”" in text and "$" not in text


def test_a_projects_money_in_one_year_is_not_split_by_the_page(ask) -> None:
    reply = ask("what was ECRI's EU contribution in 2017")
    assert reply.text.startswith("The page does not split"), reply.text
    assert "2017" in reply.text and "€160,477" in reply.text and reply.confidence < 0.9
    reply = ask("How much did the EU pay COSMENERG in 2017 specifically?")
    assert reply.text.startswith("The page does not split") and "€210,510" in reply.text
