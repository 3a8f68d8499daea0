"""Short news for the batch tests, written here from templates and place names (no corpus text)."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PLACE_NAMES = (
    "Baku", "Shusha", "Ganja", "Yerevan", "Tbilisi", "Stepanakert", "Aghdam", "Gyumri", "Batumi", "Lachin",
    "Sheki", "Kutaisi", "Nakhchivan", "Goris", "Sumqayit", "Khankendi", "Lankaran", "Vanadzor", "Zugdidi",
)  # fmt: skip
TEMPLATES = (
    "Talks between officials from {a} and {b} resumed on day {n} of the session.",
    "A convoy left {a} for {b} with {n} tonnes of grain, the drivers said.",
    "Residents of {a} said {n} homes had been without power since the storm.",
    "Ministers met in {a}; the delegation from {b} arrived {n} minutes late.",
    "Prices of bread in {a} rose {n} percent this year, traders told reporters.",
    "The new bus line links {a} with {b} and runs every {n} minutes.",
    "Nobody answered the phone at the office on day {n}.",
)
"""Sentences of the generated news: places in most, none in the last."""


def news(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """``count`` short news documents (id, title, date, text), all different, the same for the same seed."""
    rng = random.Random(seed)
    documents = []
    for number in range(count):
        sentences = []
        for _ in range(rng.randint(1, 3)):
            a, b = rng.sample(PLACE_NAMES, 2)
            sentences.append(rng.choice(TEMPLATES).format(a=a, b=b, n=rng.randint(2, 9999)))
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        documents.append(
            {"id": f"s{seed}-{number}", "title": f"Report {number}", "date": f"2024-{month:02d}-{day:02d}",
             "text": " ".join(sentences)}
        )  # fmt: skip
    return documents


def write_jsonl(path: Path, documents: Sequence[dict[str, Any]]) -> Path:
    """Write the documents as JSON Lines; the path."""
    with path.open("w", encoding="utf-8") as handle:
        for document in documents:
            handle.write(json.dumps(document, ensure_ascii=False) + "\n")
    return path
