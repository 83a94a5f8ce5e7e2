"""The canonical scenario, live: two outlets report Xi's arrival in Moscow; the second joining is the alert."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import shared_path
from tests.integration.helpers import (REPO, FeedServer, all_stories, free_port, newsstream, pipeline_env, rss, stop,
                                       wait_for)

pytestmark = pytest.mark.integration

UNRELATED_A = [
    {"title": "Brazil floods force thousands from their homes in Rio Grande do Sul",
     "link": "https://globalaffairs.example/brazil-floods",
     "content": "<p>Heavy rain swelled rivers across the southern state, and rescuers used boats to reach stranded families.</p>"},
    {"title": "Apple unveils a thinner iPad Pro with a new M4 chip",
     "link": "https://globalaffairs.example/ipad",
     "content": "<p>The tablet is the first device to ship with the chip, the company said at its launch event.</p>"},
]
UNRELATED_B = [
    {"title": "European Central Bank holds interest rates steady as inflation eases",
     "link": "https://eurasiamonitor.example/ecb",
     "content": "<p>Policymakers in Frankfurt kept the deposit rate unchanged and signalled a cut in June.</p>"},
    {"title": "Real Madrid reach the Champions League final after late comeback",
     "link": "https://eurasiamonitor.example/football",
     "content": "<p>Two goals in the final minutes sent the Spanish club through to the final at Wembley.</p>"},
]


def seed_item(path, link: str) -> dict[str, str]:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    title = next(ln for ln in lines if ln.lower() != "skip to content")
    body = "".join(f"<p>{ln}</p>" for ln in lines)  # the whole page text, boilerplate included
    return {"title": title, "link": link, "content": body}


def test_two_outlets_one_story_one_alert(kafka, tmp_path):
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    assert len(seeds) == 2
    feed_a = rss("Global Affairs Daily", [seed_item(seeds[0], "https://globalaffairs.example/xi-moscow"), *UNRELATED_A])
    feed_b = rss("Eurasia Monitor", [seed_item(seeds[1], "https://eurasiamonitor.example/xi-lands"), *UNRELATED_B])
    with FeedServer({"/a.xml": feed_a, "/b.xml": feed_b}) as server:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(f"feeds:\n  - url: {server.url('/a.xml')}\n    source: Global Affairs Daily\n"
                         f"  - url: {server.url('/b.xml')}\n    source: Eurasia Monitor\n")
        port = free_port()
        env = pipeline_env(kafka.bootstrap)
        run = newsstream(["run", "--broker", kafka.bootstrap, "--feeds", str(feeds), "--data-dir", str(tmp_path / "d"),
                          "--web-port", str(port)], env, log=tmp_path / "run.log")
        try:
            def xi_story():
                for story in all_stories(port):
                    if len(story["sources"]) >= 2:
                        return story
                return None

            story = wait_for(xi_story, 120, "a story with two sources", [run])
            assert server.hits.get("/a.xml") and server.hits.get("/b.xml")
            # Let any stray (wrong) join or duplicate alert happen before counting.
            wait_for(lambda: len(all_stories(port)) >= 5, 30, "all six items to be clustered", [run])
            alerts_cmd = subprocess.run(
                [sys.executable, "-m", "streams.cli", "alerts", "--from-beginning", "--timeout", "6"],
                env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
            assert alerts_cmd.returncode == 0, alerts_cmd.stderr
            alerts = [json.loads(line) for line in alerts_cmd.stdout.splitlines() if line.strip()]
            stories = all_stories(port)
        finally:
            rc = stop(run)
    log = (tmp_path / "run.log").read_text()
    assert rc == 0, log[-3000:]

    assert sorted(story["sources"]) == ["Eurasia Monitor", "Global Affairs Daily"]
    xi_ids = {"https://globalaffairs.example/xi-moscow", "https://eurasiamonitor.example/xi-lands"}
    assert len(story["article_ids"]) == 2
    # Unrelated items each stand alone: six items, five stories, only the Xi story has two sources.
    assert len(stories) == 5, [s["headline"] for s in stories]
    assert [len(s["sources"]) for s in stories].count(2) == 1
    assert all(len(s["article_ids"]) == 1 for s in stories if s["id"] != story["id"])

    joined = [a for a in alerts if a["kind"] == "source_joined"]
    assert len(joined) == 1, alerts
    alert = joined[0]
    assert alert["story_id"] == story["id"]
    assert sorted(alert["sources"]) == ["Eurasia Monitor", "Global Affairs Daily"]
    assert alert["source"] in {"Eurasia Monitor", "Global Affairs Daily"}
    assert alert["article"]["url"] in xi_ids
    assert "Xi" in alert["headline"]
    assert set(alert) >= {"alert_id", "kind", "story_id", "headline", "source", "sources", "article", "created_at"}
    assert "source_joined" in log and "joined" in log  # `run` printed the alert for the operator
