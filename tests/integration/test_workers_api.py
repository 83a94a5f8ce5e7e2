"""Two workers, two languages in two partitions: each worker's API answers for every story and
article (asking the other worker for what it does not hold), and says which worker it could not reach."""

from __future__ import annotations

import json
import os
import signal
import urllib.error
import urllib.request

import pytest
from aiokafka.partitioner import murmur2

from tests.conftest import FIXTURES
from tests.integration.helpers import free_port, get_json, newsstream, pipeline_env, stop, wait_for

pytestmark = pytest.mark.integration


def partition_of(lang: str, partitions: int = 2) -> int:
    """As the stories agent places a language's stories (Kafka's default partitioner on the key)."""
    return (murmur2(lang.encode()) & 0x7FFFFFFF) % partitions


def status_of(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as resp:
            return resp.status, json.loads(resp.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def local_page(port: int) -> dict:
    return get_json(f"http://127.0.0.1:{port}/stories?scope=local&limit=500")


def test_any_worker_serves_every_story(kafka, tmp_path):
    assert partition_of("en") != partition_of("es"), "the test needs English and Spanish in different partitions"
    archive = tmp_path / "two-languages.jsonl"
    lines = (FIXTURES / "restart.jsonl").read_text().splitlines()[:8] + \
        (FIXTURES / "spanish.jsonl").read_text().splitlines()[:8]
    archive.write_text("\n".join(lines) + "\n")
    env = pipeline_env(kafka.bootstrap, NEWSSTREAM_PARTITIONS="2")
    ports = [free_port(), free_port()]

    def worker(n: int):
        return newsstream(["worker", "--web-port", str(ports[n]), "--data-dir", str(tmp_path / f"w{n}")], env,
                          log=tmp_path / f"worker{n}.log")

    def articles(page: dict) -> int:
        return sum(s["articles"] for s in page["stories"])

    # The first worker clusters everything; the second joins later and takes one partition over,
    # while the first keeps its copy of that partition's stories in its table (not to be served).
    workers = [worker(0)]
    try:
        wait_for(lambda: get_json(f"http://127.0.0.1:{ports[0]}/health"), 60, "worker up", workers)
        assert newsstream(["replay", str(archive), "-q"], env).wait(120) == 0
        wait_for(lambda: articles(local_page(ports[0])) >= 16, 120, "all 16 items clustered", workers)
        workers.append(worker(1))

        def split():  # each worker serves one language's stories, and every item is still there
            pages = [local_page(port) for port in ports]
            langs = [{s["lang"] for s in page["stories"]} for page in pages]
            return pages if sum(map(articles, pages)) == 16 and all(len(ls) == 1 for ls in langs) \
                and langs[0] != langs[1] else None

        pages = wait_for(split, 120, "English and Spanish stories, one language per worker", workers)
        mine = [{s["id"] for s in page["stories"]} for page in pages]
        every = mine[0] | mine[1]
        for n, port in enumerate(ports):
            other = 1 - n
            merged = get_json(f"http://127.0.0.1:{port}/stories?limit=500")
            assert {s["id"] for s in merged["stories"]} == every and merged["total"] == len(every)
            assert "unreachable" not in merged
            order = [(s["updated_at"], s["id"]) for s in merged["stories"]]
            assert order == sorted(order, reverse=True)
            # paging over the merged list: the second and third of the whole, not of one worker
            window = get_json(f"http://127.0.0.1:{port}/stories?limit=2&offset=1")
            assert [s["id"] for s in window["stories"]] == [s["id"] for s in merged["stories"][1:3]]
            # a story and an article the other worker holds, as that worker itself serves them
            sid = sorted(mine[other])[0]
            there = get_json(f"http://127.0.0.1:{ports[other]}/stories/{sid}")
            assert get_json(f"http://127.0.0.1:{port}/stories/{sid}") == there
            aid = there["article_ids"][0]
            assert get_json(f"http://127.0.0.1:{port}/articles/{aid}") == \
                get_json(f"http://127.0.0.1:{ports[other]}/articles/{aid}")
            assert status_of(f"http://127.0.0.1:{port}/stories/{sid}?scope=local")[0] == 404
            assert status_of(f"http://127.0.0.1:{port}/stories/no-such-story")[0] == 404
            assert status_of(f"http://127.0.0.1:{port}/stories?scope=everywhere")[0] == 400

        # The second worker dies: until the group notices, the first says what it cannot answer.
        os.kill(workers[1].pid, signal.SIGKILL)
        workers[1].wait(10)
        lost = sorted(mine[1])[0]
        code, body = status_of(f"http://127.0.0.1:{ports[0]}/stories/{lost}")
        assert code == 503 and body["unreachable"] == [f"http://127.0.0.1:{ports[1]}"], body
        page = get_json(f"http://127.0.0.1:{ports[0]}/stories?limit=500")
        assert page["unreachable"] == [f"http://127.0.0.1:{ports[1]}"]
        assert {s["id"] for s in page["stories"]} == mine[0]
    finally:
        for n, w in enumerate(workers):
            if w.poll() is None:
                assert stop(w) == 0, (tmp_path / f"worker{n}.log").read_text()[-3000:]
