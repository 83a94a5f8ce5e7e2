"""`newsstream cluster` and `newsstream evaluate`: the live path (Process → StoryStage), offline.

One StoryStage for the whole file: the clusterer keeps languages apart itself, as the live
pipeline does by sharding on the language.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import orjson

from streams.archive import output, read_archive, usable
from streams.cluster import ClusterParams
from streams.errors import InputError
from streams.flow import Process, StoryStage
from streams.models import RawItem


@dataclass(slots=True)
class Prediction:
    id: str
    story_id: str
    gold: str | None
    title: str = ""
    lang: str = ""  # the article's language, its clustering shard


def cluster_archive(path: Path | str, params: ClusterParams | None = None, err: IO[str] = sys.stderr,
                    progress: bool = False) -> list[Prediction]:
    """One prediction per usable line, in input order; unusable lines reported on `err`.

    Each article's story is its final one: a story merged into another later hands its articles on.
    """
    process, stage = Process(), StoryStage(params)
    lines: Iterable = read_archive(path)
    bar = None
    if progress:
        from tqdm import tqdm

        with open(path, "rb") as fh:
            total = sum(1 for raw in fh if raw.strip())
        lines = bar = tqdm(lines, total=total, unit=" articles", file=err, mininterval=0.5, dynamic_ncols=True)
    preds: list[Prediction] = []
    merged_into: dict[str, str] = {}
    first_line: dict[str, int] = {}

    def say(message: str) -> None:  # through the progress bar, which would overwrite a plain print
        if bar is not None:
            bar.write(message, file=err)
        else:
            print(message, file=err)

    for item, lineno, story, now in usable(path, lines, say):
        if first_line.setdefault(item.id, lineno) != lineno:
            say(f"{path}:{lineno}: skipped: id {item.id!r} is already used on line {first_line[item.id]}")
            continue
        try:
            article = process(item, now)
        except InputError as exc:
            say(f"{path}:{lineno}: skipped: {exc}")
            continue
        outcome = stage(article, now)
        for gone in outcome.assignment.merged:
            merged_into[gone.id] = outcome.story.id
        preds.append(Prediction(article.id, outcome.story.id, story, article.title, article.lang))
        if bar is not None and len(preds) % 256 == 0:
            bar.set_postfix_str(f"{len(stage.clusterer)} active stories", refresh=False)
    for pred in preds:
        while pred.story_id in merged_into:
            pred.story_id = merged_into[pred.story_id]
    return preds


def run_cluster(path: Path, out: Path, params: ClusterParams | None = None, err: IO[str] = sys.stderr) -> int:
    started = time.perf_counter()
    n = 0
    with output(out, path) as fh:
        for pred in cluster_archive(path, params, err=err):
            fh.write(orjson.dumps({"id": pred.id, "story_id": pred.story_id}) + b"\n")
            n += 1
        if n == 0:
            raise InputError(f"no usable articles in {path}")
    elapsed = time.perf_counter() - started
    print(f"clustered {n} articles in {elapsed:.2f}s: {n / elapsed if elapsed else 0:.0f} articles/s", file=err)
    return 0


@dataclass(slots=True)
class Scores:
    bcubed_p: float
    bcubed_r: float
    bcubed_f1: float
    pair_p: float
    pair_r: float
    pair_f1: float
    stories_found: int
    stories_gold: int
    articles: int


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(pred: list[str], gold: list[str]) -> Scores:
    """BCubed (Amigó et al. 2009) and pairwise P/R/F1 (Miranda et al. 2018)."""
    n = len(pred)
    if n == 0:
        return Scores(0, 0, 0, 0, 0, 0, 0, 0, 0)
    both = Counter(zip(pred, gold))
    p_size, g_size = Counter(pred), Counter(gold)
    bp = sum(both[(p, g)] / p_size[p] for p, g in zip(pred, gold)) / n
    br = sum(both[(p, g)] / g_size[g] for p, g in zip(pred, gold)) / n
    pairs = lambda c: sum(k * (k - 1) // 2 for k in c.values())  # noqa: E731
    tp, pp, gp = pairs(both), pairs(p_size), pairs(g_size)
    pair_p = tp / pp if pp else 1.0
    pair_r = tp / gp if gp else 1.0
    return Scores(bp, br, _f1(bp, br), pair_p, pair_r, _f1(pair_p, pair_r), len(p_size), len(g_size), n)


def losses(preds: list[Prediction], top: int) -> list[str]:
    """Where BCubed is lost, for tuning on one's own labelled data: the `top` gold stories split the
    most (recall) and found stories mixing the most (precision), each by its share of the score lost
    (its articles' missing or foreign mates), with its pieces' sizes and its first title."""
    n = len(preds)
    lines = []
    for label, key, other, what in (("split gold stories (BCubed recall lost)", "gold", "story_id", "stories"),
                                    ("mixed stories (BCubed precision lost)", "story_id", "gold", "gold stories")):
        groups: dict[str, list[Prediction]] = {}
        for pred in preds:
            groups.setdefault(getattr(pred, key) or "", []).append(pred)
        ranked = []
        for gid, members in groups.items():
            pieces = Counter(getattr(p, other) or "" for p in members)
            lost = len(members) - sum(k * k for k in pieces.values()) / len(members)
            if lost > 0:
                ranked.append((-lost, gid, members, pieces))
        ranked.sort(key=lambda r: r[:2])
        lines.append(f"{label}:" if ranked else f"{label}: none")
        for lost, gid, members, pieces in ranked[:top]:
            sizes = [f"{k} {pid[:12]}" if key == "story_id" else str(k) for pid, k in pieces.most_common(4)]
            more = " + …" if len(pieces) > 4 else ""
            lines.append(f"  -{-lost / n:.4f}  {gid[:16]:16}  {len(members)} articles in {len(pieces)} {what}: "
                         f"{' + '.join(sizes)}{more}  \"{members[0].title[:60]}\"")
    return lines


def by_language(preds: list[Prediction]) -> list[str]:
    """BCubed per language, where a file holds several: each language is clustered on its own
    (its shard), so a weak one shows here where the overall score would hide it. A gold story
    told in two languages is scored within each (the totals count its split)."""
    groups: dict[str, list[Prediction]] = {}
    for pred in preds:
        groups.setdefault(pred.lang or "?", []).append(pred)
    if len(groups) < 2:
        return []
    lines = ["by language:"]
    for lang, members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        r = score([p.story_id for p in members], [p.gold or "" for p in members])
        lines.append(f"  {lang:5} {r.articles:6} articles  found {r.stories_found:4}  gold {r.stories_gold:4}  "
                     f"BCubed P {r.bcubed_p:.4f}  R {r.bcubed_r:.4f}  F1 {r.bcubed_f1:.4f}")
    return lines


def run_evaluate(path: Path, params: ClusterParams | None = None, err: IO[str] = sys.stderr,
                 progress: bool | None = None, errors: int = 0) -> Scores:
    """Cluster a labelled archive and print BCubed and pairwise P/R/F1, story counts, throughput,
    BCubed per language when there are several, and with `errors` that many of the splits and
    mixes that lose the most (`losses`).
    The progress bar shows on a terminal (or with `progress=True`), on `err`."""
    started = time.perf_counter()
    every = cluster_archive(path, params, err=err, progress=err.isatty() if progress is None else progress)
    elapsed = time.perf_counter() - started
    preds = [p for p in every if p.gold is not None]
    if not preds:
        raise InputError(f"no labelled articles in {path} ({len(every)} usable): evaluate needs a 'story' "
                         "field on each line; `newsstream cluster` takes unlabelled files")
    result = score([p.story_id for p in preds], [p.gold or "" for p in preds])
    rate = len(every) / elapsed if elapsed else 0.0
    print(f"articles        {result.articles} labelled of {len(every)} clustered")
    print(f"throughput      {rate:.0f} articles/s (clean + tag + cluster, {elapsed:.2f}s)")
    print(f"stories         found {result.stories_found}  gold {result.stories_gold}")
    print(f"BCubed          P {result.bcubed_p:.4f}  R {result.bcubed_r:.4f}  F1 {result.bcubed_f1:.4f}")
    print(f"pairwise        P {result.pair_p:.4f}  R {result.pair_r:.4f}  F1 {result.pair_f1:.4f}")
    for line in by_language(preds):
        print(line)
    if errors:
        print("\n".join(losses(preds, errors)))
    return result


def listed_ids(items: Iterable[RawItem]) -> set[str]:
    """Ids that will appear in some story: exact repeats (same URL, or same outlet and text) are
    recognised by the pipeline and assigned to the original's story without being listed."""
    return set(repeat_groups(items))


def repeat_groups(items: Iterable[RawItem]) -> dict[str, set[str]]:
    """Usable ids in input order, grouped by exact repetition: first id → it and its repeats. Which
    of a group is listed depends on arrival order (several partitions interleave), so a live run
    lists exactly one id of each group."""
    from streams.clean import DuplicateIndex

    process, seen, groups = Process(), DuplicateIndex(), {}
    for item in items:
        try:
            article = process(item, time.time())
        except InputError:
            continue
        dup = seen.add(article, 0.0)
        if dup is not None and dup.exact and dup.of in groups:
            groups[dup.of].add(article.id)
        else:
            groups.setdefault(article.id, {article.id})
    return groups
