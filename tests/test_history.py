"""Work history: dates, roles, degrees and the years they add up to (kwmatch.history)."""

from __future__ import annotations

import datetime

import pytest

from kwmatch.dates import YearMonth, find_ranges
from kwmatch.history import (
    Education,
    Entry,
    Project,
    WorkHistory,
    as_of_for,
    extract_history,
    highest_title,
    title_rank,
)
from kwmatch.text import clean

AS_OF = datetime.date(2026, 12, 1)
NOW = YearMonth(2026, 12)


def history(text: str, as_of: datetime.date = AS_OF) -> WorkHistory:
    return extract_history(clean([text]), as_of)


def only_role(text: str) -> Entry:
    roles = history(text).experience
    assert len(roles) == 1, roles
    return roles[0]


# --- dates ---------------------------------------------------------------------------------

DATE_FORMS = [
    ("Feb 2021 – Present", YearMonth(2021, 2), None, True),
    ("February 2021 - Current", YearMonth(2021, 2), None, True),
    ("2016–2019", YearMonth(2016), YearMonth(2019), False),
    ("04/2015 - 09/2017", YearMonth(2015, 4), YearMonth(2017, 9), False),
    ("2015.04 - 2017.09", YearMonth(2015, 4), YearMonth(2017, 9), False),
    ("Summer 2020", YearMonth(2020, 6), YearMonth(2020, 9), False),
    ("Mar '23 – now", YearMonth(2023, 3), None, True),
    ("2014 to date", YearMonth(2014), None, True),
    ("Sept. 2018 – Feb. 2020", YearMonth(2018, 9), YearMonth(2020, 2), False),
    ("2021 - Today", YearMonth(2021), None, True),
    ("Since 2017", YearMonth(2017), None, True),
    ("Oct 2012 to Jan 2014", YearMonth(2012, 10), YearMonth(2014, 1), False),
    ("Aug. 2019 Jun. 2021", YearMonth(2019, 8), YearMonth(2021, 6), False),
    ("2013", YearMonth(2013), YearMonth(2013), False),
    ("Jan 2020 - Till date", YearMonth(2020, 1), None, True),
    ("Jan 2020 - To Date", YearMonth(2020, 1), None, True),
    ("Jan 2020 – Till Now", YearMonth(2020, 1), None, True),
    ("May 2018 onwards", YearMonth(2018, 5), None, True),
    ("Jan 2020 – Present Day", YearMonth(2020, 1), None, True),
    ("Mar-2019 to Jun-2021", YearMonth(2019, 3), YearMonth(2021, 6), False),
    ("Fall 2019 – Spring 2021", YearMonth(2019, 9), YearMonth(2021, 6), False),
    ("Summer 2022 - Present", YearMonth(2022, 6), None, True),
]


@pytest.mark.parametrize(("written", "start", "end", "open_end"), DATE_FORMS)
def test_date_forms(written: str, start: YearMonth, end: YearMonth | None, open_end: bool) -> None:
    (found,) = find_ranges(f"Platform Engineer {written}")
    assert (found.start, found.end, found.open_end) == (start, end, open_end)


@pytest.mark.parametrize(
    ("written", "months"),
    [
        ("Feb 2021 – Present", 70),  # to the as-of month, 2026-12
        ("2016–2019", 36),
        ("04/2015 - 09/2017", 29),
        ("Summer 2020", 3),
        ("2013", 0),  # a lone year is a point: no end is made up
    ],
)
def test_date_forms_give_durations(written: str, months: int) -> None:
    role = only_role(f"EXPERIENCE\nPlatform Engineer {written}\nNorthwind Freight")
    assert role.months == months


def test_seasons_listed_with_commas_stay_apart() -> None:
    """Terms listed one after another ("Fall 2019, Spring 2020") are two periods, not one."""
    found = find_ranges("Teaching Assistant Fall 2019, Spring 2020")
    assert [(r.start, r.end) for r in found] == [
        (YearMonth(2019, 9), YearMonth(2019, 12)),
        (YearMonth(2020, 3), YearMonth(2020, 6)),
    ]


def test_a_title_after_a_present_day_range_keeps_no_date_word() -> None:
    role = only_role("EXPERIENCE\nJan 2020 – Present Day  Data Analyst, Harbor Foods\n")
    assert role.title == "Data Analyst" and role.end_is_present


def test_product_versions_and_day_dates_are_no_dates() -> None:
    assert find_ranges("Windows Server 2008/2012, Office 2016+, born 14/03/1991") == []


# --- roles and years -------------------------------------------------------------------------


def test_present_resolves_to_the_as_of_date() -> None:
    text = "EXPERIENCE\nBackend Developer Jan 2022 – Present\nLakeside Tools"
    earlier = history(text, datetime.date(2023, 7, 15))
    (role,) = earlier.experience
    assert role.end == YearMonth(2023, 7) and role.end_is_present
    assert earlier.fulltime_years == pytest.approx(1.5)
    assert history(text).fulltime_years == pytest.approx(59 / 12)


def test_concurrent_roles_are_not_counted_twice() -> None:
    text = (
        "WORK HISTORY\n"
        "Data Engineer Jan 2018 - Jan 2022\nRiverbend Logistics\n• Built pipelines\n"
        "Analytics Consultant Jan 2019 - Jan 2021\nSelf-employed\n• Advised clients\n"
    )
    found = history(text)
    assert len(found.experience) == 2
    assert found.fulltime_years == pytest.approx(4.0)


def test_missing_dates_give_no_years_and_no_invented_dates() -> None:
    text = "EXPERIENCE\nSupport Technician\nHilltop Clinic\n• Fixed printers and laptops\n"
    role = only_role(text)
    assert role.title == "Support Technician"
    assert (role.start, role.end, role.months) == (None, None, 0)
    assert history(text).fulltime_years == 0.0


def test_internships_count_half() -> None:
    text = (
        "EXPERIENCE\n"
        "Software Engineering Intern Jun 2022 - Dec 2022\nBright Labs\n"
        "Software Engineer Jan 2023 - Jan 2024\nBright Labs\n"
    )
    found = history(text)
    assert [r.kind for r in found.experience] == ["internship", "full-time"]
    assert found.fulltime_years == pytest.approx(1.25)


def test_internship_overlapping_a_job_adds_only_its_own_months() -> None:
    text = (
        "EXPERIENCE\n"
        "Research Assistant Jan 2020 - Dec 2020\nState University\n"
        "Junior Analyst Jul 2020 - Jul 2021\nCounty Office\n"
    )
    # Jan-Jul 2020 at half (6 months), Jul 2020 - Jul 2021 whole (12 months).
    assert history(text).fulltime_years == pytest.approx(15 / 12)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Marketing Co-op", "internship"),
        ("Graduate Teaching Assistant", "assistantship"),
        ("Barista (part-time)", "part-time"),
        ("Volunteer Tutor", "volunteer"),
        ("Machine Learning Engineer", "full-time"),
    ],
)
def test_role_kinds(title: str, kind: str) -> None:
    assert only_role(f"EXPERIENCE\n{title} 2019 - 2020\nOakridge").kind == kind


def test_volunteering_adds_no_years() -> None:
    assert history("EXPERIENCE\nVolunteer Coach 2015 - 2020\nYouth League").fulltime_years == 0


def test_education_is_not_counted_as_work() -> None:
    text = (
        "EDUCATION\nPh.D. in Statistics, Lakeview University 2016 - 2021\n"
        "EXPERIENCE\nData Scientist Jan 2022 - Jan 2024\nHarbor Analytics\n"
    )
    found = history(text)
    (degree,) = found.education
    assert (degree.level, degree.field, degree.start, degree.end) == (
        "phd",
        "Statistics",
        YearMonth(2016),
        YearMonth(2021),
    )
    assert found.fulltime_years == pytest.approx(2.0)


def test_expected_graduation_goes_to_education() -> None:
    text = "EXPERIENCE\nLab Technician 2019 - 2021\nGreenfield\nB.Sc. Biology, Expected May 2025\n"
    found = history(text)
    assert [r.title for r in found.experience] == ["Lab Technician"]
    assert [e.level for e in found.education] == ["bachelors"]


def test_dates_of_awards_and_publications_are_not_roles() -> None:
    text = (
        "EXPERIENCE\nSoftware Developer 2018 - 2020\nCedar Apps\n"
        "PUBLICATIONS\nLee, K. et al. (2019). Faster parsing. In: Workshop proceedings.\n"
        "Honors & Awards\nBest Demo Award 2017\nHackathon Finalist 2016\n"
    )
    found = history(text)
    assert [r.title for r in found.experience] == ["Software Developer"]


def test_range_split_over_two_lines() -> None:
    role = only_role("EXPERIENCE\nDevOps Engineer, Quarry Systems, Jan 2021 –\nPresent\n• On call")
    assert (role.start, role.end, role.end_is_present) == (YearMonth(2021, 1), NOW, True)
    assert role.title == "DevOps Engineer"


def test_end_date_at_the_start_of_the_next_line() -> None:
    text = (
        "EXPERIENCE\nMay 2016 – Web Developer, Pinecone Media\nAug 2019 Built sites for clients.\n"
    )
    role = only_role(text)
    assert (role.start, role.end, role.title) == (
        YearMonth(2016, 5),
        YearMonth(2019, 8),
        "Web Developer",
    )


def test_right_aligned_dates_at_the_end_of_the_title_line() -> None:
    text = (
        "EXPERIENCE\n"
        "Senior Data Analyst                                   03/2017 - 11/2020\n"
        "Maple Insurance                                            Toronto, ON\n"
    )
    role = only_role(text)
    assert (role.title, role.organization) == ("Senior Data Analyst", "Maple Insurance Toronto, ON")
    assert role.months == 44


def test_employer_is_never_the_title_itself() -> None:
    role = only_role("EXPERIENCE\nTeaching Assistant Sep 2019 - May 2020\n• Graded labs\n")
    assert (role.title, role.organization) == ("Teaching Assistant", "")


def test_title_above_the_date_line() -> None:
    text = (
        "EXPERIENCE\n"
        "Staff Engineer\nOrbit Payments\nApr 2020 - Present\n• Led the ledger rewrite\n"
        "Software Engineer\nOrbit Payments\nJan 2017 - Apr 2020\n• Built the card API\n"
    )
    titles = [(r.title, r.start) for r in history(text).experience]
    assert titles == [
        ("Staff Engineer", YearMonth(2020, 4)),
        ("Software Engineer", YearMonth(2017, 1)),
    ]


def test_eight_lines_without_dates_give_no_years() -> None:
    text = "\n".join(
        [
            "Jordan Example",
            "Hard-working and friendly person",
            "Likes hiking and chess",
            "Speaks English and Spanish",
            "Good with spreadsheets",
            "Drives a forklift",
            "Available on weekends",
            "References on request",
        ]
    )
    found = history(text)
    assert all(r.months == 0 for r in found.experience)
    assert found.fulltime_years == 0.0


def test_resume_without_headings() -> None:
    text = (
        "Priya Sample\n"
        "Machine Learning Engineer, Vector Labs 2020 - 2023\n"
        "Trained ranking models for search.\n"
        "M.S. Computer Science, Coastal University 2018 - 2020\n"
    )
    found = history(text)
    assert [(r.title, r.months) for r in found.experience] == [("Machine Learning Engineer", 36)]
    assert [e.level for e in found.education] == ["masters"]
    assert found.fulltime_years == pytest.approx(3.0)


def test_a_year_in_prose_is_not_a_role() -> None:
    text = (
        "EXPERIENCE\nQA Engineer 2015 - 2018\nMoved the whole test suite to a new runner in 2016.\n"
    )
    assert len(history(text).experience) == 1


def test_subheading_marks_roles_as_internships() -> None:
    text = (
        "EXPERIENCE\nData Engineer 2021 - 2023\nRidge Corp\n"
        "Internships\nData Analyst Jun 2019 - Dec 2019\nRidge Corp\n"
    )
    assert [r.kind for r in history(text).experience] == ["full-time", "internship"]


# --- spans and evidence ------------------------------------------------------------------------


def test_entry_at_and_evidence_kind() -> None:
    text = (
        "SKILLS\nPython, SQL\n"
        "EXPERIENCE\nData Engineer 2019 - 2022\nFjord Energy\n• Ran Airflow jobs\n"
        "PROJECTS\nTide Predictor\n• Forecast tides with Prophet\n"
        "EDUCATION\nB.S. Physics, Inland College 2015 - 2019\n"
    )
    cleaned = clean([text])
    found = extract_history(cleaned, AS_OF)
    at = cleaned.text.index

    def kind_at(phrase: str) -> str:
        offset = at(phrase)
        section = cleaned.section_of(offset)
        return found.evidence_kind(offset, section.kind if section else None)

    assert isinstance(found.entry_at(at("Airflow")), Entry)
    assert isinstance(found.entry_at(at("Prophet")), Project)
    assert isinstance(found.entry_at(at("Physics")), Education)
    assert found.entry_at(at("Python")) is None
    assert [kind_at(p) for p in ("Airflow", "Prophet", "Physics", "Python")] == [
        "experience",
        "project",
        "education",
        "skills",
    ]


# --- titles ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "rank"),
    [
        ("Summer Intern", 0),
        ("Junior Web Developer", 1),
        ("Associate Consultant", 1),
        ("Software Engineer I", 1),
        ("Data Analyst", 2),
        ("Senior Backend Engineer", 3),
        ("Assistant IT Director", 3),
        ("Staff ML Engineer", 4),
        ("Tech Lead", 4),
        ("Principal Scientist", 4),
        ("Engineering Manager", 5),
        ("Head of Data", 5),
        ("VP, Engineering", 5),
    ],
)
def test_title_rank(title: str, rank: int) -> None:
    assert title_rank(title) == rank


def test_highest_title_needs_a_year_in_the_rank() -> None:
    text = (
        "EXPERIENCE\n"
        "Engineering Manager Jun 2026 - Present\nKestrel AI\n"
        "Senior Engineer Jan 2021 - Jun 2026\nKestrel AI\n"
        "Engineer Jan 2018 - Jan 2021\nKestrel AI\n"
    )
    # Six months as a manager is not yet a manager's level; senior since 2021 is.
    assert highest_title(history(text)) == ("Senior Engineer", 3, YearMonth(2021, 1))
    later = history(text, datetime.date(2028, 1, 1))
    assert highest_title(later) == ("Engineering Manager", 5, YearMonth(2026, 6))


def test_as_of_for_prefers_explicit_then_document_date() -> None:
    explicit, written, today = (datetime.date(y, 1, 1) for y in (2020, 2021, 2022))
    assert as_of_for(written, explicit, today) == explicit
    assert as_of_for(written, None, today) == written
    assert as_of_for(None, None, today) == today


# --- layouts and headings the text module does not know ---------------------------------------


def test_employer_line_dating_several_positions_is_not_a_role() -> None:
    text = (
        "EXPERIENCE\n"
        "Acme Robotics | Austin, TX | 01/2018 - 12/2023\n"
        "Robotics Engineer | 01/2021 - 12/2023\n• Tuned controllers\n"
        "Robotics Engineering Intern | 01/2018 - 12/2018\n• Wired test rigs\n"
    )
    found = history(text)
    assert [r.title for r in found.experience] == [
        "Robotics Engineer",
        "Robotics Engineering Intern",
    ]
    assert found.fulltime_years == pytest.approx(35 / 12 + 11 / 24)  # the intern year at half


def test_unknown_project_heading_ends_the_experience_part() -> None:
    text = (
        "EXPERIENCE\nCloud Engineer 2022 - 2024\nNimbus Hosting\n"
        "University Projects\nCompiler for a toy language | Fall 2021\n• Wrote a parser\n"
    )
    found = history(text)
    assert [r.title for r in found.experience] == ["Cloud Engineer"]
    assert [p.start for p in found.projects] == [YearMonth(2021, 9)]


def test_wrapped_sentence_tail_is_no_heading() -> None:
    text = (
        "EXPERIENCE\nNetwork Administrator 2010 - 2014\nLakeshore Schools\n"
        "Organized the yearly charity drive and other school\nactivities.\n"
        "Help Desk Technician 2008 - 2010\nLakeshore Schools\n"
    )
    assert history(text).fulltime_years == pytest.approx(6.0)


def test_open_source_contributions_add_no_years() -> None:
    text = (
        "EXPERIENCE\nBackend Engineer 2020 - 2022\nTidal Bank\n"
        "Open Source\nProject Contributor 2019 - 2024\nA graph library\n"
    )
    found = history(text)
    assert [r.kind for r in found.experience] == ["full-time", "volunteer"]
    assert found.fulltime_years == pytest.approx(2.0)


# --- study: research during a PhD, jobs during school ----------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Graduate Researcher", "Research Fellow", "Doctoral Researcher", "Researcher, Vision Lab"],
)
def test_research_during_a_phd_is_study(title: str) -> None:
    text = (
        "EXPERIENCE\nApplied Scientist | Harbor Analytics | 03/2021 - 03/2024\n"
        f"{title} | Northfield University | 09/2016 - 12/2020\n"
        "EDUCATION\nPhD in Statistics, Northfield University | 09/2016 - 01/2021\n"
    )
    found = history(text)
    assert [r.kind for r in found.experience] == ["full-time", "education"]
    assert found.fulltime_years == pytest.approx(3.0)


def test_a_phd_dated_by_its_end_alone_still_holds_its_research() -> None:
    text = (
        "EXPERIENCE\nResearch Fellow, Coastal Observatory 2013 - 2018\n"
        "Data Scientist, Tidewater Freight 2018 - 2020\n"
        "EDUCATION\nPh.D. in Oceanography, Bayside University, 2018\n"
    )
    found = history(text)
    assert [r.kind for r in found.experience] == ["education", "full-time"]
    assert found.fulltime_years == pytest.approx(2.0)


def test_assistants_during_a_phd_stay_at_half() -> None:
    text = (
        "EXPERIENCE\nTeaching Assistant | 09/2017 - 09/2019\n"
        "Research Assistant | 09/2019 - 09/2021\n"
        "EDUCATION\nPhD, Chemistry | 09/2017 - 09/2021\n"
    )
    found = history(text)
    assert [r.kind for r in found.experience] == ["assistantship", "assistantship"]
    assert found.fulltime_years == pytest.approx(2.0)


def test_research_after_the_phd_is_work() -> None:
    text = (
        "EXPERIENCE\nResearch Scientist | Lumen Labs | 01/2020 - 01/2024\n"
        "EDUCATION\nPhD in Physics | 2014 - 2019\n"
    )
    found = history(text)
    assert [r.kind for r in found.experience] == ["full-time"]
    assert found.fulltime_years == pytest.approx(4.0)


def test_doctoral_research_is_study_by_its_words() -> None:
    role = only_role("EXPERIENCE\nDoctoral Researcher, Robotics Lab 2019 - 2023\n")
    assert role.kind == "education"
    text = "EXPERIENCE\nPhD Candidate, Robotics Lab 2019 - 2023\nML Engineer, Gridline 2023 - 2025"
    found = history(text)
    assert [r.kind for r in found.experience if r.start] == ["full-time"]
    assert found.fulltime_years == pytest.approx(2.0)


def test_jobs_before_a_high_school_diploma_are_part_time() -> None:
    text = (
        "EXPERIENCE\nLine Cook | Corner Diner | 06/2010 - 05/2012\n"
        "Warehouse Associate | Ridge Logistics | 08/2012 - 08/2014\n"
        "EDUCATION\nHigh School Diploma, Westbrook High School | 2012\n"
    )
    found = history(text)
    assert [r.kind for r in found.experience] == ["part-time", "full-time"]
    assert found.fulltime_years == pytest.approx((23 / 2 + 24) / 12)


def test_a_job_across_the_diploma_counts_half_until_it() -> None:
    text = (
        "EXPERIENCE\nCashier | Pine Market | 01/2011 - 06/2014\n"
        "EDUCATION\nHigh School Diploma | 06/2012\n"
    )
    assert history(text).fulltime_years == pytest.approx((17 / 2 + 24) / 12)


def test_months_are_end_minus_start() -> None:
    # "01/2022 - 12/2022" is 11 months, as the labelers subtract; two back-to-back roles
    # sharing a month count it once.
    role = only_role("EXPERIENCE\nQA Analyst | 01/2022 - 12/2022\n")
    assert role.months == 11
    text = "EXPERIENCE\nQA Analyst | 01/2022 - 06/2022\nQA Lead | 06/2022 - 12/2022\n"
    assert history(text).fulltime_years == pytest.approx(11 / 12)


# --- layouts and fragments -------------------------------------------------------------------


def test_title_without_a_job_noun_where_the_others_have_theirs() -> None:
    text = (
        "EXPERIENCE\nSite Reliability Engineer | Denver, CO | 01/2022 - 12/2023\n• Ran on-call\n"
        "Incident Response | Denver, CO | 01/2020 - 12/2021\n• Triaged alerts\n"
    )
    found = history(text)
    assert [r.title for r in found.experience] == ["Site Reliability Engineer", "Incident Response"]
    assert found.experience[1].organization == "Denver, CO"


def test_title_on_the_line_under_an_employer_and_dates() -> None:
    text = (
        "EXPERIENCE\nTidewater Inc., Boise, ID July 2018 – June 2020\nLogistics Analyst, Routing\n"
        "• Planned routes\nHarbor Freight Co., Tacoma, WA March 2015 – June 2018\n"
        "Fleet Planning, Dispatch\n• Scheduled drivers\n"
    )
    found = history(text)
    assert [r.title for r in found.experience] == ["Logistics Analyst", "Fleet Planning, Dispatch"]


def test_a_place_or_a_sentence_is_never_taken_for_a_title() -> None:
    text = (
        "EXPERIENCE\nData Engineer | 2019 - 2023\n"
        "Worked with several teams on pipelines. | 2016 - 2018\nAustin, TX | 2014 - 2016\n"
    )
    assert [r.title for r in history(text).experience] == ["Data Engineer", "", ""]


def test_company_name_placeholder_is_not_part_of_the_title() -> None:
    text = (
        "Work History\n01/2012 to 05/2014\n"
        "Warehouse Lead Company Name – City , State Loaded trucks and kept the counts for the"
        " night shift crew every day of the week\n"
        "06/2014 to 08/2016\nCompany Name Inventory Analyst\n"
    )
    assert [r.title for r in history(text).experience] == ["Warehouse Lead", "Inventory Analyst"]


def test_colon_labels_inside_a_role_keep_the_experience_part_open() -> None:
    text = (
        "Professional Experience\nMarch 2016 to June 2019\nSoftware Tester\nResponsibilities:\n"
        "Wrote test plans for the billing portal and ran them every sprint.\n"
        "Projects:\nwww.example.org\nJuly 2019 to May 2022\nQA Lead\nResponsibilities:\n"
        "Led a team of four testers across two product lines in the company.\n"
    )
    found = history(text)
    assert [r.title for r in found.experience] == ["Software Tester", "QA Lead"]
    assert found.fulltime_years == pytest.approx((39 + 34) / 12)


def test_a_real_projects_heading_still_holds_projects() -> None:
    text = (
        "EXPERIENCE\nData Analyst | 2018 - 2020\nProjects:\nSales Forecast | 2021\n"
        "• Built a model\n"
    )
    found = history(text)
    assert [r.title for r in found.experience] == ["Data Analyst"]
    assert [p.name for p in found.projects] == ["Sales Forecast"]


def test_a_job_title_naming_a_certification_is_a_role() -> None:
    role = only_role("EXPERIENCE\nPayments Certification Analyst , 02/2013 to 11/2013\n")
    assert (role.title, role.months) == ("Payments Certification Analyst", 9)
    assert history("EXPERIENCE\nCertified Scrum Master, issued 2019\n").experience == ()


def test_a_sentence_tail_is_no_undated_role() -> None:
    text = (
        "EXPERIENCE\nData Engineer | 2019 - 2023\n• Built a lakehouse with the analysts and\n"
        "product managers.\nDevelopers and Project coordinators.\nPlatform Architect\n"
    )
    assert [r.title for r in history(text).experience] == ["Data Engineer", "Platform Architect"]


@pytest.mark.parametrize(
    "line",
    [
        "Churn Model - Capstone Project | Jan 2021 - Apr 2021",
        "Course Project: Image Captioning Jan 2021 - Apr 2021",
        "Personal Project, Chess Engine 01/2021 - 04/2021",
        "Bootcamp project (Jan 2021 - Apr 2021) Loan Default Scoring",
    ],
)
def test_a_study_project_dated_under_experience_is_a_project(line: str) -> None:
    text = f"EXPERIENCE\n{line}\n• Trained a classifier\nData Analyst 2018 - 2020\nHarbor Foods\n"
    found = history(text)
    assert [r.title for r in found.experience] == ["Data Analyst"]
    assert [p.start for p in found.projects] == [YearMonth(2021, 1)]
    assert found.fulltime_years == pytest.approx(2.0)  # the project adds no years


@pytest.mark.parametrize(
    "line",
    [
        "Project Manager | Jan 2021 - Apr 2021",
        "Capstone Project Mentor | Jan 2021 - Apr 2021",
        "Research Engineer, University Projects Office | Jan 2021 - Apr 2021",
    ],
)
def test_a_job_with_project_in_its_line_stays_a_role(line: str) -> None:
    found = history(f"EXPERIENCE\n{line}\n• Planned the work\n")
    assert len(found.experience) == 1
    assert found.experience[0].start == YearMonth(2021, 1)
    assert not found.projects


@pytest.mark.parametrize(
    "heading",
    ["VOLUNTEER EXPERIENCE", "Volunteering", "Campus Involvement", "Community Involvement"],
)
def test_roles_under_a_volunteer_heading_are_volunteer_roles(heading: str) -> None:
    text = (
        "EXPERIENCE\nAccounts Clerk | March 2018 - March 2020\nRivermead Dairy\n"
        f"{heading}\nFood Bank of Ashvale, June 2016 - Present\nVolunteer\n• Sorted donations\n"
        "Hillcrest Youth Club | 2015 - 2016\nAssistant Coach\n"
    )
    found = history(text)
    assert [(r.title, r.kind) for r in found.experience] == [
        ("Accounts Clerk", "full-time"),
        ("Volunteer", "volunteer"),
        ("Assistant Coach", "volunteer"),
    ]
    assert found.fulltime_years == pytest.approx(2.0)  # unpaid roles add no years


def test_an_awards_heading_still_holds_no_roles() -> None:
    text = (
        "EXPERIENCE\nAccounts Clerk | March 2018 - March 2020\nRivermead Dairy\n"
        "HONORS & AWARDS\nEmployee of the Year | 2019\nRegional Spelling Champion 2012 - 2013\n"
    )
    assert [r.title for r in history(text).experience] == ["Accounts Clerk"]


@pytest.mark.parametrize(
    "text",
    [
        "EXPERIENCE\nHarbor Foods — Data Analyst (2019 – 2021)\n- Built reports\n",
        "EXPERIENCE\nData Analyst @ Harbor Foods, 2019-2021\n- Built reports\n",
        "Employment History\n2019 - 2021: Data Analyst at Harbor Foods\n- Built reports\n",
        "EXPERIENCE\n2019 – 2021\nData Analyst\nHarbor Foods\n- Built reports\n",
        "EXPERIENCE\nData Analyst\t2019 – 2021\nHarbor Foods\n- Built reports\n",
    ],
    ids=["dates in brackets", "at sign", "dates first, 'at'", "date line above", "tab column"],
)
def test_title_and_employer_orders(text: str) -> None:
    role = only_role(text)
    assert (role.title, role.organization) == ("Data Analyst", "Harbor Foods")
    assert (role.start, role.end) == (YearMonth(2019), YearMonth(2021))


def test_at_before_a_lower_case_word_is_no_employer() -> None:
    role = only_role("EXPERIENCE\nData Analyst at scale | 2019 - 2021\nHarbor Foods\n")
    assert (role.title, role.organization) == ("Data Analyst at scale", "Harbor Foods")
