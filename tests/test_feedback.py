"""Feedback on answers, whatever the front end: the console's /wrong, the ballots behind
Telegram's 👍 / 👎, /stats and the unanswered log (disputed answers first)."""

from __future__ import annotations

import json
from pathlib import Path

from bot.engine import Context, Engine, Reply
from bot.feedback import Ballots, Rated, Verdict, rateable, states_a_figure
from bot.unanswered import read_entries, summarise
from test_operating import Transcript

RETHINK = "Could you ask again in other words?"


def test_wrong_in_the_console_disputes_the_last_answer_once(knowledge_copy: Path) -> None:
    log = knowledge_copy.parent / "unanswered.jsonl"
    you = Transcript(knowledge_copy, log)
    assert you.say("/wrong").startswith("There is no answer of mine to mark as wrong yet")
    assert "€201,545" in you.say("what did CLUSGRID get from the EU")
    said = you.say("/wrong")
    assert said.startswith("Thanks for telling me") and RETHINK in said
    assert you.say("/wrong") == "Already noted, thank you."  # twice: recorded once
    (entry,) = read_entries(log)
    assert entry["outcome"] == "disputed"
    assert entry["question"] == "what did CLUSGRID get from the EU"
    assert entry["answer"] == "CLUSGRID received €201,545 from the EU (its EU contribution)."
    assert (
        entry["reading"]["query"] == "lookup(projects=('CLUSGRID',), fields=('eu_contribution',))"
    )
    assert entry["reading"]["intent"] == "project_field"
    assert "console" not in json.dumps(entry)  # the chat is hashed
    assert "👎 1 disputed" in you.say("/stats")


def test_wrong_after_a_decline_or_a_greeting_has_nothing_to_dispute(knowledge_copy: Path) -> None:
    log = knowledge_copy.parent / "unanswered.jsonl"
    you = Transcript(knowledge_copy, log)
    you.say("weather in Brussels?")
    assert you.say("/wrong").startswith("There is no answer of mine")  # in the log already
    you.say("hi")
    assert you.say("/wrong").startswith("There is no answer of mine")
    assert [e["outcome"] for e in read_entries(log)] == ["declined"]


def test_the_unanswered_report_shows_disputed_answers_first(knowledge_copy: Path) -> None:
    log = knowledge_copy.parent / "unanswered.jsonl"
    you = Transcript(knowledge_copy, log)
    you.say("weather in Brussels?")
    you.say("when did ECRI end?")
    you.say("/wrong")
    report = you.say("/unanswered")
    assert "1 unanswered questions and 1 disputed answers" in report
    disputed, frequent = report.index("Disputed answers"), report.index("Most frequent:")
    assert disputed < frequent
    assert "when did ecri end → ECRI ended on 15 November 2018." in report[disputed:frequent]
    assert "weather in brussels" in report[frequent:]
    assert report == summarise(log)


def test_the_console_help_lists_wrong(knowledge_copy: Path) -> None:
    assert "/wrong" in Transcript(knowledge_copy).say("/help")


def test_answers_with_a_figure_are_the_ones_rated(engine: Engine) -> None:
    def reply(question: str) -> Reply:
        return engine.answer(question, Context())

    assert states_a_figure(reply("what did CLUSGRID get from the EU"))
    assert states_a_figure(reply("how many projects"))
    for question in ("hi", "help", "what is the weather in Brussels", "when did clusgrem end?"):
        assert not states_a_figure(reply(question)), question
    glossary = reply("what does KETs stand for?")
    assert rateable(glossary) and not states_a_figure(glossary)


ANSWER = Rated("q", "CLUSGRID received €201,545", "project_field", {"intent": "project_field"})


def test_a_ballot_takes_one_vote_and_a_change_of_mind_to_thumbs_down() -> None:
    ballots = Ballots()
    key = ballots.offer(ANSWER)
    assert len(key.encode()) <= 16
    assert ballots.vote(key, helpful=True)[0] is Verdict.HELPFUL
    assert ballots.vote(key, helpful=True)[0] is Verdict.AGAIN
    assert ballots.vote(key, helpful=False)[0] is Verdict.RECONSIDERED  # the 👍 taken back
    assert ballots.vote(key, helpful=False)[0] is Verdict.AGAIN
    assert ballots.vote(key, helpful=True)[0] is Verdict.AGAIN  # a dispute stands
    assert ballots.vote("nope", helpful=False) == (Verdict.GONE, None)


def test_ballots_are_bounded_and_survive_a_dump() -> None:
    ballots = Ballots(capacity=3)
    keys = [ballots.offer(ANSWER._replace(question=f"q{i}")) for i in range(5)]
    assert len(ballots) == 3 and ballots.get(keys[0]) is None
    ballots.vote(keys[-1], helpful=False)
    again = Ballots(capacity=3)
    again.load(ballots.dump())
    assert again.get(keys[-1]) == ANSWER._replace(question="q4", vote="down")
    assert again.vote(keys[-1], helpful=False)[0] is Verdict.AGAIN  # still voted after a restart
    damaged = Ballots()
    damaged.load('{"k": [1, 2], "j": "x"}')
    damaged.load("not json")
    assert len(damaged) == 0


def test_an_answer_given_again_alike_keeps_its_ballot() -> None:
    ballots = Ballots()
    key = ballots.offer(ANSWER)
    ballots.vote(key, helpful=False)
    assert ballots.offer(ANSWER._replace(question="q edited"), reuse=key) == key
    assert ballots.vote(key, helpful=False)[0] is Verdict.AGAIN
    other = ballots.offer(ANSWER._replace(answer="ECRI received €160,477"), reuse=key)
    assert other != key


def test_stats_kept_by_an_older_version_load_and_count_votes_anew() -> None:
    from bot.stats import Stats

    older = '{"started": 1.0, "outcomes": {"answered": 3}, "intents": {}, "unanswered": {}}'
    stats = Stats()
    stats.load(older)
    assert stats.outcomes["answered"] == 3 and not stats.feedback
    stats.rated(helpful=True)
    stats.rated(helpful=False, taken_back=True)
    again = Stats()
    again.load(stats.dump())
    assert again.feedback == {"helpful": 0, "disputed": 1}
    assert "👍 0 helpful, 👎 1 disputed" in again.report()


def test_ballots_are_written_down_again_only_when_they_changed() -> None:
    ballots = Ballots()
    assert not ballots.take_changed()
    key = ballots.offer(ANSWER)
    assert ballots.take_changed() and not ballots.take_changed()
    ballots.vote(key, helpful=False)
    assert ballots.take_changed()
    ballots.vote(key, helpful=False)  # again: nothing changed
    assert not ballots.take_changed()
    again = Ballots()
    again.load(ballots.dump())
    assert not again.take_changed()  # what was read back is written down already
