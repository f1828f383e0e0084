"""One fact about one project, in many wordings, with typos; and whole project cards."""

from __future__ import annotations

import pytest

from bot.engine import Reply

FACTS = [
    # EU contribution
    ("what did CLUSGRID get from the EU", "€201,545"),
    ("How much EU money went to ECRI?", "€160,477"),
    ("how much did the eu put into clustem?", "€249,401"),
    ("what was TCE's grant", "€236,950"),
    ("EU funding for rue-aero", "€249,851"),
    ("How much did the European Union pay for 5FOREXCELLENCE?", "€236,944"),
    ("What was the EU contribution to the Clusters for Smart Grid project?", "€201,545"),
    # total budget
    ("total budget of INNO-DROP", "€284,392"),
    ("how much did COSMENERG cost", "€280,685"),
    ("budget ECRI", "€228,949"),
    ("what was the overall budget of Towards Cluster Excellency", "€249,422"),
    # dates and duration
    ("When did CLUSGRID start?", "16 November 2016"),
    ("when did 5FOREXCELLENCE finish", "30 September 2017"),
    ("How long did TRACE-KEI run?", "24 months"),
    ("how long was 5FOREXCELLENCE", "21 months"),
    ("start and end dates of CECIL", "1 January 2016 to 31 December 2017"),
    # names, calls, shares, partners
    ("What does TCE stand for?", "Towards Cluster Excellency"),
    ("full name of ECRI", "Excellence Cluster for Regional Improvement"),
    ("Which call was COSMENERG in?", "2nd call"),
    ("which call was CECIL part of", "1st call for proposals (2014)"),
    ("What share of CLUSGRID's budget did the EU cover?", "75.0%"),
    ("co-financing rate of ECRI", "70.1%"),
]

TYPOS = [
    ("waht did clusgird get from teh eu", "€201,545"),
    ("how much eu money for trace kie", "€213,738"),
    ("cosmenrg eu contributon", "€210,510"),
    ("5 for excellence budget", "€249,416"),
    ("five for excellence budget", "€249,416"),
    ("smart sports 4 good life eu contribution", "€359,989"),
    ("inno drop eu funding", "€213,294"),
    ("materialx total budget", "€258,437"),
    ("WHAT DID ECRI GET FROM THE EU???", "€160,477"),
    ("Reaching Up to Excellence in Aerospace Cluster Management budget", "€263,060"),
]


@pytest.mark.parametrize(("question", "fact"), FACTS + TYPOS)
def test_a_field_of_a_project(ask, question: str, fact: str) -> None:
    reply: Reply = ask(question)
    assert fact in reply.text
    assert reply.intent == "project_field"
    # words the bot could not read ("waht", "teh") lower its confidence: it answered
    # without them, and says so in the number it reports
    unread = "waht" in question
    assert reply.confidence >= (0.6 if unread else 0.85)


def test_partners_are_honestly_not_published(ask) -> None:
    reply = ask("Who were the partners of CLUSGRID?")
    assert "does not list" in reply.text
    assert "€" not in reply.text


def test_missing_full_name_is_said_plainly(ask) -> None:
    reply = ask("what does SmartSports4GoodLife stand for")
    assert "no full name" in reply.text


def test_eu_contribution_above_budget_carries_the_caveat(ask) -> None:
    reply = ask("what did MATERIALIX get from the EU")
    assert "€308,894" in reply.text
    assert "more than its total budget" in reply.text


def test_late_second_call_dates_carry_the_caveat(ask) -> None:
    reply = ask("when did SmartSports4GoodLife start")
    assert "3 February 2020" in reply.text
    assert "years after" in reply.text


def test_a_field_without_inconsistency_has_no_caveat(ask) -> None:
    assert "As published" not in ask("budget of TCE").text


@pytest.mark.parametrize("question", ["tell me about ECRI", "ECRI", "what is ECRI", "ecri?"])
def test_project_card_has_every_fact(ask, question: str) -> None:
    reply = ask(question)
    assert reply.intent == "project_card"
    for fact in (
        "Excellence Cluster for Regional Improvement",
        "€160,477",
        "€228,949",
        "16 November 2016",
        "15 November 2018",
        "2nd call",
        "70.1%",
        "not published",
    ):
        assert fact in reply.text


def test_card_html_is_escaped_and_bold(ask) -> None:
    reply = ask("tell me about COSMENERG")
    assert reply.html.startswith("<b>COSMENERG</b>")
    assert "(eco- and bio) energy" in reply.html
    assert reply.source and "Cluster Excellence Programme" in reply.source


def test_not_on_page_topics_are_declined_plainly(ask) -> None:
    reply = ask("what is the website of CLUSGRID")
    assert reply.intent == "not_on_page"
    assert "does not say" in reply.text
