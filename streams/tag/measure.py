"""Entity precision/recall against a hand-labelled file, so changes to the rules are measured.

Gold file: one JSON object a line, `{"id","title","text","lang","entities":[{"text","type"}]}` with
normalised names ("Xi Jinping", "Kyiv", "United States") of the PERSON/ORG/PLACE referents a reader
would name. Scoring is micro-averaged over (article, name, type); MISC output is not scored (the
labels do not cover events and products), so a gold name typed MISC by the tagger is a miss.
Usage: python -m streams.tag.measure FILE.jsonl [-v]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from streams.errors import InputError
from streams.tag.entities import extract_entities

TYPES = ("PERSON", "ORG", "PLACE")


@dataclass(slots=True)
class EntityScores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    untyped_tp: int = 0  # the name is right, whatever the type
    by_type: dict[str, list[int]] = field(default_factory=lambda: {t: [0, 0, 0] for t in TYPES})  # tp fp fn
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def untyped_recall(self) -> float:
        return self.untyped_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0


def load_gold(path: Path | str) -> list[dict]:
    """The labelled rows; raises InputError on a malformed line (a broken fixture must not pass)."""
    rows = []
    for lineno, line in enumerate(Path(path).read_bytes().splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = orjson.loads(line)
            row["entities"] = [(e["text"], e["type"]) for e in row["entities"]]
        except (orjson.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{lineno}: bad gold line: {exc}") from exc
        rows.append(row)
    return rows


def score_entities(rows: Iterable[dict]) -> EntityScores:
    """Run the entity tagger on each row's title + text and compare with its labels."""
    scores = EntityScores()
    for row in rows:
        gold = {(name, etype) for name, etype in row["entities"] if etype in TYPES}
        found = extract_entities(row["title"], row["text"], row.get("lang") or "")
        got = {(e.text, e.type) for e in found if e.type in TYPES}
        got_names = {e.text for e in found}
        for name, etype in got - gold:
            scores.fp += 1
            scores.by_type[etype][1] += 1
            scores.errors.append(f"{row['id']}: spurious {etype} {name!r}")
        for name, etype in gold - got:
            scores.fn += 1
            scores.by_type[etype][2] += 1
            scores.errors.append(f"{row['id']}: missed {etype} {name!r}")
        for _, etype in gold & got:
            scores.tp += 1
            scores.by_type[etype][0] += 1
        scores.untyped_tp += sum(1 for name, _ in gold if name in got_names)
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every miss and spurious entity")
    args = parser.parse_args(argv)
    rows = load_gold(args.file)
    s = score_entities(rows)
    if args.verbose:
        print("\n".join(s.errors), file=sys.stderr)
    print(f"articles {len(rows)}  gold entities {s.tp + s.fn}")
    print(f"typed    P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}   (name right, any type: R "
          f"{s.untyped_recall:.3f})")
    for etype, (tp, fp, fn) in s.by_type.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        print(f"{etype:<8} P {p:.3f}  R {r:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    return 0


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["EntityScores", "load_gold", "score_entities"]
