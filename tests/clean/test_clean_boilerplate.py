from streams.clean.boilerplate import remove_boilerplate

ARTICLE = (
    "Officials said on Tuesday that the bridge would reopen next month after repairs were completed.\n"
    "The mayor told reporters the work had cost more than expected but was finished safely."
)


def test_comment_form_lines_are_removed():
    text = f"{ARTICLE}\nLEAVE A REPLY\nPlease enter your comment!\nPlease enter your name here"
    assert remove_boilerplate(text) == ARTICLE


def test_trailing_related_block_is_cut_with_its_headlines():
    text = (
        f"{ARTICLE}\nRelated articles\nAnother story about something else\n"
        "A teaser sentence that goes on for a while and then stops mid-way...\nThird headline here"
    )
    assert remove_boilerplate(text) == ARTICLE


def test_block_heading_before_long_prose_is_dropped_alone():
    prose = "This paragraph is real reporting " + "with many words " * 20 + "that continues."
    text = f"Read more\n{ARTICLE}\n{prose}"
    assert remove_boilerplate(text) == f"{ARTICLE}\n{prose}"


def test_navigation_share_and_prompts():
    text = (
        "Skip to content\nHome | World | Business\nShare on Facebook\nTweet\n"
        f"{ARTICLE}\nSign up for our newsletter to get the news in your inbox\n"
        "We use cookies to improve your experience. Accept cookies\nAdvertisement\nDate:"
    )
    assert remove_boilerplate(text) == ARTICLE


def test_inline_read_also_link_line_is_removed():
    text = f"{ARTICLE}\nRead also: Why the bridge closed in the first place"
    assert remove_boilerplate(text) == ARTICLE


def test_repeated_lines_keep_the_first():
    line = "The mayor spoke."
    assert remove_boilerplate(f"{line}\nOther news.\n{line}") == f"{line}\nOther news."


def test_teaser_with_ellipsis_duplicating_a_later_line_is_dropped():
    full = "Chinese leader lands in Moscow for talks with Putin amid drone attacks and protests."
    teaser = "Chinese leader lands in Moscow for talks with Putin amid drone..."
    assert remove_boilerplate(f"{teaser}\n{full}") == full


def test_ellipsis_that_duplicates_nothing_is_kept():
    text = "He paused and said: we will see...\nThen he left."
    assert remove_boilerplate(text) == text


def test_real_sentences_mentioning_boilerplate_words_survive():
    text = (
        "The company said its newsletter business grew strongly, and readers who subscribe pay more than "
        "before, according to the annual report published on Monday by the board of directors in London.\n"
        "Related articles in the journal were later retracted by the editors after a review.\n"
        "Latest figures show inflation rising to 3%."
    )
    assert remove_boilerplate(text) == text


def test_read_more_tail_is_stripped_from_a_summary():
    assert remove_boilerplate("The bridge will reopen next month. Read more »") == "The bridge will reopen next month."
    assert remove_boilerplate("Prices rose. Continue reading “Inflation” →") == "Prices rose."


def test_empty():
    assert remove_boilerplate("") == ""


def test_subheading_followed_by_prose_paragraphs_does_not_end_the_article():
    # "More on the election" reads like a "related" heading, but what follows is the article going on.
    rest = [
        "In the capital, lines stretched around the block at several polling stations by mid-morning, and "
        "election workers said they had handed out more provisional ballots than usual.",
        "Both parties have poured record sums into advertising in the final weeks, focusing on the economy "
        "and crime, issues that polls show are top concerns for voters here.",
        "Results from rural counties, which tend to report first, are expected to favour the incumbent "
        "party, while urban precincts could take longer to count.",
    ]
    for heading in ("More on the election", "Latest", "Comments"):
        text = "\n".join([ARTICLE, heading, *rest])
        assert remove_boilerplate(text) == "\n".join([ARTICLE, *rest]), heading


def test_related_block_of_headlines_with_summaries_is_still_cut():
    summary = ("The council said on Monday that the new rules would take effect next year after a long "
               "consultation with residents and businesses.")
    text = f"{ARTICLE}\nMore on this story\nCouncil unveils new parking rules\n{summary}\nMayor faces critics\n{summary}"
    assert remove_boilerplate(text) == ARTICLE


def test_a_lead_starting_with_copyright_is_kept_and_notices_still_go():
    lead = "Copyright holders sued the AI company on Tuesday over its use of their books as training data."
    notices = ["Copyright 2024 Reuters.", "Copyright © 2025 The Associated Press", "Copyright: AFP",
               "Copyright Getty Images", "COPYRIGHT 2024 BY THE NEW YORK TIMES", "© 2025 BBC"]
    assert remove_boilerplate("\n".join([lead, ARTICLE, *notices])) == f"{lead}\n{ARTICLE}"
