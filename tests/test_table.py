"""Questions over the whole table: rankings, sums, averages, counts, filters, comparisons."""

from __future__ import annotations

import re

import pytest

TABLE = [
    ("Which project got the most money from the EU?", ["SmartSports4GoodLife", "€359,989"]),
    ("Which project had the smallest EU contribution?", ["ECRI", "€160,477"]),
    ("which project received the least EU money in the second call", ["ECRI", "2nd call"]),
    ("Which first-call project had the largest total budget?", ["RUE AERO", "€263,060"]),
    ("top 3 projects by total budget", ["1. SmartSports4GoodLife", "2. TRACE-KEI", "3. INNO-DROP"]),
    ("which project ran the shortest", ["5FOREXCELLENCE", "21 months"]),
    ("What was the total EU contribution in the second call?", ["€1,359,553"]),
    ("How much did the EU contribute across all projects?", ["€2,941,043"]),
    ("average total budget of the first call projects", ["€255,024.67"]),
    ("what's the average EU contribution", ["€245,086.92", "MATERIALIX and CECIL"]),
    ("How many projects are in the knowledge base?", ["12 projects"]),
    ("How many projects were funded in the first call?", ["6 projects"]),
    ("How many calls for proposals were there?", ["3 calls", "2014, 2015 and 2018"]),
    ("how many projects got more than 250000 euros from the EU", ["3 projects"]),
    ("Compare the EU contribution of CLUSGRID and ECRI", ["€201,545", "€160,477", "€41,068"]),
    ("compare the budgets of TCE and 5FOREXCELLENCE", ["€249,422", "€249,416", "€6 more"]),
    ("Did TRACE-KEI get more EU money than INNO-DROP?", ["Yes", "€444"]),
    ("Did ECRI get more than CLUSGRID?", ["No"]),
]


@pytest.mark.parametrize(("question", "facts"), TABLE)
def test_table_question(ask, question: str, facts: list[str]) -> None:
    text = ask(question).text
    for fact in facts:
        assert fact in text


FILTERS = [
    ("Which projects ended in 2018?", {"INNO-DROP", "CLUSGRID", "TRACE-KEI", "COSMENERG", "ECRI"}),
    ("Which projects were running in 2021?", {"SmartSports4GoodLife"}),
    (
        "projects that started in 2016",
        {
            "MATERIALIX",
            "RUE AERO",
            "CECIL",
            "5FOREXCELLENCE",
            "CLUSTEM",
            "TCE",
            "INNO-DROP",
            "CLUSGRID",
            "TRACE-KEI",
            "COSMENERG",
            "ECRI",
        },
    ),
    (
        "Which projects received more than 250,000 euros from the EU?",
        {"MATERIALIX", "CECIL", "SmartSports4GoodLife"},
    ),
    ("projects with a budget under 250k", {"CECIL", "5FOREXCELLENCE", "TCE", "ECRI"}),
    (
        "Which projects were in the first call?",
        {"MATERIALIX", "RUE AERO", "CECIL", "5FOREXCELLENCE", "CLUSTEM", "TCE"},
    ),
    (
        "list the projects of the 2nd call",
        {"SmartSports4GoodLife", "INNO-DROP", "CLUSGRID", "TRACE-KEI", "COSMENERG", "ECRI"},
    ),
]


@pytest.mark.parametrize(("question", "expected"), FILTERS)
def test_filtered_lists_name_exactly_the_right_projects(ask, knowledge, question, expected):
    text = ask(question).text
    named = {
        p.acronym
        for p in knowledge.projects
        if re.search(rf"(?<![\w-]){re.escape(p.acronym)}(?![\w-])", text)
    }
    assert named == expected


def test_empty_filter_says_so(ask) -> None:
    reply = ask("which projects ended in 2030")
    assert "No project" in reply.text
