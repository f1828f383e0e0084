"""When the bot is unsure it asks back; when it does not know, it says so, never a figure."""

from __future__ import annotations

import re

import pytest
from tests.conftest import edit, set_selected_projects

from bot.engine import Engine
from bot.knowledge import load_knowledge

FIGURE = re.compile(r"\d{3}[,.\s]\d{3}")


@pytest.mark.parametrize(
    "question",
    [
        "What did GALAXYNET get from the EU?",
        "GALAXYNET",
        "How much did the EU give to the Moon base project?",
        "what's the weather in Brussels",
        "tell me a joke",
        "who is the president of France",
        "cluster",
        "excellence",
        "materials budget",
        "asdfghjkl",
        "1234567",
        "€€€",
    ],
)
def test_declines_without_a_figure(ask, question: str) -> None:
    reply = ask(question)
    assert not FIGURE.search(reply.text), reply.text
    assert re.search(r"\b(sorry|don't|can't|which|did you mean|no|does not)\b", reply.text, re.I)


def test_unknown_project_is_named_back(ask) -> None:
    reply = ask("What did GALAXYNET get from the EU?")
    assert reply.intent == "unknown_project"
    assert "GALAXYNET" in reply.text


def test_decline_offers_an_example(ask) -> None:
    reply = ask("what's the weather in Brussels")
    assert reply.intent == "decline"
    assert "for example" in reply.text
    assert reply.suggestions


@pytest.mark.parametrize(
    ("word", "not_project"),
    [
        ("cluster", "CLUSTEM"),
        ("clusters", "CLUSTEM"),
        ("materials", "MATERIALIX"),
        ("excellence", "5FOREXCELLENCE"),
        ("the", "TCE"),
        ("tea", "TCE"),
        ("ice", "TCE"),
        ("eric", "ECRI"),
        ("circle", "CECIL"),
        ("smart", "SmartSports4GoodLife"),
    ],
)
def test_ordinary_words_are_not_project_names(engine: Engine, word: str, not_project: str):
    frame = engine.parser.parse(f"what did {word} get from the EU")
    assert all(m.entity.name != not_project for m in frame.names + frame.doubtful)


def test_a_doubtful_name_is_asked_back(ask) -> None:
    reply = ask("clusgrem")
    assert reply.intent == "clarify"
    assert reply.text.startswith("Did you mean")
    assert "CLUSTEM" in [s.label for s in reply.suggestions]


def test_two_close_names_are_both_offered(knowledge_copy) -> None:
    edit(
        knowledge_copy / "projects.yaml",
        "  - acronym: ECRI\n",
        "  - acronym: CLUSGRIT\n    name: not published\n    call: 2\n    start: 2016-11-16\n"
        "    end: 2018-11-15\n    total_budget: 1000\n    eu_contribution: 900\n"
        "    partners: not published\n\n  - acronym: ECRI\n",
    )
    set_selected_projects(knowledge_copy, 2, 7)
    engine = Engine(load_knowledge(knowledge_copy))
    reply = engine.answer("what did clusgri get from the EU")
    assert reply.intent == "clarify"
    assert "Did you mean CLUSGRID or CLUSGRIT?" in reply.text
    assert {s.label for s in reply.suggestions} == {"CLUSGRID", "CLUSGRIT"}
    assert not FIGURE.search(reply.text)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "?!", "\u202e\u200b"])
def test_empty_or_junk_input_gets_a_polite_prompt(ask, text: str) -> None:
    reply = ask(text)
    assert reply.text
    assert not FIGURE.search(reply.text)


def test_very_long_input_is_truncated_with_a_note(ask) -> None:
    reply = ask("what did CLUSGRID get from the EU " + "blah " * 30_000)
    assert "read only its beginning" in reply.text
    assert "€201,545" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "What did <b>GALAXY&NET</b> get from the EU?",
        "tell me about <script>alert(1)</script> CLUSGRID & co",
        "help <i>me</i>",
    ],
)
def test_html_has_only_the_bots_own_tags(ask, question: str) -> None:
    html = ask(question).html
    assert not re.search(r"<(?!/?b>)", html), html


def test_yes_after_did_you_mean_answers_the_question_first_asked(chat) -> None:
    assert chat.say("what did clusgrem get from the EU").text == "Did you mean CLUSTEM?"
    assert "€249,401" in chat.say("yes").text


def test_a_name_after_did_you_mean_answers_the_question_for_that_name(chat) -> None:
    chat.say("what did clusgrem get from the EU")
    assert "€201,545" in chat.say("CLUSGRID").text  # a different name: the user corrects us


def test_each_suggested_name_carries_the_corrected_question(ask) -> None:
    reply = ask("when did clusgrem end")
    (suggestion,) = reply.suggestions
    assert suggestion.label == "CLUSTEM"
    assert "CLUSTEM" in suggestion.question and "end" in suggestion.question


def test_a_new_question_after_did_you_mean_is_answered_on_its_own(chat) -> None:
    chat.say("what did clusgrem get from the EU")
    assert "15 November 2018" in chat.say("when did ECRI end").text
    assert chat.say("yes").intent == "confirm"  # nothing is open any more


def test_a_year_among_unknown_words_is_not_a_question_about_projects(ask) -> None:
    reply = ask("who won the 2018 world cup")
    assert reply.intent == "decline"
    assert not FIGURE.search(reply.text)
    assert ask("which projects were running in 2018").intent == "project_list"


def test_a_month_is_never_taken_for_a_misspelt_project_name(knowledge_copy) -> None:
    # a project called OCTOBERX: "october" is one letter short of its name, but it is a month
    edit(knowledge_copy / "projects.yaml", "acronym: ECRI", "acronym: OCTOBERX")
    engine = Engine(load_knowledge(knowledge_copy))
    reply = engine.answer("which projects ended in october 2018?")
    assert "October 2018" in reply.text and "OCTOBERX" not in reply.text, reply.text
    assert "€" in engine.answer("octoberx eu contribution").text  # the name itself still works


def test_a_misspelt_name_is_found_beside_the_words_of_the_question(ask) -> None:
    assert "CLUSGRID received €201,545" in ask("clusgrd eu contribution").text
    assert "CLUSGRID" in ask("what was the total budgt of clusgrd?").text


def test_a_name_that_ends_with_an_ordinary_word_is_found_misspelt(knowledge_copy) -> None:
    # a word of the bot's ("budget") near a word of a name ("budgeta") may end a misspelt
    # name; one foreign to every name ("contribution", "budget" on the page) may not
    assert "budget" in Engine(load_knowledge(knowledge_copy)).parser.lex.edges
    edit(knowledge_copy / "projects.yaml", "acronym: CLUSGRID", "acronym: BLUE BUDGETA")
    engine = Engine(load_knowledge(knowledge_copy))
    edges = engine.parser.lex.edges
    assert "contribution" in edges and "the" in edges and "budget" not in edges
    assert "BLUE BUDGETA received" in engine.answer("eu contribution of blu budget").text


def test_a_piece_of_a_mistyped_name_that_is_a_short_word_still_counts(knowledge_copy) -> None:
    # "agricore-u" lost the "e" of "-EU": its "u" is a word the bot knows, but a short one
    # may be a piece of a name, so AGRICORE-EU stays a candidate: asked back, never the
    # figure of AGRICORE2
    edit(knowledge_copy / "projects.yaml", "acronym: ECRI", "acronym: AGRICORE-EU")
    edit(knowledge_copy / "projects.yaml", "acronym: CLUSGRID", "acronym: AGRICORE2")
    engine = Engine(load_knowledge(knowledge_copy))
    assert "u" in engine.parser.lex.ordinary and "u" not in engine.parser.lex.edges
    reply = engine.answer("when did agricore-u end?")
    assert reply.text.startswith("Did you mean AGRICORE-EU"), reply.text


@pytest.mark.parametrize(
    "question",
    ["what was the flurbish of ECRI", "tell me ECRI's wibble", "what was the qzx of ECRI"],
)
def test_a_card_for_a_word_not_read_is_not_stated_as_sure(ask, question: str) -> None:
    reply = ask(question)
    assert "ECRI" in reply.text
    assert reply.confidence < 0.9


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what was the budjet of ECRI", "ECRI had a total budget of €228,949."),
        ("whats the complete budjet of cecill, all in", "CECIL had a total budget of €247,283."),
        ("how much did TCE recieve from the EU", "TCE received €236,950 from the EU"),
    ],
)
def test_one_letter_wrong_is_read_as_the_word_meant(ask, question: str, answer: str) -> None:
    assert ask(question).text.startswith(answer)


def test_an_answer_that_did_not_read_a_word_says_which_first(ask) -> None:
    reply = ask("which projects were underway during the zorblax of 2016")
    assert reply.text.startswith("(I did not read “zorblax”"), reply.text
    assert reply.confidence < 0.9


def test_an_answer_that_read_every_telling_word_has_no_note(ask) -> None:
    for question in ["hey bot, quick one: when did cosmenerg start", "which call was ECRI in?"]:
        assert not ask(question).text.startswith("("), question
