"""The poller keeps its feeds' state with the store deployments use (rocksdb://): the polling task
writes the `feed_state` table outside any stream, where Faust's RocksDB store asserts an event."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
from streams.pipeline import polling
from streams.poll.state import FeedState
from types import SimpleNamespace
sent = []
def send_changelog(*args, **kwargs):  # no broker here: the record is not sent
    sent.append(args)
    return SimpleNamespace(message=SimpleNamespace(partition=0))
polling.feed_state.send_changelog = send_changelog
url = "https://example.org/feed"
polling.TableStore().put(url, FeedState(url=url, next_poll=123.0))
store = polling.feed_state.data
print(type(store).__name__, len(sent), polling.TableStore().get(url).next_poll,
      store._key_index[url.encode()] == polling.feed_partition(url))
"""


def test_the_pollers_state_is_stored_with_rocksdb(tmp_path):
    env = {"NEWSSTREAM_STORE": "rocksdb://", "NEWSSTREAM_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["Store", "1", "123.0", "True"]  # stored under its changelog partition
