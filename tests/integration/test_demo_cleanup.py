"""`newsstream demo` without --data-dir works in a fresh temp directory and removes it on exit."""

from __future__ import annotations

import pytest

from tests.integration.helpers import free_port, get_json, newsstream, pipeline_env, stop, wait_for

pytestmark = pytest.mark.integration


def test_demo_removes_its_temp_dir(kafka, tmp_path):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    port = free_port()
    proc = newsstream(["demo", "--broker", kafka.bootstrap, "--web-port", str(port)],
                      pipeline_env(kafka.bootstrap, TMPDIR=str(tmp)), log=tmp_path / "demo.log")
    try:
        wait_for(lambda: get_json(f"http://127.0.0.1:{port}/health"), 90, "the demo's web server", [proc])
        made = [p.name for p in tmp.iterdir() if p.name.startswith("newsstream-demo-")]
        assert len(made) == 1 and (tmp / made[0] / "demo-feeds.yaml").exists()
    finally:
        assert stop(proc) == 0, (tmp_path / "demo.log").read_text()[-3000:]
    assert not [p.name for p in tmp.iterdir() if p.name.startswith("newsstream-demo-")]
