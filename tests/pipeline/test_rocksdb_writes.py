"""Tables written outside any stream (the poller's loop, the webhook pump's tasks) work with the
store deployments use (rocksdb://): Faust's RocksDB store files a write under the current event's
partition and asserts there is one; the memory store the other tests use needs none."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO

SCRIPT = """
from types import SimpleNamespace
from streams.pipeline import delivery, polling
from streams.alert.outbox import StoryOutbox
from streams.poll.state import FeedState
sent = []
def send_changelog(*args, **kwargs):  # no broker here: the record is not sent
    sent.append(args)
    return SimpleNamespace(message=SimpleNamespace(partition=0))
polling.feed_state.send_changelog = delivery.outbox_table.send_changelog = send_changelog
url = "https://example.org/feed"
polling.TableStore().put(url, FeedState(url=url, next_poll=123.0))
store = polling.feed_state.data
delivery.pump.note = lambda box: None
delivery.save_box(StoryOutbox("st-1", touched_at=5.0))
# the changelog key is the story id's bytes: the partitioner then picks the story's news.alerts partition
print(type(store).__name__, len(sent), polling.TableStore().get(url).next_poll,
      store._key_index[url.encode()] == polling.feed_partition(url), delivery.load_box("st-1").touched_at,
      delivery.outbox_table.data._key_index[b"st-1"] == delivery._partition_of("st-1"),
      sent[1][1] == b"st-1" and delivery.outbox_table.key_serializer == "raw")
"""


def test_state_written_outside_streams_is_stored_with_rocksdb(tmp_path):
    env = {"NEWSSTREAM_STORE": "rocksdb://", "NEWSSTREAM_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    # each under its changelog record's partition
    assert proc.stdout.split() == ["Store", "2", "123.0", "True", "5.0", "True", "True"]
