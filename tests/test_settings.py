import pytest

from streams.cluster import ClusterParams
from streams.errors import ConfigError
from streams.settings import Settings


def test_precedence_argument_over_env_over_default(monkeypatch):
    monkeypatch.delenv("KAFKA_BOOTSTRAP_SERVERS", raising=False)
    assert Settings.load().web_port == 6066
    monkeypatch.setenv("NEWSSTREAM_WEB_PORT", "7001")
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
    assert Settings.load().web_port == 7001
    s = Settings.load(web_port=7002)
    assert s.web_port == 7002 and s.broker == "kafka:9092"
    assert s.env()["NEWSSTREAM_WEB_PORT"] == "7002"


def test_bad_values_are_clear_errors(monkeypatch):
    monkeypatch.setenv("NEWSSTREAM_PARTITIONS", "many")
    with pytest.raises(ConfigError, match="partitions"):
        Settings.load()
    monkeypatch.delenv("NEWSSTREAM_PARTITIONS")
    with pytest.raises(ConfigError, match="HOST:PORT"):
        Settings.load(broker="justahost")
    with pytest.raises(ConfigError, match="unknown setting"):
        Settings.load(nonsense=1)
    with pytest.raises(ConfigError, match="retention_days must be 0 .* or at least 14"):
        Settings.load(retention_days=7)  # a dormant story could be deleted while it may still be revived
    assert Settings.load(retention_days=0).retention_days == 0 and Settings.load(retention_days=14).retention_days == 14
    with pytest.raises(ConfigError, match="web_port must be within 0..65535"):
        Settings.load(web_port=99999)  # else it failed later, inside Faust's web server


def test_idle_hours_set_the_clusterers_dormancy(monkeypatch):
    monkeypatch.setenv("NEWSSTREAM_IDLE_HOURS", "48")
    assert Settings.load().cluster_params.idle_hours == 48
    monkeypatch.delenv("NEWSSTREAM_IDLE_HOURS")
    assert Settings.load().cluster_params == ClusterParams()  # the default changes nothing
    for bad in (0.5, 24 * 14 + 1):  # below an hour; past revival (a story asleep that long stays asleep)
        with pytest.raises(ConfigError, match="idle_hours must be within 1..336"):
            Settings.load(idle_hours=bad)
