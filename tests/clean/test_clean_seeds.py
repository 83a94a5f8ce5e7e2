"""The two articles the product was created from: same event, two outlets, two kinds of boilerplate."""

from pathlib import Path

import pytest

from streams.clean import Cleaner
from streams.models import RawItem

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed articles not found at {SEEDS} (../shared)")

GONE = ["LEAVE A REPLY", "Related articles", "Read also", "Skip to content", "Please enter your comment",
        "Please enter your name here", "Date:"]
# The headlines listed under "Related articles" in the first seed.
RELATED = ["US Courts Delay", "Multi-Million Dollar Influence", "Goldman Sachs Advisory", "America Party",
           "eight migrants from various countries"]
KEPT = {
    "LEAVE A REPLY": [
        "Xi is scheduled to hold high-level talks with Russian President Vladimir Putin",
        "Kyiv has accused Beijing of indirectly aiding Russia’s war efforts",
        "Beijing’s readiness to back Moscow diplomatically and economically.",
    ],
    "Skip to content": [
        "Drones targeted Moscow for the third consecutive day",
        "Ukrainian President Volodymyr Zelenskyy has asked Xi to persuade Putin to end the war.",
        "7. Despite the ongoing tariff war between America and China",
    ],
}


def _seed(marker: str) -> str:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if marker in text:
            return text
    pytest.skip(f"no seed article containing {marker!r} in {SEEDS}")


def _clean(text: str):
    return Cleaner()(RawItem(id="seed", feed_url="", source="Seed", url="", title="", content=text), 0.0)


@pytest.mark.parametrize("marker", sorted(KEPT))
def test_boilerplate_gone_and_reporting_kept(marker):
    article = _clean(_seed(marker))
    for phrase in GONE + RELATED:
        assert phrase not in article.text, phrase
    for sentence in KEPT[marker]:
        assert sentence in article.text, sentence
    assert not article.text.endswith("Latest")


def test_first_seed_title_comes_from_its_heading_line():
    article = _clean(_seed("LEAVE A REPLY"))
    assert article.title == "Xi Jinping Arrives in Moscow Amid Drone Strikes and Deepening China-Russia Alliance"
    assert not article.text.startswith("Xi Jinping Arrives")


def test_second_seed_repeats_and_teasers_removed():
    text = _clean(_seed("Skip to content")).text
    assert text.count("Chinese President Xi Jinping touches down in Moscow, strengthening alliances") <= 1
    assert "Ukrainian drone attacks...\n" not in text + "\n"
    assert text.count("Chinese leader Xi Jinping lands in Moscow for discussions with Putin") == 1
