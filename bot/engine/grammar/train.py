"""Learn the grammar's rule weights from question sets (SippyCup's ``learning.py``).

    python -m bot.engine.grammar.train [SETS ...] [--checker PATH] [--epochs N] [--write]

Every first turn of every case is parsed; each derivation is executed and said, and the
answer is scored with the question set's own expectations (``holds`` of the checker, the
same test ``check.py`` applies). A structured perceptron, averaged, moves the weights
towards the best-scored right derivation wherever the best-scored one is wrong. Questions,
derivations and updates are taken in a fixed order, so training is deterministic: the same
sets give the same ``weights.json``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from bot.engine.grammar import AMBIGUITY_MARGIN, WEIGHTS_FILE, load_weights
from bot.engine.grammar.chart import Derivation, features

DEFAULT_SETS = ("dev", "understanding", "breadth")
EPOCHS = 24
# the last weights are kept over the averaged ones only when they answer this many times as
# many training questions right (a few more is noise: measured, the averaged ones then did
# better on the sets not trained on and were less often sure of a wrong answer)
FINAL_BETTER_BY = 1.01


class Example(NamedTuple):
    text: str
    expect: list[dict[str, Any]]
    forbid: list[dict[str, Any]]


def examples(paths: Sequence[Path]) -> list[Example]:
    """The first turn of every case (later turns need a conversation), in file order."""
    found: list[Example] = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                turn = json.loads(line)["turns"][0]
                found.append(Example(turn["text"], turn.get("expect", []), turn.get("forbid", [])))
    return found


def load_holds(checker: Path) -> Callable[[dict[str, Any], str], bool]:
    spec = importlib.util.spec_from_file_location("question_checker", checker)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the checker {checker}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    holds: Callable[[dict[str, Any], str], bool] = module.holds
    return holds


class Trainer:
    def __init__(self, engine: Any, holds: Callable[[dict[str, Any], str], bool]) -> None:
        self.engine = engine
        self.grammar = engine.grammar
        self.holds = holds
        self.right: dict[tuple[str, Any], bool] = {}  # (question, tree) -> answer is right

    def derivations(self, text: str) -> list[Derivation]:
        frame = self.engine.parser.parse(text)
        return list(self.grammar.derivations(frame, remember=False))

    def is_right(self, example: Example, d: Derivation) -> bool:
        key = (example.text, d.sem)
        if key not in self.right:
            said = self.grammar.answer(d.sem)
            self.right[key] = said is not None and (
                all(self.holds(e, said) for e in example.expect)
                and not any(self.holds(e, said) for e in example.forbid)
            )
        return self.right[key]

    def accuracy(self, data: Sequence[Example]) -> tuple[int, int]:
        """Questions whose best derivation is right, of those with any right derivation."""
        right = learnable = 0
        for example in data:
            found = self.derivations(example.text)
            if any(self.is_right(example, d) for d in found):
                learnable += 1
                right += self.is_right(example, found[0])
        return right, learnable

    def train(self, data: Sequence[Example], epochs: int = EPOCHS) -> dict[str, float]:
        weights = self.grammar.weights
        weights.clear()
        total: Counter[str] = Counter()
        steps = 0
        for _ in range(epochs):
            for example in data:
                found = self.derivations(example.text)
                good = [d for d in found if self.is_right(example, d)]
                bad = [d for d in found if not self.is_right(example, d)]
                # a right answer must win by the margin the bot asks back within
                if good and bad and good[0].score - bad[0].score < AMBIGUITY_MARGIN:
                    for feature, n in Counter(features(good[0])).items():
                        weights[feature] = weights.get(feature, 0.0) + n
                    for feature, n in Counter(features(bad[0])).items():
                        weights[feature] = weights.get(feature, 0.0) - n
                total.update(weights)
                steps += 1
        final = {k: round(v, 3) for k, v in sorted(weights.items()) if round(v, 3)}
        averaged = {k: round(v / steps, 3) for k, v in sorted(total.items()) if round(v / steps, 3)}
        return self._better(data, averaged, final)

    def _better(
        self, data: Sequence[Example], averaged: dict[str, float], final: dict[str, float]
    ) -> dict[str, float]:
        """The averaged weights (steadier: they do better on questions never trained on),
        unless the last ones get clearly more of the training questions right."""
        scored = []
        for candidate in (averaged, final):
            self.grammar.weights.clear()
            self.grammar.weights.update(candidate)
            scored.append(self.accuracy(data)[0])
        chosen = final if scored[1] > scored[0] * FINAL_BETTER_BY else averaged
        self.grammar.weights.clear()
        self.grammar.weights.update(chosen)
        return chosen


def main(argv: Sequence[str] | None = None) -> int:
    from bot.engine.engine import Engine
    from bot.knowledge.loader import load_knowledge

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", help="question files (default: ../shared/eval's)")
    parser.add_argument("--checker", default="../shared/eval/check.py")
    parser.add_argument("--knowledge", default="knowledge")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS_FILE.name}")
    parser.add_argument(
        "--check", action="store_true", help=f"exit 1 if {WEIGHTS_FILE.name} is not what it learns"
    )
    args = parser.parse_args(argv)
    shared = Path(args.checker).parent
    paths = [Path(p) for p in args.sets] or [shared / f"{name}.jsonl" for name in DEFAULT_SETS]
    trainer = Trainer(Engine(load_knowledge(args.knowledge)), load_holds(Path(args.checker)))
    data = examples(paths)
    trainer.grammar.weights.clear()
    before = trainer.accuracy(data)
    weights = trainer.train(data, args.epochs)
    after = trainer.accuracy(data)
    print(f"{len(data)} questions; best derivation right, of those the grammar can answer:")
    print(f"  all weights 0: {before[0]}/{before[1]}   learned: {after[0]}/{after[1]}")
    for feature, weight in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:12]:
        print(f"  {weight:+.3f}  {feature}")
    if args.check and load_weights(WEIGHTS_FILE) != weights:
        print(f"{WEIGHTS_FILE.name} is not what training learns: run 'make train'")
        return 1
    if args.write:
        WEIGHTS_FILE.write_text(json.dumps(weights, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
