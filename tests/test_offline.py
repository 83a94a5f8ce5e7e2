"""`newsstream cluster` / `evaluate`: same code path as the agents, bad lines reported and skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from streams.offline import Prediction, by_language, losses, score
from tests.conftest import FIXTURES, REPO, shared_path


def test_scores_match_hand_computed_values():
    # gold: {a,b,c} {d}; pred: {a,b} {c,d}
    s = score(["p1", "p1", "p2", "p2"], ["g1", "g1", "g1", "g2"])
    assert s.bcubed_p == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert s.bcubed_r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert s.pair_p == pytest.approx(1 / 2)  # pred pairs ab, cd; only ab is gold
    assert s.pair_r == pytest.approx(1 / 3)  # gold pairs ab ac bc
    assert (s.stories_found, s.stories_gold, s.articles) == (2, 2, 4)
    perfect = score(["x", "x", "y"], ["a", "a", "b"])
    assert perfect.bcubed_f1 == 1.0 and perfect.pair_f1 == 1.0


def test_losses_rank_the_splits_and_mixes_that_cost_the_most():
    # gold g1 (6 articles) split 4 + 2; gold g2 (2) whole but mixed into g1's big piece; g3 alone
    rows = [("a", "p1", "g1"), ("b", "p1", "g1"), ("c", "p1", "g1"), ("d", "p1", "g1"), ("e", "p2", "g1"),
            ("f", "p2", "g1"), ("g", "p1", "g2"), ("h", "p1", "g2"), ("i", "p3", "g3")]
    preds = [Prediction(aid, sid, gid, f"title {aid}") for aid, sid, gid in rows]
    lines = losses(preds, 5)
    split, mixed = lines.index("split gold stories (BCubed recall lost):"), lines.index(
        "mixed stories (BCubed precision lost):")
    # g1 loses 6 − (16 + 4)/6 = 8/3 of 9 articles' recall; g2 and g3 are whole: not listed
    assert lines[split + 1:mixed] == ['  -0.2963  g1                6 articles in 2 stories: 4 + 2  "title a"']
    # p1 holds 4 of g1 and 2 of g2: 6 − (16 + 4)/6 lost; p2, p3 are pure
    assert lines[mixed + 1:] == ['  -0.2963  p1                6 articles in 2 gold stories: 4 g1 + 2 g2  "title a"']
    s = score([p.story_id for p in preds], [p.gold for p in preds])
    assert 1 - s.bcubed_r == pytest.approx(0.2963, abs=1e-4) and 1 - s.bcubed_p == pytest.approx(0.2963, abs=1e-4)
    assert losses(preds, 0) == [lines[split], lines[mixed]]
    whole = [Prediction(aid, gid, gid) for aid, _, gid in rows]
    assert losses(whole, 5) == ["split gold stories (BCubed recall lost): none",
                                "mixed stories (BCubed precision lost): none"]


def test_by_language_scores_each_language_on_its_own():
    # en: gold {a,b} found whole; fr: gold {c,d,e} found {c,d} {e}; a gold story in both counts in each
    rows = [("a", "p1", "g1", "en"), ("b", "p1", "g1", "en"), ("c", "p2", "g2", "fr"), ("d", "p2", "g2", "fr"),
            ("e", "p3", "g2", "fr")]
    preds = [Prediction(aid, sid, gid, "", lang) for aid, sid, gid, lang in rows]
    lines = by_language(preds)
    assert lines[0] == "by language:" and len(lines) == 3
    assert lines[1].split()[:2] == ["fr", "3"] and lines[2].split()[:2] == ["en", "2"]  # biggest first
    assert "R 0.5556  F1 0.7143" in lines[1]  # recall (2/3 + 2/3 + 1/3) / 3, precision 1
    assert "P 1.0000  R 1.0000  F1 1.0000" in lines[2]
    assert by_language([p for p in preds if p.lang == "fr"]) == []  # one language: the totals say it all


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300, env=None if env is None else {**os.environ, **env})


def test_cluster_cli_writes_one_line_per_usable_input_in_order(tmp_path):
    good = FIXTURES.joinpath("restart.jsonl").read_text().splitlines()
    archive = tmp_path / "in.jsonl"
    archive.write_text("\n".join([good[0], "{not json", good[1], '{"id": "x"}', '["a"]', *good[2:]]) + "\n")
    out = tmp_path / "pred.jsonl"
    proc = run_cli("cluster", str(archive), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    preds = [json.loads(line) for line in out.read_text().splitlines()]
    assert [p["id"] for p in preds] == [json.loads(line)["id"] for line in good]
    assert all(p["story_id"].startswith("st-") for p in preds)
    assert f"{archive}:2: skipped: invalid JSON" in proc.stderr
    assert f"{archive}:4: skipped: missing or empty 'title'" in proc.stderr
    assert f"{archive}:5: skipped: not a JSON object" in proc.stderr
    assert "articles/s" in proc.stderr
    by_id = {p["id"]: p["story_id"] for p in preds}
    assert by_id["r01"] == by_id["r03"] == by_id["r06"] == by_id["r11"]  # the Xi story
    assert by_id["r01"] != by_id["r02"] != by_id["r04"]


def test_evaluate_cli_prints_scores(tmp_path):
    archive = tmp_path / "gold.jsonl"
    rows = [json.loads(line) for line in FIXTURES.joinpath("restart.jsonl").read_text().splitlines()]
    gold = {"r01": "xi", "r03": "xi", "r06": "xi", "r11": "xi", "r02": "br", "r05": "br", "r10": "br", "r13": "br",
            "r04": "ecb", "r08": "ecb", "r15": "ecb", "r12": "jp", "r14": "jp"}
    archive.write_text("\n".join(json.dumps({**r, "story": gold.get(r["id"], r["id"])}) for r in rows) + "\n")
    proc = run_cli("evaluate", str(archive))
    assert proc.returncode == 0, proc.stderr
    assert "BCubed" in proc.stdout and "pairwise" in proc.stdout
    f1 = float(proc.stdout.split("BCubed")[1].split("F1")[1].split()[0])
    assert f1 > 0.8
    assert "split gold stories" not in proc.stdout
    # two labels that are one story to the clusterer: the report names the mix
    archive.write_text("\n".join(json.dumps({**r, "story": "xi-a" if r["id"] in ("r01", "r03") else
                                             gold.get(r["id"], r["id"])}) for r in rows) + "\n")
    proc = run_cli("evaluate", str(archive), "--errors", "1")
    assert proc.returncode == 0, proc.stderr
    mixed = proc.stdout.split("mixed stories (BCubed precision lost):\n")[1].splitlines()
    assert len(mixed) == 1 and "4 articles in 2 gold stories: 2 xi-a + 2 xi" in mixed[0], proc.stdout


def test_seed_articles_cluster_together_offline(tmp_path):
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    rows = []
    for i, path in enumerate(seeds):
        lines = [ln for ln in path.read_text().splitlines() if ln.strip() and ln.strip() != "Skip to content"]
        rows.append({"id": f"seed{i}", "source": f"Outlet {i}", "url": f"https://outlet{i}.example/a",
                     "title": lines[0], "text": "\n".join(lines[1:]), "published": "2025-05-07T09:00:00Z"})
    rows += [json.loads(line) for line in FIXTURES.joinpath("restart.jsonl").read_text().splitlines()
             if '"r02"' in line or '"r04"' in line or '"r07"' in line]
    archive = tmp_path / "seeds.jsonl"
    archive.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    out = tmp_path / "pred.jsonl"
    assert run_cli("cluster", str(archive), "--out", str(out)).returncode == 0
    pred = {p["id"]: p["story_id"] for p in map(json.loads, out.read_text().splitlines())}
    assert pred["seed0"] == pred["seed1"]
    assert len({pred["seed0"], pred["r02"], pred["r04"], pred["r07"]}) == 4


def test_repeat_groups_hold_each_article_with_its_exact_repeats():
    from streams.models import RawItem
    from streams.offline import listed_ids, repeat_groups

    def item(aid: str, url: str, title: str) -> RawItem:
        return RawItem(id=aid, feed_url="https://a.example/feed", source="A", url=url, title=title,
                       published="2025-05-07T10:00:00Z")

    items = [item("a", "https://a.example/1", "Xi Jinping arrives in Moscow for talks"),
             item("b", "https://a.example/1", "Xi Jinping arrives in Moscow for talks"),  # same URL: a repeat
             item("c", "https://a.example/2", "Storm closes Lisbon harbour for a second day")]
    assert repeat_groups(items) == {"a": {"a", "b"}, "c": {"c"}}
    assert listed_ids(items) == {"a", "c"}


def test_an_undated_article_is_placed_in_the_stream_not_at_todays_date(tmp_path):
    """Dated today, one undated line moved the stream clock years ahead: every story went to sleep
    and every later article started a new one."""
    import io

    from streams.offline import cluster_archive

    rows = [json.loads(line) for line in FIXTURES.joinpath("restart.jsonl").read_text().splitlines()]
    dated_file, undated_file = tmp_path / "dated.jsonl", tmp_path / "undated.jsonl"
    dated_file.write_text("".join(json.dumps(r) + "\n" for r in rows))
    middle = len(rows) // 2
    rows[middle] = {k: v for k, v in rows[middle].items() if k != "published"}
    undated_file.write_text("".join(json.dumps(r) + "\n" for r in rows))
    err = io.StringIO()
    want = {p.id: p.story_id for p in cluster_archive(dated_file, err=io.StringIO())}
    got = {p.id: p.story_id for p in cluster_archive(undated_file, err=err)}
    later = [r["id"] for r in rows[middle + 1:]]
    assert len({want[i] for i in later}) < len(later)  # the later articles do join stories
    assert {i: got[i] for i in later} == {i: want[i] for i in later}
    assert f"1 articles without a usable 'published' date (line {middle + 1})" in err.getvalue()


def test_evaluate_without_labels_and_cluster_onto_its_input_are_errors(tmp_path):
    archive = tmp_path / "in.jsonl"
    text = FIXTURES.joinpath("restart.jsonl").read_text()
    archive.write_text(text)
    proc = run_cli("evaluate", str(archive))
    assert proc.returncode == 2 and "no labelled articles" in proc.stderr and "BCubed" not in proc.stdout
    proc = run_cli("cluster", str(archive), "--out", str(archive))
    assert proc.returncode == 2 and "is the input file" in proc.stderr
    assert archive.read_text() == text
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    proc = run_cli("cluster", str(empty), "--out", str(tmp_path / "pred.jsonl"))
    assert proc.returncode == 2 and "no usable articles" in proc.stderr
    assert not (tmp_path / "pred.jsonl").exists()


def test_a_reused_id_is_reported_not_taken_for_a_redelivery(tmp_path):
    lines = FIXTURES.joinpath("restart.jsonl").read_text().splitlines()
    other = json.loads(lines[1])
    other["id"] = json.loads(lines[0])["id"]
    archive = tmp_path / "in.jsonl"
    archive.write_text("\n".join([lines[0], json.dumps(other), *lines[2:]]) + "\n")
    out = tmp_path / "pred.jsonl"
    proc = run_cli("cluster", str(archive), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"{archive}:2: skipped: id 'r01' is already used on line 1" in proc.stderr
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [json.loads(x)["id"] for x in
                                                                          [lines[0], *lines[2:]]]


def test_cluster_cli_honours_the_idle_hours_setting(tmp_path):
    """`NEWSSTREAM_IDLE_HOURS` reaches the offline clusterer as it does the live one: 30 h after the
    first report, a second one close enough to join an awake story (the 72 h window) joins it by
    default (96 h), but with 24 h the story has gone dormant and the second is not close enough
    (cosine < 0.5) to revive it."""
    rows = [{"id": "a1", "url": "https://one.example/a1", "source": "One", "lang": "en",
             "title": "Xi Jinping arrives in Moscow for talks with Putin", "published": "2026-03-20T08:00:00Z"},
            {"id": "a2", "url": "https://two.example/a2", "source": "Two", "lang": "en",
             "title": "Putin hosts Xi Jinping at the Kremlin state dinner as China and Russia praise ties",
             "published": "2026-03-21T14:00:00Z"}]
    archive = tmp_path / "in.jsonl"
    archive.write_text("".join(json.dumps(r) + "\n" for r in rows))

    def stories(**env: str) -> list[str]:
        out = tmp_path / "pred.jsonl"
        proc = run_cli("cluster", str(archive), "--out", str(out), env=env)
        assert proc.returncode == 0, proc.stderr
        return [json.loads(line)["story_id"] for line in out.read_text().splitlines()]

    awake, asleep = stories(), stories(NEWSSTREAM_IDLE_HOURS="24")
    assert awake[0] == awake[1]
    assert asleep[0] != asleep[1]
    proc = run_cli("evaluate", str(archive), env={"NEWSSTREAM_IDLE_HOURS": "0.5"})
    assert proc.returncode == 2 and "idle_hours must be within 1..336" in proc.stderr
