"""Operator mistakes end in one `error:` line and a non-zero exit, not a traceback or a hang."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

NOBODY = "127.0.0.1:1"  # nothing listens on port 1: connections are refused at once


def run_cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "streams.cli", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def test_reading_alerts_from_an_unreachable_broker_is_a_clear_error():
    proc = run_cli("alerts", "--broker", NOBODY, "--timeout", "5")
    assert proc.returncode == 2, proc.stderr
    assert f"newsstream alerts: error: consuming news.alerts from {NOBODY}" in proc.stderr
    assert "Traceback" not in proc.stderr and "Unclosed" not in proc.stderr


def test_a_missing_opml_file_is_reported_before_connecting():
    proc = run_cli("feeds", "import", "/nonexistent/feeds.opml", "--broker", NOBODY, timeout=10)
    assert proc.returncode == 2
    assert "cannot read /nonexistent/feeds.opml" in proc.stderr and "Traceback" not in proc.stderr


def test_a_missing_replay_file_is_reported_before_connecting():
    proc = run_cli("replay", "/nonexistent/archive.jsonl", "--broker", NOBODY, timeout=10)
    assert proc.returncode == 2
    assert "cannot read /nonexistent/archive.jsonl" in proc.stderr and "Traceback" not in proc.stderr


def test_a_closed_pipe_on_stdout_is_not_a_traceback(tmp_path):
    from tests.conftest import FIXTURES

    reader = subprocess.Popen([sys.executable, "-m", "streams.cli", "cluster", str(FIXTURES / "restart.jsonl"),
                               "--out", "-"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.close()  # as `| head -0` would
    _, err = reader.communicate(timeout=60)
    assert b"Traceback" not in err and reader.returncode == 141, err.decode()
