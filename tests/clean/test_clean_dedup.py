"""DuplicateIndex: exact repeats (URL, same outlet + content) vs another outlet's near copy."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.clean.dedup import DuplicateIndex, jaccard
from streams.models import Article

NOW = 1_746_612_000.0
WIRE = (
    "Chinese President Xi Jinping arrived in Moscow on Wednesday for a four-day state visit, his eleventh trip to "
    "Russia, as Ukrainian drones targeted the capital for a third day. Xi is due to hold talks with Vladimir Putin "
    "and attend the Victory Day parade on Red Square. The two leaders are expected to sign agreements on energy "
    "and trade, including the Power of Siberia 2 pipeline, officials in Beijing said. Kyiv has accused Beijing of "
    "helping Russia's war effort, a charge China denies."
)
OTHER = (
    "The European Central Bank left interest rates unchanged on Thursday and said inflation in the euro area was "
    "moving back towards its two percent target faster than expected, while warning that tariffs announced by "
    "Washington could weigh on exports and investment across the bloc in the second half of the year, according "
    "to the statement released after the meeting of its governing council in Frankfurt."
)


def art(aid: str, text: str = WIRE, source_id: str = "a.com", url: str = "", title: str = "Xi arrives in Moscow",
        published: str = "2025-05-07T10:00:00Z") -> Article:
    return Article(id=aid, url=url or f"https://{source_id}/{aid}", source=source_id, source_id=source_id,
                   title=title, text=text, published=published, lang="en")


def test_same_url_through_two_feeds_is_exact():
    index = DuplicateIndex()
    assert index.add(art("1", url="https://a.com/x"), NOW) is None
    dup = index.add(art("2", url="https://a.com/x", text="different summary of the item"), NOW)
    assert dup is not None and dup.exact and dup.of == "1"


def test_same_outlet_same_content_other_url_is_exact():
    index = DuplicateIndex()
    index.add(art("1"), NOW)
    dup = index.add(art("2"), NOW)
    assert dup is not None and dup.exact and dup.of == "1"


def test_other_outlets_copy_is_near_not_exact():
    index = DuplicateIndex()
    index.add(art("1"), NOW)
    edited = WIRE.replace("on Wednesday", "on Wednesday morning").replace("officials in Beijing said", "said Beijing")
    dup = index.add(art("2", text=edited + " Reporting by our correspondent.", source_id="b.com"), NOW)
    assert dup is not None and not dup.exact and dup.of == "1" and dup.similarity >= 0.6
    # A third copy points at the first original, not at the copy.
    third = index.add(art("3", text=edited, source_id="c.com"), NOW)
    assert third is not None and third.of == "1"


def test_unrelated_and_headline_only_items_are_not_duplicates():
    index = DuplicateIndex()
    index.add(art("1"), NOW)
    assert index.add(art("2", text=OTHER, source_id="b.com", title="ECB holds rates"), NOW) is None
    # Identical short headlines from two outlets are not evidence of one article.
    assert index.add(art("3", text="", title="Live updates", source_id="c.com"), NOW) is None
    assert index.add(art("4", text="", title="Live updates", source_id="d.com"), NOW) is None


def test_redelivery_is_not_its_own_duplicate():
    index = DuplicateIndex()
    assert index.add(art("1"), NOW) is None
    assert index.add(art("1"), NOW) is None


def test_entries_expire_by_article_time_and_count():
    index = DuplicateIndex(ttl_s=3600, max_items=10)
    index.add(art("1"), NOW)
    later = index.add(art("2", published="2025-05-07T12:00:01Z"), NOW)
    assert later is None  # the first copy is out of the window
    for i in range(30):
        index.add(art(f"n{i}", text=f"{OTHER} {i}", source_id=f"s{i}.com", published="2025-05-07T12:00:02Z"), NOW)
    assert len(index) <= 10


def test_jaccard_estimate_bounds():
    assert jaccard([1, 2, 3], [1, 2, 3]) == 1.0
    assert jaccard([1, 2, 3], [4, 5, 6]) == 0.0
    assert jaccard([], []) == 0.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text(max_size=300), st.text(max_size=40), st.sampled_from(["a", "b"])), max_size=12))
def test_index_total_and_bounded(items):
    index = DuplicateIndex(max_items=5)
    for i, (text, url, source) in enumerate(items):
        dup = index.add(art(str(i), text=text, url=url or "x", source_id=source, title=text[:20]), NOW)
        assert dup is None or (dup.of != str(i) and 0.0 <= dup.similarity <= 1.0)
    assert len(index) <= 5


class _Store:
    """What the live agent keeps in the `seen` table: entries by id, and the newest time."""

    def __init__(self) -> None:
        self.entries: dict[str, dict] = {}
        self.latest = 0.0

    def save(self, index: DuplicateIndex) -> None:
        entries, gone = index.changes()
        self.entries.update((e["id"], e) for e in entries)
        for aid in gone:
            self.entries.pop(aid, None)
        self.latest = index.latest

    def restored(self, **kwargs) -> DuplicateIndex:
        index = DuplicateIndex(journal=True, **kwargs)
        index.restore(list(reversed(self.entries.values())), self.latest)  # any order
        return index


def _stream(n: int) -> list[Article]:
    """Originals, exact repeats (same URL; same outlet and text), near copies, hours apart."""
    out = []
    for i in range(n):
        hour = f"2025-05-{7 + i // 24:02d}T{i % 24:02d}:00:00Z"
        kind = i % 4
        if kind == 0:
            out.append(art(f"o{i}", text=f"{WIRE} Update {i}.", published=hour))
        elif kind == 1:
            out.append(art(f"r{i}", url=f"https://a.com/o{i - 1}", text="teaser", published=hour))
        elif kind == 2:
            out.append(art(f"s{i}", text=f"{WIRE} Update {i - 2}.", url=f"https://a.com/moved{i}", published=hour))
        else:
            out.append(art(f"n{i}", text=f"{WIRE} Update {i - 3}. Reporting by staff.", source_id="b.com",
                           published=hour))
    return out


def test_a_restored_index_classifies_as_the_one_that_wrote_it():
    """Saved after every article and restored at each cut, the index gives the same verdicts as
    one that ran uninterrupted, expiry (by time and by count) included."""
    stream = _stream(160)
    kwargs = {"ttl_s": 20 * 3600.0, "max_items": 40}
    plain = DuplicateIndex(**kwargs)
    expected = [plain.add(a, NOW) for a in stream]
    assert sum(1 for v in expected if v is not None and v.exact) >= 60
    assert sum(1 for v in expected if v is not None and not v.exact) >= 20
    for cut in (1, 37, 90, 159):
        store, index = _Store(), DuplicateIndex(journal=True, **kwargs)
        verdicts = []
        for i, article in enumerate(stream):
            if i == cut:
                index = store.restored(**kwargs)
            verdicts.append(index.add(article, NOW))
            store.save(index)
        assert verdicts == expected, f"cut at {cut}"
        assert len(store.entries) == len(index) <= 40  # forgotten entries leave the store too


def test_changes_need_a_journal_and_are_cleared_once_taken():
    index = DuplicateIndex(journal=True)
    index.add(art("1", url="https://a.com/x"), NOW)
    index.add(art("2", url="https://a.com/x"), NOW)  # a repeat: 1's entry learns id 2
    entries, gone = index.changes()
    assert [e["id"] for e in entries] == ["1"] and "i:2" in entries[0]["keys"] and gone == []
    assert index.changes() == ([], [])
    assert DuplicateIndex().add(art("1"), NOW) is None and DuplicateIndex().changes() == ([], [])
