"""Generate the example resumes shipped with kwmatch.

Run from the repository root:

    python examples/make_examples.py

Writes three files next to this script:

* ``ml_engineer_two_column.pdf`` - a Machine Learning Engineer resume laid out in
  two real columns (narrow sidebar + wide main column), drawn with reportlab.
* ``junior_data_analyst.docx``   - an entry-level data analyst resume made with
  python-docx (headings, bullets, one table).
* ``sales_manager.txt``          - a non-technical sales manager resume full of
  words that look like ML skills to a naive keyword matcher.

All people, companies, schools and contact details are fictional and were
written by the kwmatch team for testing. The output is deterministic: running
the script twice yields byte-identical files (same library versions assumed).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

FIXED_AUTHOR = "kwmatch test fixtures"
FIXED_DATE = dt.datetime(2024, 1, 1, 0, 0, 0)
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------------------
# 1. Two-column PDF (reportlab, explicit coordinates)
# ---------------------------------------------------------------------------

# Each block is (kind, payload):
#   ("h", "HEADING")          section heading
#   ("p", "text")             paragraph, word-wrapped to the column width
#   ("b", "text")             bullet, word-wrapped with a hanging indent
#   ("sub", "text")           bold sub-heading line (job title / dates)
#   ("lines", [..])           pre-broken lines, drawn exactly as given
#   ("gap", points)           vertical space

SIDEBAR = [
    ("h", "CONTACT"),
    (
        "lines",
        [
            "Lindiwe Marchetti",
            "Machine Learning Engineer",
            "Rotterdam, Netherlands",
            "lindiwe.marchetti@example.com",
            "+31 10 555 0142",
            "github.com/lmarchetti-example",
        ],
    ),
    ("gap", 8),
    ("h", "SKILLS"),
    ("p", "Languages: Python, SQL, Bash, a little Go"),
    ("p", "ML: PyTorch, TensorFlow, scikit-learn, XGBoost, Hugging Face Transformers, OpenCV"),
    ("p", "Data: Spark, Airflow, dbt, Kafka, PostgreSQL, pandas"),
    ("p", "MLOps: MLflow, Docker, Kubernetes, Terraform, Prometheus, Grafana"),
    ("p", "Cloud: AWS (SageMaker, S3, EKS, Lambda)"),
    ("p", "Practice: Git, CI/CD (GitHub Actions), pytest, code review"),
    ("gap", 8),
    ("h", "EDUCATION"),
    ("sub", "MSc Artificial Intelligence"),
    ("p", "Fictional University of Delft-on-Maas, 2015 - 2017"),
    ("p", "Thesis: weakly supervised defect segmentation"),
    ("gap", 4),
    ("sub", "BSc Applied Mathematics"),
    ("p", "Northshore Institute of Technology, 2012 - 2015"),
    ("gap", 8),
    ("h", "LANGUAGES"),
    ("p", "English (fluent), Dutch (professional), Italian (native)"),
]

MAIN = [
    ("title", "LINDIWE MARCHETTI"),
    ("p", "Senior Machine Learning Engineer"),
    ("gap", 6),
    ("h", "SUMMARY"),
    (
        "p",
        "Machine learning engineer with seven years of experience taking models from "
        "notebook to production. I design data pipelines, train and evaluate deep "
        "learning models for NLP and computer vision, deploy them behind low-latency "
        "APIs, and keep them healthy with monitoring and automated retraining. I enjoy "
        "mentoring junior engineers and have led a team of five.",
    ),
    ("gap", 6),
    ("h", "EXPERIENCE"),
    ("sub", "Senior ML Engineer - Harbourlight Logistics (fictional), 2021 - present"),
    (
        "b",
        "Lead a team of five ML engineers building demand forecasting and document "
        "understanding services used by 40 warehouses.",
    ),
    (
        "b",
        "Deployed a transformer-based invoice extraction model to production, cutting "
        "manual data entry by 62%; served with TorchServe on AWS EKS.",
    ),
    # Hand-broken lines: "Kuber-" / "netes" exercises de-hyphenation.
    (
        "blines",
        [
            "Migrated twelve nightly batch models from cron jobs to Airflow DAGs on Kuber-",
            "netes, with MLflow tracking every training run, dataset snapshot and model",
            "version.",
        ],
    ),
    (
        "b",
        "Designed and analysed A/B tests for three ranking models; introduced sequential "
        "testing so experiments stop early without inflating false positives.",
    ),
    (
        "b",
        "Built model monitoring for data drift and prediction quality with Prometheus "
        "and Grafana, with alerts that trigger retraining pipelines.",
    ),
    (
        "b",
        "Mentored four junior engineers through code review, pairing and a weekly "
        "reading group; two were promoted within eighteen months.",
    ),
    (
        "b",
        "Owned GDPR-compliant data handling for training sets: pseudonymisation, "
        "retention limits and deletion requests propagated to feature stores.",
    ),
    ("gap", 4),
    ("sub", "Machine Learning Engineer - Veldtwerk Vision (fictional), 2018 - 2021"),
    (
        "b",
        "Trained PyTorch and TensorFlow computer vision models for surface defect "
        "detection on production lines; raised recall from 81% to 94%.",
    ),
    (
        "b",
        "Wrote Spark data pipelines that turned 3 TB of raw camera images per week into "
        "labelled training sets, with data validation checks in CI/CD.",
    ),
    (
        "b",
        "Packaged models in Docker images and shipped them to edge devices; added unit "
        "testing with pytest and raised coverage of the ML codebase to 85%.",
    ),
    (
        "b",
        "Co-authored a research publication on label-efficient segmentation presented "
        "at a (fictional) European workshop on industrial vision, 2020.",
    ),
    ("gap", 4),
    ("sub", "Data Scientist (intern) - Quayside Analytics (fictional), 2017 - 2018"),
    (
        "b",
        "Built scikit-learn churn models and SQL feature queries; presented results "
        "to product managers.",
    ),
    ("gap", 6),
    ("h", "SELECTED PROJECTS"),
    (
        "b",
        "Open-source NLP toolkit for Dutch legal text: tokenizer, named entity "
        "recognition and a small fine-tuned classifier (about 300 GitHub stars).",
    ),
]

PAGE_W, PAGE_H = 595.2756, 841.8898  # A4 in points
MARGIN_TOP = 48
MARGIN_BOTTOM = 48
LEFT_X, LEFT_W = 36, 150
RIGHT_X = 36 + 150 + 30  # 30 pt gutter (plus a rule) between columns
RIGHT_W = PAGE_W - RIGHT_X - 36


def _wrap(text: str, font: str, size: float, width: float, string_width) -> list[str]:
    """Greedy word wrap using the font's real glyph widths."""
    lines: list[str] = []
    cur = ""
    for word in text.split():
        cand = f"{cur} {word}" if cur else word
        if cur and string_width(cand, font, size) > width:
            lines.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        lines.append(cur)
    return lines


def _draw_column(  # noqa: C901  (one branch per block kind: a dispatch, not nested logic)
    c, blocks, x: float, width: float, string_width, body_size: float
) -> None:
    lead = body_size * 1.3
    y = PAGE_H - MARGIN_TOP

    def newline(step: float) -> None:
        nonlocal y
        y -= step
        if y < MARGIN_BOTTOM:
            raise RuntimeError("column overflows the page; shorten the text")

    for kind, payload in blocks:
        if kind == "gap":
            y -= payload
        elif kind == "title":
            c.setFont("Helvetica-Bold", 18)
            c.drawString(x, y, payload)
            newline(22)
        elif kind == "h":
            c.setFont("Helvetica-Bold", body_size + 1.5)
            c.drawString(x, y, payload)
            c.setLineWidth(0.5)
            c.line(x, y - 3, x + width, y - 3)
            newline(lead + 4)
        elif kind == "sub":
            c.setFont("Helvetica-Bold", body_size)
            for line in _wrap(payload, "Helvetica-Bold", body_size, width, string_width):
                c.drawString(x, y, line)
                newline(lead)
        elif kind == "p":
            c.setFont("Helvetica", body_size)
            for line in _wrap(payload, "Helvetica", body_size, width, string_width):
                c.drawString(x, y, line)
                newline(lead)
            y -= 2
        elif kind == "lines":
            c.setFont("Helvetica", body_size)
            for line in payload:
                c.drawString(x, y, line)
                newline(lead)
        elif kind in ("b", "blines"):
            indent = 10
            c.setFont("Helvetica", body_size)
            if kind == "b":
                lines = _wrap(payload, "Helvetica", body_size, width - indent, string_width)
            else:
                lines = payload
                for line in lines:  # hand-broken lines must still fit the column
                    if string_width(line, "Helvetica", body_size) > width - indent:
                        raise RuntimeError(f"hand-broken line too wide: {line!r}")
            # Bullet drawn as a vector dot, not a glyph: standard-font bullets come
            # out as "(cid:127)" in some extractors and would pollute the text.
            c.circle(x + 3.5, y + body_size * 0.32, 1.3, stroke=0, fill=1)
            for line in lines:
                c.drawString(x + indent, y, line)
                newline(lead)
            y -= 1.5
        else:  # pragma: no cover - programming error
            raise ValueError(kind)


def make_pdf(path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
    c.setTitle("Lindiwe Marchetti - Machine Learning Engineer (fictional example resume)")
    c.setAuthor(FIXED_AUTHOR)
    c.setSubject("kwmatch example: two-column PDF resume")
    c.setCreator("kwmatch examples/make_examples.py")
    c.setKeywords("kwmatch, example, fictional")

    # Sidebar background and a vertical rule between the columns.
    c.setFillGray(0.93)
    c.rect(0, 0, LEFT_X + LEFT_W + 12, PAGE_H, stroke=0, fill=1)
    c.setFillGray(0)
    c.setStrokeGray(0.6)
    c.setLineWidth(0.75)
    c.line(RIGHT_X - 12, MARGIN_BOTTOM, RIGHT_X - 12, PAGE_H - MARGIN_TOP + 10)
    c.setStrokeGray(0)

    # Draw the main column first, then the sidebar, so the content stream order
    # does not already match reading order: extractors must use coordinates.
    _draw_column(c, MAIN, RIGHT_X, RIGHT_W, stringWidth, body_size=9.5)
    _draw_column(c, SIDEBAR, LEFT_X, LEFT_W, stringWidth, body_size=8.5)

    c.showPage()
    c.save()


# ---------------------------------------------------------------------------
# 2. DOCX (python-docx), with a normalised zip for reproducible bytes
# ---------------------------------------------------------------------------


def _normalise_zip(path: Path) -> None:
    """Rewrite a zip so every entry has a fixed timestamp and attributes."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as dst:
        for name, data in entries:  # keep original order: [Content_Types].xml first
            info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            dst.writestr(info, data, compresslevel=9)
    path.write_bytes(buf.getvalue())


def make_docx(path: Path) -> None:
    from docx import Document
    from docx.shared import Pt

    doc = Document()

    cp = doc.core_properties
    cp.author = FIXED_AUTHOR
    cp.last_modified_by = FIXED_AUTHOR
    cp.title = "Tomasz Achterberg - Junior Data Analyst (fictional example resume)"
    cp.subject = "kwmatch example: DOCX resume"
    cp.keywords = "kwmatch, example, fictional"
    cp.comments = ""
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE

    doc.add_heading("Tomasz Achterberg", level=0)
    doc.add_paragraph(
        "Junior Data Analyst  |  Leeds, UK  |  tomasz.achterberg@example.org  |  +44 113 496 0731"
    )

    doc.add_heading("Summary", level=1)
    doc.add_paragraph(
        "Recent statistics graduate looking for an entry-level data analyst or junior "
        "data scientist role. Comfortable turning messy spreadsheets into clean tables, "
        "writing SQL queries, and building clear dashboards for non-technical "
        "colleagues. Careful about documenting results so others can repeat the work."
    )

    doc.add_heading("Skills", level=1)
    table = doc.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    hdr = table.rows[0].cells
    hdr[0].text = "Area"
    hdr[1].text = "Tools"
    for area, tools in [
        ("Programming", "Python (pandas, NumPy, matplotlib), basic R"),
        ("Databases", "SQL (PostgreSQL, SQLite), joins, window functions"),
        ("Spreadsheets", "Excel: pivot tables, VLOOKUP/XLOOKUP, Power Query"),
        ("Visualisation", "Tableau, Looker Studio"),
        ("Statistics", "hypothesis tests, regression, descriptive statistics"),
    ]:
        row = table.add_row().cells
        row[0].text = area
        row[1].text = tools

    doc.add_heading("Experience", level=1)
    p = doc.add_paragraph()
    job = "Data Analyst Intern - Pennine Home Energy (fictional), Jun 2023 - Sep 2023"
    p.add_run(job).bold = True
    for text in [
        "Did data cleaning on 18 months of customer meter readings in Python and pandas: "
        "removed duplicates, fixed date formats, and flagged impossible values.",
        "Wrote SQL queries against the billing database to reconcile monthly totals with "
        "finance reports.",
        "Built a Tableau dashboard of regional energy usage that the operations team "
        "checked every Monday.",
        "Documented each data source and cleaning step in a shared wiki page.",
    ]:
        doc.add_paragraph(text, style="List Bullet")

    p = doc.add_paragraph()
    p.add_run("Student Assistant - University Library (fictional), 2021 - 2023").bold = True
    for text in [
        "Kept loan statistics in Excel and produced a monthly summary for the library manager.",
        "Helped students find datasets and cite them correctly.",
    ]:
        doc.add_paragraph(text, style="List Bullet")

    doc.add_heading("Projects", level=1)
    for text in [
        "Class project: trained a scikit-learn logistic regression model to predict "
        "whether bike-share trips end late, compared it with a decision tree using "
        "cross-validation, and documented results in a Jupyter notebook report.",
        "Analysed public council spending data with pandas and presented three charts "
        "to a student society.",
    ]:
        doc.add_paragraph(text, style="List Bullet")

    doc.add_heading("Education", level=1)
    doc.add_paragraph(
        "BSc Statistics, Aire Valley University (fictional), 2020 - 2023. "
        "Modules: Data Analysis with Python, Databases, Regression Modelling."
    )

    for para in doc.paragraphs:
        for run in para.runs:
            if run.font.size is None and para.style.name == "Normal":
                run.font.size = Pt(10.5)

    doc.save(str(path))
    _normalise_zip(path)


# ---------------------------------------------------------------------------
# 3. Plain-text sales manager resume (keyword-matcher traps, no ML skills)
# ---------------------------------------------------------------------------

SALES_TXT = """\
GRETA OYELARAN-HOLM
Regional Sales Manager
Bristol, UK | greta.oyelaran@example.net | +44 117 496 0218

Please attach your CV when replying to referees listed at the end.

PROFILE
Regional sales manager with twelve years in B2B office furniture and facilities
services. I build teams, grow key accounts and keep forecasts honest. Known for
calm negotiation, clear reporting and a habit of turning lost deals into
long-term customers.

EXPERIENCE

Regional Sales Manager - Brightwell Office Interiors (fictional), 2018 - present
- Managed the sales pipeline for the South West region (GBP 14m annual target),
  reviewing every opportunity above GBP 50k each week.
- Led a team of 11 account managers across three branch offices.
- Hired and onboarded 5 account managers in 2022 during regional expansion.
- Trained and mentored 6 new sales reps; four reached quota in their first year.
- Coordinated the go-live of the new CRM across the region and ran the
  user training sessions for field staff.
- Planned the deployment of the field team to cover two new counties without
  adding headcount.
- Acted as R&D liaison, passing customer requests for new desk and seating
  designs to the product development group.
- Reported to C-level executives every quarter on revenue, margin and
  customer retention.
- Set up a process to react to customer feedback within 48 hours, raising
  our satisfaction score from 7.2 to 8.6.

Senior Account Manager - Castlegate Facilities Group (fictional), 2013 - 2018
- Grew a portfolio of 40 corporate accounts by 22% in three years.
- Negotiated multi-year service contracts with hospitals and universities.
- Built a quarterly forecasting model in Microsoft Excel used by the regional
  director for budget planning.
- Presented proposals to boards and procurement panels.

Sales Executive - Harlow & Finch Stationers (fictional), 2011 - 2013
- Prospected small businesses by phone and in person; top new-business seller
  in 2012.

EDUCATION & CERTIFICATES
- BA (Hons) Business Management, Severnside University (fictional), 2010
- Certified NLP (neuro-linguistic programming) practitioner, 2016
- Advanced negotiation course, 2019
- Full UK driving licence

SKILLS
Negotiation, key account management, forecasting, coaching, public speaking,
Microsoft Excel, PowerPoint, Salesforce, territory planning, contract renewals.

INTERESTS
Sea swimming, community choir, coaching an under-12 football team.

References available on request.
"""


def make_txt(path: Path) -> None:
    path.write_bytes(SALES_TXT.encode("utf-8"))  # LF line endings on every OS


def main() -> None:
    outputs = {
        "ml_engineer_two_column.pdf": make_pdf,
        "junior_data_analyst.docx": make_docx,
        "sales_manager.txt": make_txt,
    }
    for name, fn in outputs.items():
        target = HERE / name
        fn(target)
        print(f"wrote {target.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
