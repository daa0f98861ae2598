"""Work history on layouts found in a hand check of unlabeled resumes (bench/HISTORY_CHECK.md):
each mechanism with phrasings of our own, positive and negative."""

from __future__ import annotations

import datetime

import pytest

from kwmatch.dates import YearMonth, find_ranges
from kwmatch.history import Entry, WorkHistory, extract_history
from kwmatch.text import clean

AS_OF = datetime.date(2026, 12, 1)


def history(text: str) -> WorkHistory:
    return extract_history(clean([text]), AS_OF)


def titled(text: str) -> list[tuple[str, YearMonth | None, YearMonth | None]]:
    return [(r.title, r.start, r.end) for r in history(text).experience]


def only_role(text: str) -> Entry:
    roles = history(text).experience
    assert len(roles) == 1, roles
    return roles[0]


# --- job nouns of trades, shops and services ------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Orchard Worker",
        "Relief Teller",
        "School Bus Driver",
        "Youth Counsellor",
        "Classroom Aide",
        "Grocery Cashier",
        "Quality Control Chemist",
        "Survey Statistician",
        "Hotel Housekeeper",
    ],
)
def test_a_trade_or_service_title_above_its_dates_is_the_title(title: str) -> None:
    text = (
        "EXPERIENCE\n"
        f"{title}\nJuly 2017 to February 2021 Brackenfield Co-op - Keene, NH\n"
        "Opened the site each morning and logged the deliveries.\n"
        "Stock Clerk\nMay 2015 to July 2017 Ottery Mills - Keene, NH\n"
    )
    assert titled(text)[0] == (title, YearMonth(2017, 7), YearMonth(2021, 2))


def test_a_job_noun_in_a_description_line_is_no_title() -> None:
    text = (
        "EXPERIENCE\nJuly 2017 to February 2021 Brackenfield Co-op\n"
        "Showed each new cashier and driver how the delivery log and the till work.\n"
    )
    assert [r.title for r in history(text).experience] == [""]


# --- experience headings with qualifiers ------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    [
        "Relevant Professional Experience",
        "Additional Experience",
        "Prior Work History",
        "Military Experience",
        "MILITARY SERVICE",
    ],
)
def test_a_qualified_experience_heading_opens_an_experience_part(heading: str) -> None:
    text = (
        "HIGHLIGHTS\nCalm under pressure\nWater safety\n"
        f"{heading}\nPool Lifeguard May 2018 to Aug 2019\nCedar Lake Pool - Bend, OR\n"
        "Swim Instructor Jun 2016 to Sep 2017\nRiverside Swim Club - Bend, OR\n"
    )
    # "Lifeguard" is no job noun: the title is taken only in an experience part
    assert titled(text) == [
        ("Pool Lifeguard", YearMonth(2018, 5), YearMonth(2019, 8)),
        ("Swim Instructor", YearMonth(2016, 6), YearMonth(2017, 9)),
    ]


def test_a_highlights_part_still_holds_no_untitled_dates() -> None:
    text = "HIGHLIGHTS\nCalm under pressure\nWater safety course May 2018 to Aug 2019\n"
    assert history(text).experience == ()


# --- a long role with a shorter one beside it -------------------------------------------------


def test_a_role_without_job_noun_is_no_employer_over_a_shorter_side_job() -> None:
    text = (
        "WORK HISTORY\n"
        "Family Daycare Provider , 03/2013 to Present\nLittle Acorns – Eugene , OR\n"
        "• Looked after four toddlers on weekdays\n"
        "Weekend Piano Tutor , 11/2016 to 02/2019\nKeynote Music – Eugene , OR\n"
        "• Gave beginner lessons on Saturdays\n"
    )
    assert [r.title for r in history(text).experience] == [
        "Family Daycare Provider",
        "Weekend Piano Tutor",
    ]


def test_an_employer_whose_positions_fill_its_stay_is_still_no_role() -> None:
    text = (
        "EXPERIENCE\n"
        "Greenleaf Clinic , 04/2014 to Present\n"
        "Front Desk Lead , 10/2018 to Present\n• Planned the weekly shifts\n"
        "Clinic Assistant , 04/2014 to 09/2018\n• Checked patients in\n"
    )
    assert [r.title for r in history(text).experience] == ["Front Desk Lead", "Clinic Assistant"]


# --- the title above the employer and the place, the dates under them ------------------------


def test_title_above_employer_and_place_lines() -> None:
    text = (
        "WORK HISTORY\n"
        "Shift Supervisor\nPinecrest Hardware\nToledo , OH\nOctober 2016 to August 2021\n"
        "Set the rota for nine staff.\nOrdered the stock for the garden season.\n"
        "Sales Associate\nLakeshore Garden Center\nSandusky , OH\nMarch 2012 to October 2016\n"
        "Counted the tills at closing.\n"
    )
    found = history(text).experience
    assert [(r.title, r.organization, r.start) for r in found] == [
        ("Shift Supervisor", "Pinecrest Hardware", YearMonth(2016, 10)),
        ("Sales Associate", "Lakeshore Garden Center", YearMonth(2012, 3)),
    ]


def test_blank_lines_between_title_employer_and_dates() -> None:
    text = (
        "EXPERIENCE\n"
        "Platform Engineer\nNimbus Hosting\n\nJan 2023 - Present\n\n• Ran the build farm\n\n"
        "Software Engineer\nOrbit Labs\n\nJul 2019 - Dec 2022\n\n• Wrote the billing service\n"
    )
    assert [(r.title, r.organization) for r in history(text).experience] == [
        ("Platform Engineer", "Nimbus Hosting"),
        ("Software Engineer", "Orbit Labs"),
    ]


def test_a_sentence_between_stops_the_search_for_a_title_above() -> None:
    text = (
        "EXPERIENCE\n"
        "Data Analyst\nBuilt the weekly sales reports for the regional managers and their teams\n"
        "Orion Retail\n\nJan 2020 - Dec 2021\n"
    )
    dated = [r.title for r in history(text).experience if r.start is not None]
    assert "Data Analyst" not in dated


# --- a range over three lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "end", "open_end"),
    [
        ("October 2019\nto\nCurrent", YearMonth(2019, 10), None, True),
        ("Feb 2014\n–\nNov 2016", YearMonth(2014, 2), YearMonth(2016, 11), False),
        ("2008\nuntil\n2012", YearMonth(2008), YearMonth(2012), False),
    ],
)
def test_range_with_its_separator_alone_on_the_middle_line(
    text: str, start: YearMonth, end: YearMonth | None, open_end: bool
) -> None:
    (found,) = find_ranges(text)
    assert (found.start, found.end, found.open_end) == (start, end, open_end)


def test_a_lone_to_before_words_joins_nothing() -> None:
    found = find_ranges("Feb 2014\nto\nkeep the books")
    assert [(f.start, f.end) for f in found] == [(YearMonth(2014, 2), YearMonth(2014, 2))]


def test_roles_dated_by_a_three_line_column() -> None:
    text = (
        "EXPERIENCE\n"
        "June 2017\nto\nMarch 2020\nCompany Name City , State Line Cook\n"
        "Made the sauces and kept the walk-in cooler in order.\n"
        "November 2014\nto\nJune 2017\nCompany Name City , State Prep Cook\n"
    )
    assert titled(text) == [
        ("Line Cook", YearMonth(2017, 6), YearMonth(2020, 3)),
        ("Prep Cook", YearMonth(2014, 11), YearMonth(2017, 6)),
    ]


# --- the description run on after the dates on the header line ------------------------------


def test_a_header_with_its_description_run_on_after_the_dates() -> None:
    text = (
        "PROFESSIONAL EXPERIENCE\n"
        "Company Name City , State Pharmacy Technician 03/2017 to 10/2019 Filled the "
        "prescriptions, counted the locked stock at each change of shift and answered questions.\n"
    )
    role = only_role(text)
    assert (role.title, role.start, role.end) == (
        "Pharmacy Technician",
        YearMonth(2017, 3),
        YearMonth(2019, 10),
    )


@pytest.mark.parametrize(
    "line",
    [
        "Worked as a data analyst from 2015 – 2016 and then moved to the planning team of the "
        "same firm.",
        "Promoted to Shift Supervisor in 2015 after two years on the floor and a course in safety.",
    ],
)
def test_a_range_or_a_year_inside_prose_is_no_role(line: str) -> None:
    assert history(f"EXPERIENCE\n{line}\n").experience == ()


# --- template placeholders -------------------------------------------------------------------


def test_the_title_after_a_city_state_placeholder() -> None:
    text = (
        "EXPERIENCE\n"
        "Company Name City , State Night Stocker - Aisle 4 09/2015 to 02/2018\n"
        "Refilled the frozen aisle before opening.\n"
        "Company Name City , State Loan Processor 03/2012 to 09/2015\n"
    )
    assert [r.title for r in history(text).experience] == ["Night Stocker", "Loan Processor"]


def test_a_title_without_job_noun_before_the_employer_placeholder() -> None:
    text = (
        "EXPERIENCE\n"
        "06/2014 to 11/2019\nRegional Sales Director Company Name – City , State\n"
        "• Grew the northern territory\n"
        "03/2008 to 05/2014\nOutreach and Fundraising Company Name – City , State\n"
        "• Planned the spring auction\n"
    )
    assert [r.title for r in history(text).experience] == [
        "Regional Sales Director",
        "Outreach and Fundraising",
    ]


@pytest.mark.parametrize("heading", ["Community Service", "CIVIC SERVICE:"])
def test_roles_under_a_community_service_heading_are_volunteer_roles(heading: str) -> None:
    text = (
        "EXPERIENCE\nAccounts Clerk | March 2018 - March 2020\nRivermead Dairy\n"
        f"{heading}\nShelter Volunteer\nAshvale Animal Shelter\nJanuary 2016 to Present\n"
    )
    found = history(text)
    assert [(r.title, r.kind) for r in found.experience] == [
        ("Accounts Clerk", "full-time"),
        ("Shelter Volunteer", "volunteer"),
    ]
    assert found.fulltime_years == 2.0


def test_a_service_heading_of_another_kind_holds_no_volunteer_roles() -> None:
    text = (
        "EXPERIENCE\nAccounts Clerk | March 2018 - March 2020\nRivermead Dairy\n"
        "Customer Service\nFront Desk Clerk\nAshvale Inn\nJanuary 2016 to Present\n"
    )
    assert [r.kind for r in history(text).experience] == ["full-time", "full-time"]


def test_a_military_part_after_education_holds_roles_not_degrees() -> None:
    text = (
        "EDUCATION\nBachelor of Science in Logistics\nNorthgate University, 2014\n"
        "Military Experience\nAircraft Mechanic, 06/2004 - 08/2010\nCoastal Air Wing\n"
    )
    found = history(text)
    assert [(r.title, r.start) for r in found.experience] == [
        ("Aircraft Mechanic", YearMonth(2004, 6))
    ]
    assert all(e.start is None or e.start.year > 2010 for e in found.education)


def test_a_year_long_after_the_reading_date_dates_no_role() -> None:
    text = (
        "EXPERIENCE\nLead Data Analyst 2022 - Present\nQuayside Data Co\n"
        "2041 Harbour Road, Leeds\n• Ran the churn reports\n"
    )  # a street number read as a year
    assert titled(text) == [("Lead Data Analyst", YearMonth(2022), YearMonth(2026, 12))]


def test_a_role_starting_soon_after_the_reading_date_is_kept() -> None:
    role = only_role("EXPERIENCE\nData Engineer | Orbit Freight | March 2027 - Present\n")
    assert (role.title, role.start) == ("Data Engineer", YearMonth(2027, 3))


# --- degrees dated by a year inside their line -------------------------------------------


@pytest.mark.parametrize(
    ("line", "level", "end"),
    [
        (
            "Bachelor of Arts : Sociology , December 2011 Lakemont University - City , State",
            "bachelors",
            YearMonth(2011, 12),
        ),
        (
            "High School Diploma : 2006 Cedar Ridge High School - City , State",
            "other",
            YearMonth(2006),
        ),
        (
            "Doctor of Philosophy : Marine Biology , 2019 Eastport University - City , State",
            "phd",
            YearMonth(2019),
        ),
        ("M.S : Hydrology , 2003 Ridgeway University", "masters", YearMonth(2003)),
        ("B.A : Theatre , 1997 Fairhaven College", "bachelors", YearMonth(1997)),
    ],
)
def test_a_degree_dated_inside_its_line(line: str, level: str, end: YearMonth) -> None:
    (degree,) = history(f"EDUCATION\n{line}\n").education
    assert (degree.level, degree.end) == (level, end)


def test_research_years_inside_a_phd_dated_inside_its_line_are_study() -> None:
    text = (
        "EXPERIENCE\nResearch Fellow, 2014 - 2019\nCoastal Ecology Lab\n"
        "Field Biologist, May 2019 - May 2021\nTidewater Surveys\n"
        "EDUCATION\nDoctor of Philosophy : Marine Biology , 2019 Eastport University\n"
    )
    assert history(text).fulltime_years == 2.0  # the fellowship was the PhD


def test_a_year_in_an_education_line_without_a_degree_dates_nothing() -> None:
    found = history("EDUCATION\nDean's list in 2009 and in the spring term of the next year\n")
    assert found.education == () and found.experience == ()


def test_two_capitals_with_a_dot_inside_a_name_are_no_degree() -> None:
    found = history("EDUCATION\nSummer course at the B.A Studios of Eastfield, 2004 to 2005\n")
    assert all(e.level == "other" or not e.degree for e in found.education)
