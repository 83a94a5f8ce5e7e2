"""Prometheus text exposition (format 0.0.4) for `GET /metrics`. Pure: the worker collects values.

Counters live in a `Metrics` object the delivery code increments; gauges are passed in at render
time (stories active, consumer lag, feed health), so nothing here reads Kafka.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

Labels = tuple[tuple[str, str], ...]


@dataclass(slots=True)
class Family:
    name: str
    kind: str  # counter | gauge
    help: str
    samples: dict[Labels, float] = field(default_factory=lambda: defaultdict(float))


class Metrics:
    """A tiny registry: `inc` counters, `set` gauges, `render` the text format."""

    def __init__(self) -> None:
        self.families: dict[str, Family] = {}

    def _family(self, name: str, kind: str, help_: str) -> Family:
        fam = self.families.get(name)
        if fam is None:
            fam = self.families[name] = Family(name, kind, help_)
        return fam

    def inc(self, name: str, help_: str, value: float = 1.0, **labels: str) -> None:
        self._family(name, "counter", help_).samples[tuple(sorted(labels.items()))] += value

    def set(self, name: str, help_: str, value: float, **labels: str) -> None:
        self._family(name, "gauge", help_).samples[tuple(sorted(labels.items()))] = value

    def clear(self, name: str) -> None:
        fam = self.families.get(name)
        if fam is not None:
            fam.samples.clear()

    def render(self) -> str:
        out = []
        for fam in sorted(self.families.values(), key=lambda f: f.name):
            out.append(f"# HELP {fam.name} {fam.help}")
            out.append(f"# TYPE {fam.name} {fam.kind}")
            for labels, value in sorted(fam.samples.items()):
                label_text = ",".join(f'{k}="{_escape(v)}"' for k, v in labels)
                out.append(f"{fam.name}{{{label_text}}} {_number(value)}" if labels else f"{fam.name} {_number(value)}")
        return "\n".join(out) + "\n"


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))
