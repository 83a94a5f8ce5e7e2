from streams.clean import html_to_text
from streams.clean.html import MAX_BLOCK_TAGS, MAX_TEXT_CHARS


def test_paragraphs_become_lines_and_inline_markup_does_not():
    html = "<p>Hello <b>big</b>\n  world</p><div>Second&nbsp;para</div><p>a<br>b</p>"
    assert html_to_text(html) == "Hello big world\nSecond para\na\nb"


def test_drops_non_content_elements():
    html = (
        "<html><head><title>T</title><style>p{}</style></head><body><nav>Home | World</nav>"
        "<script>var x = 1;</script><p>Kept.</p><aside>Ad</aside><form>Email</form>"
        "<noscript>Enable JS</noscript><iframe>frame</iframe><footer>© 2025</footer></body></html>"
    )
    assert html_to_text(html) == "Kept."


def test_unescapes_entities_and_normalises_to_nfc():
    assert html_to_text("Caf&eacute; &amp; cre\u0300me") == "Café & crème"
    assert html_to_text("<p>Cafe\u0301</p>") == "Café"


def test_fast_path_keeps_plain_text_lines_and_collapses_spaces():
    assert html_to_text("first   line\n\n\n  second\tline  ") == "first line\nsecond line"


def test_plain_text_with_a_less_than_sign_keeps_its_line_breaks():
    assert html_to_text("3 < 4\n\nnext paragraph") == "3 < 4\nnext paragraph"


def test_drops_control_and_invisible_characters():
    assert html_to_text("a\x00b\u200bc\ufeffd\x07") == "abcd"
    assert html_to_text("<p>x&#0;y</p>") == "xy"


def test_windows_and_unicode_line_breaks():
    assert html_to_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"


def test_output_is_bounded():
    out = html_to_text("<p>" + "word " * 20_000 + "</p>")
    assert 0 < len(out) <= MAX_TEXT_CHARS
    assert not out.endswith(" ")


def test_deeply_nested_markup_is_handled_quickly():
    html = "<div>" * 30_000 + "Deep &amp; down" + "</div>" * 30_000
    assert html_to_text(html) == "Deep & down"


def test_empty_input():
    assert html_to_text("") == ""
    assert html_to_text("<p> </p>") == ""


def test_degenerate_page_fallback_still_drops_script_style_nav_and_footer():
    # Past MAX_BLOCK_TAGS block tags the parser is skipped; the non-content elements must still go.
    page = ("<html><head><title>Page title</title><style>.x{color:red}</style>"
            "<script>window.dataLayer=[];</script></head><body><nav><ul><li>Home</li></ul></nav>"
            + "<div><p>Live blog entry with real reporting.</p></div>" * (MAX_BLOCK_TAGS // 3)
            + "<SCRIPT type='x'>track()</SCRIPT><footer>Footer links</footer></body></html>")
    text = html_to_text(page)
    assert text.startswith("Live blog entry with real reporting.\n")
    assert all("Live blog entry".startswith(line) or line.startswith("Live blog entry") for line in text.split("\n"))


def test_a_page_wrapped_in_a_form_keeps_its_article():
    # ASP.NET WebForms pages put the whole body inside one <form>; only its controls are dropped.
    page = ('<html><body><form method="post" action="./story.aspx" id="form1"><input type="hidden" '
            'name="__VIEWSTATE" value="x"><div class="article"><h1>Council approves budget</h1>'
            "<p>The council voted on Tuesday.</p></div><label>Search</label><button>Go</button></form></body></html>")
    assert html_to_text(page) == "Council approves budget\nThe council voted on Tuesday."


def test_a_comment_form_still_goes_whole():
    page = ("<article><p>Story text.</p></article><h3>Leave a Reply</h3><form><p>Your email address will not "
            "be published.</p><p><label>Comment</label><textarea></textarea></p></form>")
    assert html_to_text(page) == "Story text.\nLeave a Reply"
