"""Hidden text in PDFs (issue #18, finding 7): every trick is found by both engines, on
pages of a few text objects and on pages of one object per character (as browsers
print HTML), and hidden words never add to a score. Honest designs (white text on a
dark banner or photo, dark text on a light panel) are not hidden text.

Every PDF is drawn here with reportlab; none comes from the corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kwmatch.api import Options, Scorer
from kwmatch.ingest import read_document

FONT, SIZE = "Helvetica", 11
#: The visible resume: a little evidence, so that stuffing would have room to add.
LINES = [
    "Data analyst, three years",
    "Python and SQL for weekly reports to the sales team",
    "Built dashboards and ran A/B tests with the product managers",
    "Presented results to stakeholders every month",
]
#: What the tricks hide: concepts the visible resume does not name.
STUFFING = "Kubernetes Docker PyTorch TensorFlow MLflow Airflow Spark"
STUFFED_AT = (72, 600)
#: The box the covering tricks draw: it holds the stuffed line.
BOX = (60, 590, 420, 26)

Write = Callable[..., None]


def _writer(canvas: Any, per_char: bool) -> Write:
    """A function that writes text in one text object, or one object per character."""

    def write(x: float, y: float, text: str, *, mode: int = 0, scale: float = 100) -> None:
        if per_char:
            pieces = [
                (x + canvas.stringWidth(text[:i], FONT, SIZE) * scale / 100, char)
                for i, char in enumerate(text)
                if not char.isspace()
            ]
        else:
            pieces = [(x, text)]
        for left, piece in pieces:
            block = canvas.beginText(left, y)
            block.setFont(FONT, SIZE)
            block.setTextRenderMode(mode)
            block.setHorizScale(scale)
            block.textOut(piece)
            canvas.drawText(block)

    return write


def _image(colour: tuple[int, int, int]) -> Any:
    from reportlab.lib.utils import ImageReader

    pil = pytest.importorskip("PIL.Image")
    return ImageReader(pil.new("RGB", (60, 8), colour))


def _white_box_over(c: Any, write: Write) -> None:
    write(*STUFFED_AT, STUFFING)
    c.setFillColorRGB(1, 1, 1)
    c.rect(*BOX, fill=1, stroke=0)


def _image_over(c: Any, write: Write) -> None:
    write(*STUFFED_AT, STUFFING)
    x, y, width, height = BOX
    c.drawImage(_image((190, 40, 40)), x, y, width=width, height=height)


def _clipped(c: Any, write: Write) -> None:
    c.saveState()
    path = c.beginPath()
    path.rect(0, 0, 12, 12)
    c.clipPath(path, stroke=0, fill=0)
    write(*STUFFED_AT, STUFFING)
    c.restoreState()


def _white_outline(c: Any, write: Write) -> None:
    c.setStrokeColorRGB(1, 1, 1)
    write(*STUFFED_AT, STUFFING, mode=1)


def _invisible(c: Any, write: Write) -> None:
    write(*STUFFED_AT, STUFFING, mode=3)


def _squeezed(c: Any, write: Write) -> None:
    write(*STUFFED_AT, STUFFING, scale=1)


def _faint(c: Any, write: Write) -> None:
    c.setFillAlpha(0.08)
    write(*STUFFED_AT, STUFFING)
    c.setFillAlpha(1)


def _box_colour(c: Any, write: Write) -> None:
    c.setFillColorRGB(0.2, 0.3, 0.6)
    c.rect(*BOX, fill=1, stroke=0)
    c.setFillColorRGB(0.22, 0.31, 0.6)
    write(*STUFFED_AT, STUFFING)
    c.setFillColorRGB(0, 0, 0)


def _white_on_white_image(c: Any, write: Write) -> None:
    x, y, width, height = BOX
    c.drawImage(_image((250, 250, 248)), x, y, width=width, height=height)
    c.setFillColorRGB(1, 1, 1)
    write(*STUFFED_AT, STUFFING)
    c.setFillColorRGB(0, 0, 0)


def _white_on_white(c: Any, write: Write) -> None:
    c.setFillColorRGB(1, 1, 1)
    write(*STUFFED_AT, STUFFING)
    c.setFillColorRGB(0, 0, 0)


def _off_the_page(c: Any, write: Write) -> None:
    write(-900, 600, STUFFING)


TRICKS: dict[str, tuple[Callable[[Any, Write], None], str]] = {
    "white box over text": (_white_box_over, "covered by a shape or an image"),
    "image over text": (_image_over, "covered by a shape or an image"),
    "clipped away": (_clipped, "clipped away"),
    "white outline (mode 1)": (_white_outline, "in the colour of its background"),
    "invisible (mode 3)": (_invisible, "drawn invisible"),
    "1% horizontal scale": (_squeezed, "squeezed to under 20% of its width"),
    "8% opacity": (_faint, "drawn transparent or nearly so"),
    "colour of its box": (_box_colour, "in the colour of its background"),
    "white on a white image": (_white_on_white_image, "in the colour of its background"),
    "white on white": (_white_on_white, "in the colour of its background"),
    "off the page": (_off_the_page, "placed outside the page"),
}


def _pdf(path: Path, trick: Callable[[Any, Write], None] | None, per_char: bool) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    write = _writer(c, per_char)
    for number, line in enumerate(LINES):
        write(72, 720 - 16 * number, line)
    if trick is not None:
        trick(c, write)
    c.showPage()
    c.save()
    return path


CASES = [
    pytest.param(name, engine, per_char, id=f"{name}-{engine}{'-per-char' if per_char else ''}")
    for name in TRICKS
    for engine, per_char in (("pdfium", False), ("pdfium", True), ("pdfminer", False))
]


@pytest.fixture(scope="module")
def clean_scores(
    scorer: Scorer, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, bool], Any]:
    folder = tmp_path_factory.mktemp("clean")
    return {
        (engine, per_char): scorer.score_file(
            _pdf(folder / f"{engine}{per_char}.pdf", None, per_char), Options(pdf_engine=engine)
        ).data["scores"]
        for engine in ("pdfium", "pdfminer")
        for per_char in (False, True)
    }


@pytest.mark.parametrize(("name", "engine", "per_char"), CASES)
def test_hidden_pdf_text_is_reported_and_never_scored(
    scorer: Scorer,
    clean_scores: dict[tuple[str, bool], Any],
    tmp_path: Path,
    name: str,
    engine: str,
    per_char: bool,
) -> None:
    trick, reason = TRICKS[name]
    path = _pdf(tmp_path / "stuffed.pdf", trick, per_char)
    report = scorer.score_file(path, Options(pdf_engine=engine))  # type: ignore[arg-type]
    (warning,) = report.data["input"]["warnings"]
    assert warning.startswith("possible keyword stuffing: ") and reason in warning
    assert "Kubernetes" in warning.replace(" ", "") or "Kubernetes" in warning
    assert report.data["scores"] == clean_scores[engine, per_char]
    assert not any(m["concept"] == "kubernetes" for m in report.data["matches"])


def test_the_same_words_in_sight_do_raise_the_score(
    scorer: Scorer, clean_scores: dict[tuple[str, bool], Any], tmp_path: Path
) -> None:
    # The control of the test above: without the trick, the stuffed words count.
    def in_sight(c: Any, write: Write) -> None:
        write(*STUFFED_AT, STUFFING)

    report = scorer.score_file(_pdf(tmp_path / "visible.pdf", in_sight, False))
    assert report.data["input"]["warnings"] == []
    assert report.overall > clean_scores["pdfium", False]["overall"]


def _dark_banner(c: Any, write: Write) -> None:
    c.setFillColorRGB(0.1, 0.15, 0.3)
    c.rect(*BOX, fill=1, stroke=0)
    c.setFillColorRGB(1, 1, 1)
    write(*STUFFED_AT, STUFFING)


def _photo_banner(c: Any, write: Write) -> None:
    x, y, width, height = BOX
    c.drawImage(_image((30, 60, 110)), x, y, width=width, height=height)
    c.setFillColorRGB(1, 1, 1)
    write(*STUFFED_AT, STUFFING)


def _light_panel(c: Any, write: Write) -> None:
    c.setFillColorRGB(0.94, 0.94, 0.96)
    c.rect(40, 560, 520, 80, fill=1, stroke=0)
    c.setFillColorRGB(0.2, 0.2, 0.2)
    write(*STUFFED_AT, STUFFING)


def _text_on_a_light_image(c: Any, write: Write) -> None:
    x, y, width, height = BOX
    c.drawImage(_image((235, 235, 230)), x, y, width=width, height=height)
    write(*STUFFED_AT, STUFFING)


def _underlined(c: Any, write: Write) -> None:
    # A rule drawn after the text, under it: no cover.
    write(*STUFFED_AT, STUFFING)
    c.rect(72, 597, 330, 0.8, fill=1, stroke=0)


HONEST = {
    "white on a dark banner": _dark_banner,
    "white on a dark photo": _photo_banner,
    "grey on a light panel": _light_panel,
    "black on a light image": _text_on_a_light_image,
    "underlined": _underlined,
}


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
@pytest.mark.parametrize("per_char", [False, True], ids=["lines", "per-char"])
@pytest.mark.parametrize("name", list(HONEST))
def test_honest_designs_are_read_whole(
    tmp_path: Path, name: str, per_char: bool, engine: str
) -> None:
    path = _pdf(tmp_path / "honest.pdf", HONEST[name], per_char)
    document = read_document(path, pdf_engine=engine)  # type: ignore[arg-type]
    assert document.warnings == ()
    assert "Kubernetes" in document.pages[0] and "Spark" in document.pages[0]


def test_text_beside_hidden_text_is_kept(tmp_path: Path) -> None:
    # Only the hidden object's characters go: the visible words of its line stay.
    def beside(c: Any, write: Write) -> None:
        write(72, 600, "Visible Kafka")
        c.setFillColorRGB(1, 1, 1)
        write(200, 600, STUFFING)

    for engine in ("pdfium", "pdfminer"):
        document = read_document(_pdf(tmp_path / f"{engine}.pdf", beside, False), pdf_engine=engine)  # type: ignore[arg-type]
        assert "Visible Kafka" in document.pages[0]
        assert "Kubernetes" not in document.pages[0]
        assert "Python and SQL" in document.pages[0]


# --- the warning in every output, and the CI switches ----------------------------------------


@pytest.fixture(scope="module")
def applications(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of two resumes: one honest, one with stuffing under a white box."""
    folder = tmp_path_factory.mktemp("applications")
    _pdf(folder / "honest.pdf", None, False)
    _pdf(folder / "stuffed.pdf", _white_box_over, False)
    return folder


def test_junit_carries_the_warning_and_fails_on_request(applications: Path) -> None:
    import xml.etree.ElementTree as ET

    import xmlschema
    from typer.testing import CliRunner

    from kwmatch.cli import app

    schema = xmlschema.XMLSchema(Path(__file__).parent / "junit.xsd")
    stuffed = str(applications / "stuffed.pdf")
    runner = CliRunner()
    plain = runner.invoke(app, ["score", stuffed, "-f", "junit"])
    assert plain.exit_code == 0, plain.output
    schema.validate(plain.stdout)
    suite = ET.fromstring(plain.stdout).find("testsuite[@name='input']")
    assert suite is not None and suite.get("tests") == "0"
    (warning,) = [p.get("value") for p in suite.iter("property") if p.get("name") == "warning"]
    assert warning is not None and "covered by a shape" in warning
    assert "Kubernetes" in (suite.findtext("system-err") or "")

    strict = runner.invoke(app, ["score", stuffed, "-f", "junit", "--fail-on-hidden-text"])
    assert strict.exit_code == 1
    schema.validate(strict.stdout)
    case = ET.fromstring(strict.stdout).find(
        "testsuite[@name='verdict']/testcase[@name='--fail-on-hidden-text']"
    )
    assert case is not None and case.find("failure") is not None

    honest = runner.invoke(app, ["score", str(applications / "honest.pdf"), "-f", "junit"])
    assert ET.fromstring(honest.stdout).find("testsuite[@name='input']") is None


def test_check_fails_on_hidden_text_on_request(applications: Path) -> None:
    from typer.testing import CliRunner

    from kwmatch.cli import app

    files = [str(applications / "honest.pdf"), str(applications / "stuffed.pdf")]
    runner = CliRunner()
    assert runner.invoke(app, ["check", *files]).exit_code == 0
    strict = runner.invoke(app, ["check", *files, "--fail-on-hidden-text"])
    assert strict.exit_code == 1
    honest, stuffed = strict.stdout.splitlines()
    assert honest.startswith(f"ok   {files[0]}: ")
    assert stuffed.startswith(f"FAIL {files[1]}: ") and "hidden text" in stuffed


def test_the_ranking_marks_hidden_text_and_batch_fails_on_request(
    applications: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from kwmatch.cli import app

    monkeypatch.chdir(applications)  # short paths: table rows on one line each
    runner = CliRunner()
    batch = ["batch", ".", "-j", "1", "--top", "5"]
    shown = runner.invoke(app, [*batch, "--out", str(tmp_path / "a.jsonl")])
    assert shown.exit_code == 0, shown.output
    rows = [line.split("│") for line in shown.stdout.splitlines() if "│" in line]
    files = {cells[4].strip(): cells[-2].strip() for cells in rows}  # # score name file
    assert files == {"stuffed.pdf": "yes", "honest.pdf": ""}
    assert "Hidden text" in shown.stdout and "1 with hidden text" in shown.stderr

    strict = runner.invoke(
        app, [*batch, "-q", "--out", str(tmp_path / "b.jsonl"), "--fail-on-hidden-text"]
    )
    assert strict.exit_code == 1
    named = [line for line in strict.stderr.splitlines() if line.startswith("kwmatch: hidden")]
    assert named == ["kwmatch: hidden text: stuffed.pdf"]


def test_a_ranking_without_hidden_text_has_no_marker_column(tmp_path: Path) -> None:
    from kwmatch.render.table import render_ranking

    record = {
        "path": "a.pdf",
        "report": {"scores": {"overall": 0.5, "best_level": "mid", "best_specialization": None}},
    }
    assert "Hidden text" not in render_ranking([record], "overall")
    assert "Hidden text" in render_ranking([{**record, "hidden_text": True}], "overall")
