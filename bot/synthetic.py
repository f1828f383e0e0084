"""Synthetic knowledge bases in the real format, for measuring the bot at scale.

    python -m bot.synthetic --projects 12000 --output /tmp/big-knowledge

The folder is the shipped knowledge with ``projects.yaml`` replaced by ``N`` generated
projects (acronyms such as ``BLUBRIDGE4.0``, full names, calls, dates, money, partners,
keywords) and each call's ``selected_projects`` set to match, so it passes
``check-knowledge``. The same seed gives the same folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from bot.config import default_knowledge_path
from bot.normalise import key

STEMS = [
    "BLU",
    "GREEN",
    "CLUS",
    "INNO",
    "SMART",
    "AERO",
    "AGRI",
    "BIO",
    "CIRC",
    "DIGI",
    "ECO",
    "ENER",
    "FOOD",
    "HEAL",
    "HYDRO",
    "INDU",
    "LOGI",
    "MARI",
    "MED",
    "NANO",
    "OCEA",
    "PHOTO",
    "RAIL",
    "ROBO",
    "SOLA",
    "TEXT",
    "URBA",
    "WOOD",
    "WATE",
    "AUTO",
    "CHEM",
    "CREA",
    "CYBE",
    "DATA",
    "FAB",
    "GEO",
    "LASE",
    "META",
    "MOBI",
    "OPTI",
    "PACK",
    "PLAS",
    "QUAN",
    "SENS",
    "SPACE",
    "STEE",
    "TOUR",
    "TRAN",
    "VITA",
    "WIND",
    "ZERO",
]
TAILS = [
    "BRIDGE",
    "NET",
    "LINK",
    "GRID",
    "HUB",
    "WAY",
    "CHAIN",
    "BOOST",
    "SCALE",
    "MATCH",
    "PATH",
    "FORCE",
    "LEAP",
    "SPARK",
    "CLUSTER",
    "STREAM",
    "WAVE",
    "CORE",
    "TECH",
    "VALUE",
]
ENDINGS = ("", "", "", "4.0", "2", "3", "-EU", "+", "X", "-NET")
ADJECTIVES = [
    "European",
    "Transnational",
    "Cross-border",
    "Smart",
    "Sustainable",
    "Digital",
    "Green",
    "Blue",
    "Circular",
    "Innovative",
    "Resilient",
    "Advanced",
    "Regional",
    "Collaborative",
    "Integrated",
    "Competitive",
    "Open",
    "Joint",
    "Strategic",
    "Excellent",
]
TOPICS = [
    "Aerospace",
    "Agrifood",
    "Battery",
    "Biotech",
    "Ceramics",
    "Chemistry",
    "Construction",
    "Cosmetics",
    "Creative",
    "Cybersecurity",
    "Defence",
    "Energy",
    "Fashion",
    "Footwear",
    "Forestry",
    "Furniture",
    "Gaming",
    "Glass",
    "Health",
    "Hydrogen",
    "Logistics",
    "Machinery",
    "Maritime",
    "Medtech",
    "Mining",
    "Mobility",
    "Nanotech",
    "Packaging",
    "Paper",
    "Photonics",
    "Plastics",
    "Printing",
    "Railway",
    "Robotics",
    "Rubber",
    "Sensors",
    "Solar",
    "Space",
    "Sports",
    "Steel",
    "Textile",
    "Tourism",
    "Water",
    "Wind",
    "Wine",
    "Wood",
]
NOUNS = [
    "Clusters",
    "Alliance",
    "Partnership",
    "Network",
    "Platform",
    "Consortium",
    "Initiative",
    "Programme",
    "Pathways",
    "Ecosystem",
    "Bridges",
    "Roadmap",
    "Strategy",
    "Exchange",
    "Academy",
]
KEYWORDS = tuple(topic.lower() for topic in TOPICS)
PARTNERS = tuple(f"{topic} Cluster {city}" for topic in TOPICS[:12] for city in ("Lyon", "Graz"))


def acronyms(rng: random.Random) -> Iterator[str]:
    """Distinct acronyms (by the bot's own normalisation), in a random order."""
    seen: set[str] = set()
    combos = [(s, t, e) for s in STEMS for t in TAILS for e in ENDINGS]
    rng.shuffle(combos)
    rounds = 0
    while True:
        for stem, tail, ending in combos:
            name = f"{stem}{tail}{ending}" + (f"-{rounds + 1}" if rounds else "")
            if key(name) not in seen:
                seen.add(key(name))
                yield name
        rounds += 1


def full_names(rng: random.Random) -> Iterator[str]:
    combos = [(a, t, n) for a in ADJECTIVES for t in TOPICS for n in NOUNS]
    rng.shuffle(combos)
    rounds = 0
    while True:
        for adjective, topic, noun in combos:
            edition = f" {rounds + 1}" if rounds else ""
            yield f"{adjective} {topic} {noun}{edition}"
        rounds += 1


def project_yaml(rng: random.Random, acronym: str, name: str, call: int, year: int) -> str:
    """One project of ``call``, made in ``year``: it starts within three years after it, as
    the loader expects of a project (else it warns)."""
    start = dt.date(year + 1, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    end = start + dt.timedelta(days=rng.randrange(365, 3 * 365))
    budget = rng.randrange(150_000, 600_000)
    contribution = int(budget * rng.uniform(0.5, 0.9))
    money = "not published" if rng.random() < 0.02 else str(contribution)
    partners = (
        "not published"
        if rng.random() < 0.5
        else "[" + ", ".join(rng.sample(PARTNERS, rng.randrange(2, 5))) + "]"
    )
    keywords = ", ".join(rng.sample(KEYWORDS, 2))
    return (
        f"  - acronym: {acronym}\n"
        f"    name: {name}\n"
        f"    call: {call}\n"
        f"    start: {start.isoformat()}\n"
        f"    end: {end.isoformat()}\n"
        f"    total_budget: {budget}\n"
        f"    eu_contribution: {money}\n"
        f"    partners: {partners}\n"
        f"    keywords: [{keywords}]\n"
    )


def generate(projects: int, output: Path, seed: int = 12, source: Path | None = None) -> Path:
    """Write a knowledge folder with ``projects`` generated projects to ``output``."""
    source = source or default_knowledge_path()
    if output.exists():
        shutil.rmtree(output)
    shutil.copytree(source, output)
    rng = random.Random(seed)
    names, titles = acronyms(rng), full_names(rng)
    counts = {1: 0, 2: 0}
    calls = output / "calls.yaml"
    text = calls.read_text(encoding="utf-8")
    years = {int(n): int(y) for n, y in re.findall(r"- number: (\d+)\s+year: (\d+)", text)}
    parts = ["# yaml-language-server: $schema=knowledge.schema.json\n", "projects:\n"]
    for _ in range(projects):
        call = rng.choice((1, 2))
        counts[call] += 1
        parts.append(project_yaml(rng, next(names), next(titles), call, years[call]))
    (output / "projects.yaml").write_text("".join(parts), encoding="utf-8")
    for call, count in counts.items():
        start = text.index(f"  - number: {call}")
        rest = re.sub(
            r"selected_projects: \S+", f"selected_projects: {count}", text[start:], count=1
        )
        text = text[:start] + rest
    calls.write_text(text, encoding="utf-8")
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--projects", type=int, required=True, help="how many projects")
    parser.add_argument("--output", required=True, help="the folder to write (replaced)")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    folder = generate(args.projects, Path(args.output), args.seed)
    print(f"Wrote {args.projects:,} projects to {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
