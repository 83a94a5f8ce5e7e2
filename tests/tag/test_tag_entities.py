import pytest

from streams.tag.entities import MAX_ENTITIES, extract_entities


def names(title: str, text: str = "") -> list[str]:
    return [e.text for e in extract_entities(title, text)]


def typed(title: str, text: str = "") -> dict[str, str]:
    return {e.text: e.type for e in extract_entities(title, text)}


def test_roles_are_stripped_and_aliases_normalised():
    got = typed("", "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Tuesday. "
                    "Ukrainian President Volodymyr Zelensky said Kiev would respond.")
    assert got["Xi Jinping"] == "PERSON"
    assert got["Vladimir Putin"] == "PERSON"
    assert got["Volodymyr Zelenskyy"] == "PERSON"
    assert got["Moscow"] == "PLACE"
    assert got["Kyiv"] == "PLACE"
    assert not any("President" in name or name in ("Chinese", "Russian", "Ukrainian") for name in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Officials in the U.S. said so.", "United States"),
        ("Officials in the US said so.", "United States"),
        ("He flew to Britain on Monday.", "United Kingdom"),
        ("Talks with the UK stalled.", "United Kingdom"),
        ("Leaders met in Kiev yesterday.", "Kyiv"),
        ("Analysts said Zelenskiy would travel.", "Volodymyr Zelenskyy"),
        ("The EU imposed new sanctions.", "European Union"),
    ],
)
def test_alias_table(text, expected):
    assert expected in names("", text)


def test_bare_surname_resolves_to_full_name_in_document():
    got = names("", "Moscow Mayor Sergei Sobyanin said drones were downed. Later, Sobyanin said more fell.")
    assert "Sergei Sobyanin" in got
    assert "Sobyanin" not in got
    assert "Moscow" in got


def test_sentence_initial_words_are_not_entities():
    got = names("", "Despite China's objections, talks went on. Drones hit the city again. "
                    "However, Russia said the drones were destroyed.")
    assert "China" in got and "Russia" in got
    assert not {"Despite", "Despite China", "Drones", "However"} & set(got)


def test_possessive_splits_runs():
    got = typed("", "Crowds gathered in Moscow's Red Square for the parade.")
    assert got["Moscow"] == "PLACE"
    assert got["Red Square"] == "PLACE"


def test_org_by_keyword_and_of_inside_names():
    got = typed("", "The Bank of England held rates, while the Ukrainian Foreign Ministry protested and "
                    "shares of Acme Holdings fell. The Kremlin declined to comment.")
    assert got["Bank of England"] == "ORG"
    assert got["Ukrainian Foreign Ministry"] == "ORG"
    assert got["Acme Holdings"] == "ORG"
    assert got["Kremlin"] == "ORG"


def test_of_does_not_glue_unrelated_names():
    got = names("", "He spoke of Putin and of Xi in the same breath.")
    assert "Vladimir Putin" in got and "Xi Jinping" in got


def test_demonym_nouns_map_to_countries_but_adjectives_do_not():
    got = names("", "Thousands of Ukrainians fled. Russian troops advanced near the border.")
    assert "Ukraine" in got
    assert "Russian" not in got and "Russia" not in got


def test_hyphenated_places_split():
    assert {"China", "Russia"} <= set(names("", "The talks deepened the China-Russia alliance, officials said."))


def test_title_case_headline_uses_known_names_only():
    got = names("Xi Jinping Arrives in Moscow Amid Drone Strikes and Deepening China-Russia Alliance")
    assert got[:2] == ["Xi Jinping", "Moscow"]
    assert {"China", "Russia"} <= set(got)
    assert not {"Arrives", "Drone Strikes", "Amid Drone Strikes", "Deepening"} & set(got)


def test_title_mentions_rank_first_then_frequency():
    got = names("Storm hits Paris", "Officials in Lyon said Lyon and Lyon again. Berlin was calm. Paris too.")
    assert got[0] == "Paris"
    assert got[1] == "Lyon"


def test_people_by_shape():
    got = typed("", "The report was written by Jane Holloway and reviewed by Sir Keith Marlow.")
    assert got["Jane Holloway"] == "PERSON"
    assert got["Keith Marlow"] == "PERSON"


def test_months_weekdays_and_common_capitals_are_ignored():
    got = names("", "On Monday in March, the Latest Update was posted by officials in Rome.")
    assert got == ["Rome"]


def test_cap_and_dedup():
    text = " ".join(f"Officials met Person{chr(65 + i % 26)}{i} Example{i} today." for i in range(80))
    got = names("", text)
    assert len(got) == MAX_ENTITIES
    assert len(set(got)) == len(got)


def test_empty():
    assert extract_entities("", "") == []


def test_first_names_that_are_also_cities_still_make_people():
    got = typed("", "In London, fashion designer Victoria Beckham met the actress Charlotte Rampling.")
    assert got.get("Victoria Beckham") == "PERSON" and got.get("Charlotte Rampling") == "PERSON"
    assert "Reading" not in names("", "Reading the report, analysts said the shares would fall in Colorado.")


GERMAN = ("Der chinesische Staatschef Xi Jinping ist zu einem Staatsbesuch in Moskau eingetroffen. Bei den "
          "Gesprächen mit dem russischen Präsidenten Wladimir Putin soll es um die Zusammenarbeit beider Länder "
          "gehen. Die Regierung in Kiew meldete neue Drohnenangriffe. Nach Angaben des Kremls dauern die "
          "Verhandlungen drei Tage. Bundeskanzler Olaf Scholz äußerte sich in Berlin. Scholz sagte, die SPD und "
          "die Europäische Union würden reagieren.")


def test_german_capitalised_nouns_are_not_entities():
    got = typed_in("de", "Xi Jinping trifft Putin in Moskau", GERMAN)
    for noun in ("Staatsbesuch", "Gesprächen", "Zusammenarbeit", "Länder", "Regierung", "Drohnenangriffe",
                 "Angaben", "Kremls", "Verhandlungen", "Tage"):
        assert not any(noun in name for name in got), (noun, got)
    # names after a role noun lose it; known names, acronyms and multi-word names stay
    assert got["Xi Jinping"] == got["Vladimir Putin"] == got["Olaf Scholz"] == "PERSON"
    assert got["Moscow"] == got["Kyiv"] == got["Berlin"] == "PLACE"
    assert "SPD" in got and "Europäische Union" in got
    # the same text read as English keeps the capitalised nouns: the rule is German's
    assert "Staatsbesuch" in typed("", GERMAN)


def test_german_bare_surname_counts_for_the_full_name_and_a_role_makes_a_name():
    got = names_in("de", "", "Kanzler Merz traf am Montag Bürger. Friedrich Merz sagte, Merz bleibe im Amt. "
                             "Die Polizei meldete, Merz sei abgereist.")
    assert got[0] == "Friedrich Merz"
    assert not any(n in name for name in got for n in ("Polizei", "Bürger", "Montag")), got
    assert "Merz" not in got
    assert names_in("de", "", "Die Innenministerin Faeser sprach am Abend.") == ["Faeser"]


def test_leading_particle_after_a_sentence_starter_is_dropped():
    assert "Kremlin" in names_in("es", "", "Según el Kremlin, las conversaciones se centrarán en la guerra.")
    assert not any(n.startswith(("el ", "den ")) for n in names_in("es", "", "Según el Kremlin, habrá más."))


def test_accented_spellings_match_known_names_but_not_the_reverse():
    assert "Vladimir Putin" in names_in("es", "", "Habló con el presidente ruso Vladímir Putin en Moscú.")
    # an accentless common word is not the accented place ("reunion" is not Réunion)
    assert "Réunion" not in names("Full House Reunion Set For Netflix", "")


def typed_in(lang: str, title: str, text: str) -> dict[str, str]:
    return {e.text: e.type for e in extract_entities(title, text, lang)}


def names_in(lang: str, title: str, text: str) -> list[str]:
    return [e.text for e in extract_entities(title, text, lang)]


def test_german_prose_full_of_nouns_is_not_read_as_a_title_case_line():
    got = names_in("de", "", "Am Dienstag Nachmittag sprach Nancy Faeser in Berlin.")
    assert got == ["Nancy Faeser", "Berlin"]


def test_a_russian_sentence_starting_preposition_does_not_start_a_name():
    got = names_in("ru", "", "В Москве начались переговоры. По словам Кремля, визит продлится три дня.")
    assert "Москве" in got and "Кремля" in got
    assert not any(name.startswith(("В ", "По ")) for name in got), got


def test_a_german_line_with_thousands_of_cuts_does_not_overflow_the_stack():
    # Every " der " between two nouns is a cut; each used to be one recursion level.
    text = "Die Sitzung " + " der ".join(["Kommission"] * 2000) + " endet mit Angela Merkel."
    assert "Angela Merkel" in [e.text for e in extract_entities("Titel", text, "de")]
