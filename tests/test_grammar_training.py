"""The grammar's weights are learned, deterministically, from questions and what their answers
must say (the question sets' own expectations)."""

from __future__ import annotations

import json
from typing import Any

from bot.engine import Engine
from bot.engine.grammar import WEIGHTS_FILE, load_weights
from bot.engine.grammar.train import Example, Trainer


def holds(expectation: dict[str, Any], answer: str) -> bool:
    return str(expectation["has"]).lower() in answer.lower()


QUESTIONS = [
    Example(
        "what was the end date of the project with the smallest total budget",
        [{"has": "15 November 2018"}],
        [],
    ),
    Example("ECRI's budget plus COSMENERG's budget", [{"has": "€509,634"}], []),
    Example("median EU contribution per call", [{"has": "€211,902"}], [{"has": "€236,947"}]),
    Example(
        "the difference between CECIL's EU contribution and RUE AERO's", [{"has": "€49,599"}], []
    ),
    Example(
        "What's the median EU contribution and the median total budget in call 2?",
        [{"has": "€282,538"}, {"has": "€211,902"}],
        [{"has": "€236,947"}],
    ),
]


def test_training_is_deterministic_and_never_worse(knowledge) -> None:
    first = Trainer(Engine(knowledge), holds)
    before = first.accuracy(QUESTIONS)
    learned = first.train(QUESTIONS)
    after = first.accuracy(QUESTIONS)
    again = Trainer(Engine(knowledge), holds).train(QUESTIONS)
    assert learned == again
    assert after[0] >= before[0]
    assert after[0] == after[1]  # every question the grammar can answer is answered right


def test_the_shipped_weights_load(tmp_path) -> None:
    assert load_weights(WEIGHTS_FILE)  # learned from the public sets: not empty
    broken = tmp_path / "weights.json"
    broken.write_text("not json", "utf-8")
    assert load_weights(broken) == {}  # a damaged file: every rule weighs the same
    broken.write_text(json.dumps({"say": 1}), "utf-8")
    assert load_weights(broken) == {"say": 1.0}
