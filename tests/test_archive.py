from streams.archive import read_archive


def test_archive_lines_become_raw_items_and_bad_lines_are_reported(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text('{"id":"1","title":"T","text":"body","source":"S","url":"https://s.example/1",'
                 '"published":"2014-03-10T16:00:05Z","lang":"en","story":"g"}\n\n'
                 '{"id":"2"}\n{"id":"3","title":"T","text":5}\nnot json\n')
    lines = list(read_archive(f))
    assert [ln.lineno for ln in lines] == [1, 3, 4, 5]
    first = lines[0]
    assert first.item.content == "body" and first.item.source == "S" and first.story == "g"
    assert first.item.lang == "en" and first.item.published == "2014-03-10T16:00:05Z"
    assert [type(ln.error).__name__ for ln in lines[1:]] == ["InputError"] * 3
    assert "'text' must be a string" in str(lines[2].error)


def test_a_missing_file_is_a_clear_input_error(tmp_path):
    import pytest

    from streams.errors import InputError

    with pytest.raises(InputError, match="cannot read"):
        list(read_archive(tmp_path / "absent.jsonl"))
