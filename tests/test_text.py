"""The normalizer: what PDF and DOCX extraction leaves behind, and what the matcher sees.

Every later stage quotes the clean text (a match's ``text``, its page and line), so these
tests pin what the clean text looks like for the artefacts real resumes carry.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kwmatch.nlp import get_pipeline
from kwmatch.text import clean, heading_kind, normalize_page

IS_WORD = get_pipeline().is_english_word


def norm(raw: str) -> str:
    return normalize_page(raw, IS_WORD)


# --- characters -----------------------------------------------------------------------------


def test_ligatures_are_spelled_out() -> None:
    assert norm("ﬁne-tuned models; ﬂask and ﬀmpeg") == "fine-tuned models; flask and ffmpeg"


def test_a_word_broken_after_a_ligature_is_one_word_again() -> None:
    # a PDF that draws "fi" or "fl" as one glyph may leave a space after it
    assert norm("image classifi cation, fi ndings, confl icts") == (
        "image classification, findings, conflicts"
    )
    # two words of their own stay apart, and so does a gap after no ligature
    # ("off shore" makes the word "offshore", but both parts are words: it stays apart)
    assert norm("went off line; moored off shore") == "went off line; moored off shore"


def test_soft_hyphens_vanish() -> None:
    # Awesome-CV sets soft hyphens inside words; they must not split a name.
    assert norm("Kuber\u00adnetes and Tensor\u00adFlow") == "Kubernetes and TensorFlow"


def test_zero_width_characters_vanish() -> None:
    raw = "Py\u200bthon, Ku\u200cber\u200dnetes\u2060 and \ufeffSQL"
    assert norm(raw) == "Python, Kubernetes and SQL"


def test_runs_of_tabs_and_non_breaking_spaces_become_one_space() -> None:
    raw = "Python\u00a0\u00a0\t SQL\t\t\tDocker\u2003\u202fAWS"
    assert norm(raw) == "Python SQL Docker AWS"


def test_lines_are_trimmed_and_blank_runs_shortened() -> None:
    raw = "  SKILLS \t\n\n\n\n\u00a0Python, SQL  \r\nDocker\rAWS\fGCP  "
    assert norm(raw) == "SKILLS\n\nPython, SQL\nDocker\nAWS\nGCP"


def test_mojibake_bullet_is_repaired() -> None:
    assert norm("â€¢ Built ETL jobs in Python") == "• Built ETL jobs in Python"


def test_mojibake_dash_and_quote_are_repaired() -> None:
    assert norm("Python â€“ SQL; donâ€™t") == "Python – SQL; don’t"


def test_unmapped_glyph_codes_are_removed() -> None:
    assert norm("(cid:123)Python (cid:7)SQL(cid:240)") == "Python SQL"


def test_glyph_bullets_become_one_bullet() -> None:
    assert norm("● Python\n▪ SQL\n➤Docker") == "• Python\n• SQL\n• Docker"


# --- words broken at a line end -----------------------------------------------------------


def test_word_hyphenated_at_line_end_is_rejoined() -> None:
    assert norm("Airflow DAGs on Kuber-\nnetes clusters") == "Airflow DAGs on Kubernetes clusters"


def test_compound_broken_at_its_hyphen_keeps_the_hyphen() -> None:
    assert norm("a data-\ndriven team") == "a data-driven team"
    assert norm("cross-\nfunctional teams") == "cross-functional teams"


def test_rejoining_tolerates_spaces_around_the_break() -> None:
    assert norm("Kuber- \n  netes") == "Kubernetes"


def test_pdfium_line_break_marker_is_joined() -> None:
    # PDFium writes U+FFFE where a word was hyphenated at a line end (and drops the break).
    assert norm("Kuber\ufffenetes") == "Kubernetes"
    assert norm("Kuber\ufffe\nnetes on AWS") == "Kubernetes on AWS"


def test_a_dash_between_words_is_no_line_break() -> None:
    assert norm("Python - SQL\nTensor-\nFlow") == "Python - SQL\nTensor-\nFlow"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the on-\ncall rotation", "the on-call rotation"),
        ("for non-\ntechnical audiences", "for non-technical audiences"),
        ("end-\nto-end tests", "end-to-end tests"),
        ("an in-\nhouse feature store", "an in-house feature store"),
    ],
)
def test_compounds_with_short_words_keep_the_hyphen(raw: str, expected: str) -> None:
    assert norm(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("scikit-\nlearn models", "scikit-learn models"),
        ("PyTorch-\nbased training", "PyTorch-based training"),
        ("Kuber-\nnetes", "Kubernetes"),
    ],
)
def test_hyphen_is_kept_when_the_word_test_knows_both_halves(raw: str, expected: str) -> None:
    # The caller decides what a word is: a scorer adds its taxonomy's words ("scikit",
    # "pytorch") to English, so a tech name hyphenated at a line end keeps its hyphen.
    names = {"scikit", "learn", "pytorch", "based"}
    assert normalize_page(raw, lambda word: word in names or IS_WORD(word)) == expected


def test_hyphen_goes_when_the_word_test_does_not_know_a_half() -> None:
    assert norm("scikit-\nlearn models") == "scikitlearn models"


def test_word_broken_over_three_lines_is_rejoined() -> None:
    assert norm("Kuber-\nnet-\nes") == "Kubernetes"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u00a0\u00a0â€¢ Managed Python pipelines", "• Managed Python pipelines"),
        ("Python\u00a0â€“ SQL", "Python – SQL"),
    ],
)
def test_mojibake_beside_non_breaking_spaces_is_repaired(raw: str, expected: str) -> None:
    assert norm(raw) == expected


# --- pages, lines, sections -----------------------------------------------------------------


def test_page_and_line_of_a_two_page_resume() -> None:
    page_one = "Jane Doe\nSummary\nML engineer with five years in production."
    page_two = "TECHNICAL SKILLS\nPython, SQL\nDocker"
    text = clean([page_one, page_two], IS_WORD)
    assert text.text == page_one + "\n\n" + page_two
    where = {
        word: (text.page_of(text.text.index(word)), text.line_of(text.text.index(word)))
        for word in ("Jane", "Summary", "ML", "TECHNICAL", "Python", "SQL", "Docker")
    }
    assert where == {
        "Jane": (1, 1),
        "Summary": (1, 2),
        "ML": (1, 3),
        "TECHNICAL": (2, 1),
        "Python": (2, 2),
        "SQL": (2, 2),
        "Docker": (2, 3),
    }
    # the last character of the document is on the last line of page 2
    assert (text.page_of(len(text.text) - 1), text.line_of(len(text.text) - 1)) == (2, 3)


def test_page_map_follows_normalization() -> None:
    # The first page shrinks when cleaned; the second must still start where it says.
    text = clean(["Py\u200bthon\u00a0\u00a0\u00a0SQL\n\n\n\n", "  Docker"], IS_WORD)
    assert text.text == "Python SQL\n\nDocker"
    docker = text.text.index("Docker")
    assert text.page_starts == (0, docker)
    assert (text.page_of(docker), text.line_of(docker)) == (2, 1)


def test_technical_skills_heading_opens_a_skills_section() -> None:
    text = clean(
        ["Jane Doe\nTechnical Skills\nPython, SQL, R\nExperience\nBuilt ETL jobs."], IS_WORD
    )
    python = text.text.index("Python")
    section = text.section_of(python)
    assert section is not None
    assert (section.heading, section.kind) == ("Technical Skills", "skills")
    built = text.section_of(text.text.index("Built"))
    assert built is not None and built.kind == "experience"
    assert text.section_of(text.text.index("Jane")) is None


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("TECHNICAL SKILLS", "skills"),
        ("Skills:", "skills"),
        ("Work Experience", "experience"),
        ("EDUCATION", "education"),
        ("Professional Summary", "summary"),
        ("Led a team of five ML engineers building demand forecasting services.", None),
        ("Python, SQL, Docker, Kubernetes", None),
        # A heading written twice or more on its line is still the heading.
        ("EXPERIENCE EXPERIENCE", "experience"),
        ("Technical Skills Technical Skills Technical Skills Technical Skills", "skills"),
        ("Education, Education:", "education"),
        ("Experience in sales and experience in retail", None),
    ],
)
def test_heading_kinds(line: str, kind: str | None) -> None:
    assert heading_kind(line) == kind


@pytest.mark.parametrize("title", ["Technical Lead", "Senior Technical Writer"])
def test_job_title_is_no_skills_heading(title: str) -> None:
    assert heading_kind(title) != "skills"


# --- arbitrary input ------------------------------------------------------------------------

#: Fixed examples by default, so that a run's verdict does not depend on luck; with
#: KWMATCH_HYPOTHESIS_EXPLORE=1, thousands of fresh random examples hunt for new bugs.
EXPLORE = os.environ.get("KWMATCH_HYPOTHESIS_EXPLORE") == "1"
TEXT_SETTINGS = settings(
    max_examples=5000 if EXPLORE else 300,
    derandomize=not EXPLORE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

#: Text made of the pieces extraction really produces, so that the interesting paths
#: (rejoining, mojibake, bullets, glyph codes) are reached often.
resume_like = st.lists(
    st.sampled_from(
        [
            "Kuber", "netes", "data", "driven", "Python", "ab", " ", "  ", "\n", "\n\n\n",
            "-", "-\n", "\t", "\u00a0", "\u00ad", "\u200b", "\ufeff", "\ufffe", "\r\n",
            "\f", "(cid:12)", "•", "●", "·", "â€¢", "â€“", "ﬁ", "é", "e\u0301", "C++", ",",
        ]
    ),
    max_size=20,
).map("".join)  # fmt: skip


@TEXT_SETTINGS
@given(raw=st.one_of(st.text(), resume_like))
def test_normalize_page_never_raises_and_leaves_no_layout_debris(raw: str) -> None:
    text = normalize_page(raw, IS_WORD)
    assert isinstance(text, str)
    for debris in ("\r", "\t", "\f", "\u00a0", "\u00ad", "\u200b", "\u200d", "\ufeff"):
        assert debris not in text
    assert "\n\n\n" not in text
    assert all(line == line.strip(" ") for line in text.split("\n"))
    assert text == text.strip("\n ")


@TEXT_SETTINGS
@given(pages=st.lists(st.one_of(st.text(), resume_like), max_size=4))
def test_clean_maps_every_offset_to_a_page_and_line(pages: list[str]) -> None:
    text = clean(pages, IS_WORD)
    page_count = max(1, len(pages))
    assert len(text.page_starts) == page_count
    for offset in range(len(text.text)):
        page = text.page_of(offset)
        assert 1 <= page <= page_count
        line = text.line_of(offset)
        assert line >= 1
        # the offset's line, counted from its page start, has that number
        page_start = text.page_starts[page - 1]
        assert text.text.count("\n", page_start, offset) + 1 == line


@TEXT_SETTINGS
@given(raw=st.one_of(st.text(), resume_like))
@example(raw="\u00a0\u00a0â€¢ Managed Python pipelines")
@example(raw="Kuber-\nnet-\nes")
@example(raw="（cid:12）Python")
def test_cleaning_twice_changes_nothing(raw: str) -> None:
    once = normalize_page(raw, IS_WORD)
    assert normalize_page(once, IS_WORD) == once


@TEXT_SETTINGS
@given(raw=resume_like.filter(lambda s: "â€" not in s and s.count("-") + s.count("\ufffe") < 2))
def test_cleaning_twice_changes_nothing_without_the_known_cases(raw: str) -> None:
    # Idempotence everywhere but the known failures above (mojibake, more than one
    # line-end break, fullwidth glyph codes), so that any other regression shows.
    once = normalize_page(raw, IS_WORD)
    assert normalize_page(once, IS_WORD) == once
