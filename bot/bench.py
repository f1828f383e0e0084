"""Benchmark: answer latency (p50/p99), questions per second, and cold start of `ask`.

    python -m bot.bench [--questions N] [--knowledge PATH]

A benchmark, not a test: it prints figures. Targets: p50 < 0.5 ms, p99 < 2 ms, cold < 0.3 s.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time

from bot.config import Settings
from bot.engine import Context, Engine
from bot.knowledge import Knowledge, load_knowledge

TEMPLATES = [
    "what did {p} get from the EU",
    "total budget of {p}",
    "when did {p} start",
    "when did {p} end",
    "how long did {p} run",
    "what does {p} stand for",
    "which call was {p} in",
    "co-financing rate of {p}",
    "tell me about {p}",
    "{p}",
    "compare {p} and {q}",
    "did {p} get more than {q}?",
    "who were the partners of {p}",
    "and {p}?",
    "{typo} eu contribution",
    "{typo} budget",
    "which project got the most money from the EU?",
    "smallest total budget in the first call",
    "total EU contribution in the second call",
    "average budget of the first call projects",
    "which projects ended in 2018",
    "projects with more than 250,000 euros from the EU",
    "how many projects are there",
    "what did the third call focus on",
    "which project is about aerospace",
    "what is the cluster excellence programme",
    "what did GALAXYNET get from the EU",
    "what's the weather in Brussels",
    "hi",
    "help",
    "which projects did not start in 2016?",
    "projects with an EU contribution between 200k and 250k",
    "which projects were active in October 2016?",
    "which project had the second largest total budget?",
    "rank all projects by eu contribution, highest first",
    "did {p} get more than 200k from the EU?",
    "combined EU contribution of {p} and {q}",
    "median total budget in the second call",
    "how many days did {p} run?",
    "what does KETs stand for?",
    "was there a call for proposals in 2016?",
    "budget per month of {p}",
]


def questions(knowledge: Knowledge, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = [p.acronym for p in knowledge.projects]

    def typo(name: str) -> str:
        i = rng.randrange(1, len(name) - 1)
        return (name[:i] + name[i + 1 :]).lower()

    return [
        rng.choice(TEMPLATES).format(
            p=rng.choice(names), q=rng.choice(names), typo=typo(rng.choice(names))
        )
        for _ in range(n)
    ]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def cold_start(runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "bot", "ask", "what did CLUSGRID get from the EU"],
            capture_output=True,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--knowledge")
    args = parser.parse_args()
    knowledge = load_knowledge(Settings.load(args.knowledge).knowledge_path)
    engine = Engine(knowledge)
    batch = questions(knowledge, args.questions)
    context = Context()
    for text in batch[:200]:  # warm-up
        engine.answer(text, context)
    latencies = []
    started = time.perf_counter()
    for text in batch:
        t0 = time.perf_counter()
        engine.answer(text, context)
        latencies.append((time.perf_counter() - t0) * 1000)
    elapsed = time.perf_counter() - started
    cold = cold_start()
    print(f"questions answered   {len(batch)} ({len(set(batch))} distinct)")
    print(f"latency p50          {percentile(latencies, 0.50):.3f} ms   (target < 0.5 ms)")
    print(f"latency p99          {percentile(latencies, 0.99):.3f} ms   (target < 2 ms)")
    print(f"latency max          {max(latencies):.3f} ms")
    print(f"throughput           {len(batch) / elapsed:,.0f} questions/s")
    print(
        f"cold start of `ask`  median {statistics.median(cold):.3f} s, "
        f"best {min(cold):.3f} s   (target < 0.3 s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
