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
        "Construction Worker",
        "Bank Teller",
        "Delivery Driver",
        "Camp Counselor",
        "Home Health Aide",
        "Line Cashier",
        "Staff Chemist",
        "Senior Statistician",
        "Night Housekeeper",
    ],
)
def test_a_trade_or_service_title_above_its_dates_is_the_title(title: str) -> None:
    text = (
        "EXPERIENCE\n"
        f"{title}\nMarch 2012 to October 2014 Harbor Works - Dayton, OH\n"
        "Kept the schedule and answered the phones for the whole crew.\n"
        "Accounts Clerk\nMarch 2010 to March 2012 Rivermead Dairy - Dayton, OH\n"
    )
    assert titled(text)[0] == (title, YearMonth(2012, 3), YearMonth(2014, 10))


def test_a_job_noun_in_a_description_line_is_no_title() -> None:
    text = (
        "EXPERIENCE\nMarch 2012 to October 2014 Harbor Works\n"
        "Trained every new driver and cashier on the till and the route sheets.\n"
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
        "HIGHLIGHTS\nPatient with children\nFirst aid\n"
        f"{heading}\nCamp Counselor Jun 2009 to Sep 2009\nMaple Day Camp - Salem, OR\n"
    )
    role = only_role(text)
    assert (role.title, role.start, role.end) == (
        "Camp Counselor",
        YearMonth(2009, 6),
        YearMonth(2009, 9),
    )


def test_a_highlights_part_still_holds_no_untitled_dates() -> None:
    text = "HIGHLIGHTS\nPatient with children\nFirst aid course Jun 2009 to Sep 2009\n"
    assert history(text).experience == ()


# --- a long role with a shorter one beside it -------------------------------------------------


def test_a_role_without_job_noun_is_no_employer_over_a_shorter_side_job() -> None:
    text = (
        "WORK HISTORY\n"
        "Home Care Provider , 08/2015 to Current\nBrightside Care – Salem , OR\n"
        "• Helped two clients with meals and errands\n"
        "Online Math Tutor , 09/2018 to 07/2020\nTutorly – Salem , OR\n"
        "• Tutored high school algebra\n"
    )
    assert [r.title for r in history(text).experience] == [
        "Home Care Provider",
        "Online Math Tutor",
    ]


def test_an_employer_whose_positions_fill_its_stay_is_still_no_role() -> None:
    text = (
        "EXPERIENCE\n"
        "Brightside Care , 08/2015 to Current\n"
        "Care Team Lead , 06/2019 to Current\n• Ran the rota\n"
        "Care Assistant , 08/2015 to 05/2019\n• Helped clients\n"
    )
    assert [r.title for r in history(text).experience] == ["Care Team Lead", "Care Assistant"]


# --- the title above the employer and the place, the dates under them ------------------------


def test_title_above_employer_and_place_lines() -> None:
    text = (
        "WORK HISTORY\n"
        "Branch Manager\nMaple Savings Bank\nDayton , OH\nApril 2007 to June 2011\n"
        "Led a team of eleven tellers and bankers.\nOpened two new branches.\n"
        "Lead Teller\nMaple Savings Bank\nDayton , OH\nJune 1999 to April 2007\n"
        "Balanced the vault every evening.\n"
    )
    found = history(text).experience
    assert [(r.title, r.organization, r.start) for r in found] == [
        ("Branch Manager", "Maple Savings Bank", YearMonth(2007, 4)),
        ("Lead Teller", "Maple Savings Bank", YearMonth(1999, 6)),
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
        ("April 2015\nto\nCurrent", YearMonth(2015, 4), None, True),
        ("Jan 2016\n–\nMar 2018", YearMonth(2016, 1), YearMonth(2018, 3), False),
        ("2011\nuntil\n2014", YearMonth(2011), YearMonth(2014), False),
    ],
)
def test_range_with_its_separator_alone_on_the_middle_line(
    text: str, start: YearMonth, end: YearMonth | None, open_end: bool
) -> None:
    (found,) = find_ranges(text)
    assert (found.start, found.end, found.open_end) == (start, end, open_end)


def test_a_lone_to_before_words_joins_nothing() -> None:
    found = find_ranges("Jan 2015\nto\nlearn the trade")
    assert [(f.start, f.end) for f in found] == [(YearMonth(2015, 1), YearMonth(2015, 1))]


def test_roles_dated_by_a_three_line_column() -> None:
    text = (
        "EXPERIENCE\n"
        "August 2012\nto\nAugust 2015\nCompany Name City , State Warehouse Clerk\n"
        "Loaded and checked the outgoing trucks.\n"
        "September 2010\nto\nAugust 2012\nCompany Name City , State Forklift Driver\n"
    )
    assert titled(text) == [
        ("Warehouse Clerk", YearMonth(2012, 8), YearMonth(2015, 8)),
        ("Forklift Driver", YearMonth(2010, 9), YearMonth(2012, 8)),
    ]


# --- the description run on after the dates on the header line ------------------------------


def test_a_header_with_its_description_run_on_after_the_dates() -> None:
    text = (
        "PROFESSIONAL EXPERIENCE\n"
        "Company Name City , State Warehouse Clerk 01/2012 to 12/2014 Loaded the trucks, kept "
        "the dock clean and checked every pallet against the manifest before it left.\n"
    )
    role = only_role(text)
    assert (role.title, role.start, role.end) == (
        "Warehouse Clerk",
        YearMonth(2012, 1),
        YearMonth(2014, 12),
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
        "Company Name City , State Rural Carrier - Route 9 06/2000 to 07/2001\n"
        "Delivered the mail on a rural route.\n"
        "Company Name City , State Claims Processor 05/2001 to 07/2002\n"
    )
    assert [r.title for r in history(text).experience] == ["Rural Carrier", "Claims Processor"]


def test_a_title_without_job_noun_before_the_employer_placeholder() -> None:
    text = (
        "EXPERIENCE\n"
        "01/2010 to 01/2012\nSenior Account Executive Company Name – City , State\n"
        "• Ran the largest accounts\n"
        "01/2003 to 01/2007\nMembership and Events Company Name – City , State\n"
        "• Organized the yearly gala\n"
    )
    assert [r.title for r in history(text).experience] == [
        "Senior Account Executive",
        "Membership and Events",
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
        "EXPERIENCE\n2046 Harbor Analytics Ltd, Springfield\n"
        "Senior Data Analyst 2023 - Present\n• Built the sales forecasts\n"
    )
    assert titled(text) == [("Senior Data Analyst", YearMonth(2023), YearMonth(2026, 12))]


def test_a_role_starting_soon_after_the_reading_date_is_kept() -> None:
    role = only_role("EXPERIENCE\nData Engineer | Orbit Freight | March 2027 - Present\n")
    assert (role.title, role.start) == ("Data Engineer", YearMonth(2027, 3))


# --- degrees dated by a year inside their line -------------------------------------------


@pytest.mark.parametrize(
    ("line", "level", "end"),
    [
        (
            "Bachelor of Arts : History , May 2009 Northgate University - City , State",
            "bachelors",
            YearMonth(2009, 5),
        ),
        (
            "High School Diploma : 2004 Eastfield High School - City , State",
            "other",
            YearMonth(2004),
        ),
        (
            "Doctor of Philosophy : Soil Science , 2016 Westbrook University - City , State",
            "phd",
            YearMonth(2016),
        ),
        ("M.S : Geology , 1998 Eastfield University", "masters", YearMonth(1998)),
        ("B.A : Music , 1994 Lakeview College", "bachelors", YearMonth(1994)),
    ],
)
def test_a_degree_dated_inside_its_line(line: str, level: str, end: YearMonth) -> None:
    (degree,) = history(f"EDUCATION\n{line}\n").education
    assert (degree.level, degree.end) == (level, end)


def test_research_years_inside_a_phd_dated_inside_its_line_are_study() -> None:
    text = (
        "EXPERIENCE\nResearch Fellow, 2011 - 2016\nSoil Physics Lab\n"
        "Field Engineer, June 2016 - June 2018\nTerra Drilling\n"
        "EDUCATION\nDoctor of Philosophy : Soil Science , 2016 Westbrook University\n"
    )
    assert history(text).fulltime_years == 2.0  # the fellowship was the PhD


def test_a_year_in_an_education_line_without_a_degree_dates_nothing() -> None:
    found = history("EDUCATION\nDean's list in 2009 and in the spring term of the next year\n")
    assert found.education == () and found.experience == ()


def test_two_capitals_with_a_dot_inside_a_name_are_no_degree() -> None:
    found = history("EDUCATION\nSummer course at the B.A Studios of Eastfield, 2004 to 2005\n")
    assert all(e.level == "other" or not e.degree for e in found.education)
