"""Temporal expressions: every rule, the year and weekday edge cases, and the non-dates."""

from __future__ import annotations

import pytest

from index.timex import find, iso_week


def values(text: str, published: str | None) -> list[tuple[str, str | None]]:
    out = []
    for t in find(text, published):
        assert text[t.start : t.end] == t.text
        out.append((t.text, t.value))
    return out


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # absolute dates in the usual shapes
        ("It happened on Jan. 1, 2020.", "2024-01-30", [("Jan. 1, 2020", "2020-01-01")]),
        ("On 30 January 2024 they met.", None, [("30 January 2024", "2024-01-30")]),
        ("Designated in July 2009.", None, [("July 2009", "2009-07")]),
        ("Founded in 2007, it grew.", None, [("2007", "2007")]),
        ("Dated 2024-02-08.", None, [("2024-02-08", "2024-02-08")]),
        # a date without a year: the year that puts it nearest before the article date
        ("since the Oct. 7 attack", "2024-01-30", [("Oct. 7", "2023-10-07")]),
        ("On January 9 he called.", "2020-10-12", [("January 9", "2020-01-09")]),
        ("confirmed on 30 January that", "2024-01-30", [("30 January", "2024-01-30")]),
        ("a resolution in January", "2020-10-11", [("January", "2020-01")]),
        ("formed in October to", "2024-01-30", [("October", "2023-10")]),
        ("In April last year, a spokesman", "2024-01-30", [("April last year", "2023-04")]),
        # weekdays: the most recent such day on or before; the article's own weekday is that day
        ("announced on Tuesday that", "2024-01-30", [("Tuesday", "2024-01-30")]),
        ("on Wednesday announced", "2024-01-31", [("Wednesday", "2024-01-31")]),
        ("security was enhanced Tuesday.", "2024-01-31", [("Tuesday", "2024-01-30")]),
        ("On Saturday, militia groups", "2020-10-11", [("Saturday", "2020-10-10")]),
        ("the attack on Sunday", "2024-01-30", [("Sunday", "2024-01-28")]),
        ("last Tuesday", "2024-01-30", [("last Tuesday", "2024-01-23")]),
        ("next Friday", "2024-01-30", [("next Friday", "2024-02-02")]),
        # the future points forward
        ("They will meet on Saturday.", "2024-01-30", [("Saturday", "2024-02-03")]),
        ("The commission would present a report in March.", "2023-12-15", [("March", "2024-03")]),
        ("The report came out in March.", "2023-12-15", [("March", "2023-03")]),
        ("The summit will be held on Dec. 20 in Brussels.", "2023-12-15", [("Dec. 20", "2023-12-20")]),
        ("Leaders will meet on Jan. 5.", "2023-12-15", [("Jan. 5", "2024-01-05")]),
        # relative to the article date
        ("threatened last month to", "2020-10-11", [("last month", "2020-09")]),
        ("came last week as", "2024-01-31", [("last week", "2024-W04")]),
        ("troops earlier this month", "2020-10-11", [("earlier this month", "2020-10")]),
        ("a base over the weekend", "2024-01-30", [("over the weekend", "2024-W04")]),
        ("this year the", "2024-01-30", [("this year", "2024")]),
        ("three days ago", "2024-01-30", [("three days ago", "2024-01-27")]),
        ("yesterday and today", "2024-01-30", [("yesterday", "2024-01-29"), ("today", "2024-01-30")]),
        # anchored to a date the same or a previous paragraph named
        ("On 28 January they attacked. Washington announced later that day.", "2024-01-30",
         [("28 January", "2024-01-28"), ("later that day", "2024-01-28")]),
        ("On 28 January they attacked.\n\nOfficials had met a day before the attack.", "2024-01-30",
         [("28 January", "2024-01-28"), ("a day before", "2024-01-27")]),
        ("In April last year a man spoke.\n\nHe vowed at the time that it would end.", "2024-01-30",
         [("April last year", "2023-04"), ("at the time", "2023-04")]),
        ("They met a day before the vote.", "2024-01-30", [("a day before", None)]),  # no anchor: unresolved
    ],
)  # fmt: skip
def test_resolution(text: str, published: str | None, expected: list) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # hard-wrapped and paragraph-broken text
        ("met on Jan.\n6 in the hall", "2024-02-08", [("Jan.\n6", "2024-01-06")]),
        ("a poll taken last\n\nmonth showed", "2024-02-08", [("last\n\nmonth", "2024-01")]),
        # weekday with a date: one expression
        ("said on Monday, Oct. 26: the", "1998-10-27", [("Monday, Oct. 26", "1998-10-26")]),
        ("On Friday, 3 May 2019, he left.", None, [("Friday, 3 May 2019", "2019-05-03")]),
        # numeric dates with a year
        ("filed 7/24/2012 in court", None, [("7/24/2012", "2012-07-24")]),
        ("signed on 24.07.2012 in Bonn", None, [("24.07.2012", "2012-07-24")]),
        ("signed on 11.06.2012 in Bonn", None, [("11.06.2012", "2012-06-11")]),
        ("due 13/05/2021 at noon", None, [("13/05/2021", "2021-05-13")]),
        # months with a relative word or "of"
        ("In December of 2020, he wrote", None, [("December of 2020", "2020-12")]),
        ("In March of this year, at a speech", "2012-07-23", [("March of this year", "2012-03")]),
        ("elected last November and", "2024-01-30", [("last November", "2023-11")]),
        ("it rained last January", "2024-01-30", [("last January", "2023-01")]),
        ("the vote next March", "2024-01-30", [("next March", "2024-03")]),
        ("talks this September", "1998-03-02", [("this September", "1998-09")]),
        # more words that make a capitalised month a month
        ("In January, the agency", "2000-04-03", [("January", "2000-01")]),
        ("figures for January extended", "1998-02-06", [("January", "1998-01")]),
        ("the October slaying of", "1999-04-19", [("October", "1998-10")]),
        ("prices fell from mid-October", "1998-02-23", [("October", "1997-10")]),
        ("He wrote to May about it.", "2019-02-01", []),  # a person, not the month
        # parts of a period
        ("began to fall apart in mid-1996 after", None, [("mid-1996", "1996")]),
        ("costs cut by the end of 1990.", None, [("the end of 1990", "1990")]),
        ("sales in early 2020 rose", None, [("early 2020", "2020")]),
        ("paid by the end of the month", "2020-10-11", [("the end of the month", "2020-10")]),
        ("to rise early next year", "1989-10-30", [("early next year", "1990")]),
        # a date without a year a short way ahead of the article date is the coming one
        ("A vote could come as early as Nov. 4.", "2009-10-14", [("Nov. 4", "2009-11-04")]),
        ("agree on a plan by August 1 and", "2012-07-24", [("August 1", "2012-08-01")]),
        ("The March accession will", "1999-02-10", [("March", "1999-03")]),
        # ... unless a past-tense verb comes just before it
        ("which was disclosed in January", "2007-12-31", [("January", "2007-01")]),
        ("the quarter ended Oct. 31, it said", "1989-11-02", [("Oct. 31", "1989-10-31")]),
        ("to be published in early November will", "1989-10-20", [("November", "1989-11")]),
        # weekdays: possessive, and "the Tuesday edition"
        ("since Tuesday's earthquake", "2011-08-24", [("Tuesday", "2011-08-23")]),
        ("in the Tuesday edition of", "2023-04-05", [("Tuesday", "2023-04-04")]),
        ("she reads the Sunday Times", "2023-04-05", []),
        ("a message read Wednesday night to", "2000-01-07", [("Wednesday night", "2000-01-05")]),
        ("rally this coming Sunday in", "1998-03-04", [("this coming Sunday", "1998-03-08")]),
        ("rally this past Sunday in", "1998-03-04", [("this past Sunday", "1998-03-01")]),
        # days and parts of days
        ("he spoke last night in", "2024-01-30", [("last night", "2024-01-29")]),
        ("said this morning that", "2024-01-30", [("this morning", "2024-01-30")]),
        ("late yesterday the", "2024-01-30", [("late yesterday", "2024-01-29")]),
        ("yesterday afternoon the", "2024-01-30", [("yesterday afternoon", "2024-01-29")]),
        ("to a later date, in nine days.", "2021-07-20", [("nine days", "2021-07-29")]),
        # anchored years and day-by-day stories
        ("He was arrested in 2017 and extradited a year later.", "2021-07-20",
         [("2017", "2017"), ("a year later", "2018")]),
        ("It opened in 1998. The following year it closed.", "2021-07-20",
         [("1998", "1998"), ("The following year", "1999")]),
        ("Shots on June 17, 2015.\n\nA.\n\nB.\n\nHe was arrested the next day.", "2016-12-15",
         [("June 17, 2015", "2015-06-17"), ("the next day", "2015-06-18")]),
        # named holidays: the nearest before, or the coming one when it is close or the clause is future
        ("a parade on Thanksgiving Day drew", "1998-12-01", [("Thanksgiving Day", "1998-11-26")]),
        ("plans for Christmas Day.", "2023-12-10", [("Christmas Day", "2023-12-25")]),
        ("He spoke on Memorial Day.", "2024-06-10", [("Memorial Day", "2024-05-27")]),
        ("on New Year’s Eve", "2024-01-03", [("New Year’s Eve", "2023-12-31")]),
        # feasts that move with Easter, and bare feasts unless they modify a noun
        ("Shops shut on Good Friday.", "2019-05-02", [("Good Friday", "2019-04-19")]),
        ("Pilgrims came for Easter and stayed.", "2019-05-02", [("Easter", "2019-04-21")]),
        ("Prices rose at Christmas.", "2019-01-10", [("Christmas", "2018-12-25")]),
        ("Christmas shopping grew. Easter eggs sold out.", "2019-01-10", []),
        # the future only from the clause the date is in
        ("They said they would appeal the decision, announced Wednesday by the agency.", "2000-01-06",
         [("Wednesday", "2000-01-05")]),
        ("who could arrive as early as Tuesday.", "2000-04-03", [("Tuesday", "2000-04-04")]),
        # plans and schedules look ahead; a plan told in the past tense does not
        ("the talks, set to resume Monday in Geneva.", "2003-03-22", [("Monday", "2003-03-24")]),
        ("She has scheduled a news conference Thursday.", "2003-03-19", [("Thursday", "2003-03-20")]),
        ("The strike, which was due to end Monday, went on.", "2003-03-19", [("Monday", "2003-03-17")]),
        # "a year earlier" with no date nearby: a year before the article
        ("Profit rose 5% from a year earlier.", "1989-10-30", [("a year earlier", "1988")]),
        # a year spelled as a count only next to a counted noun
        ("or 41% of 2022 spending", None, [("2022", "2022")]),
        ("the annual report (2022). These", None, [("2022", "2022")]),
        # a possessive weekday naming an outcome happened; one after "ahead of" or "for" is to come
        ("He will appeal Wednesday's verdict.", "2000-01-07", [("Wednesday", "2000-01-05")]),
        ("Fans gathered ahead of Sunday's final.", "2000-01-07", [("Sunday", "2000-01-09")]),
        ("Voters will go to the polls in Sunday's election.", "2000-01-07", [("Sunday", "2000-01-09")]),
        # an accounting year named by its number is that year, not the article's
        ("Profit rose 5% in the fiscal year 2010.", "2011-02-16", [("2010", "2010")]),
    ],
)  # fmt: skip
def test_news_forms(text: str, published: str | None, expected: list) -> None:
    assert values(text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "a three-year war after seizing a third of Iraq",
        "results within 30 days of the order",
        "intensive negotiations in recent days",
        "hard at work in the past few days",
        "it may likely include strikes",
        "some 2,500 troops and 5,000 soldiers",
        "more than 160 attacks",
        "an estimated 350 soldiers",
        "they march on",
        "a force of 2000 soldiers",
        "coming in two weeks",
        "after 1500 people fled",
        "scored 7/24 and 11.06",
        "Martonyi and Jan Kavan signed",
    ],
)
def test_non_dates(text: str) -> None:
    assert find(text, "2024-01-30") == []


def test_without_an_article_date_relative_expressions_stay_unresolved() -> None:
    got = values("On 5 January 2024 it began; on Tuesday it ended, last week too, in March.", None)
    assert got == [("5 January 2024", "2024-01-05"), ("Tuesday", None), ("last week", None), ("March", None)]


def test_month_dated_article_counts_weekdays_from_the_latest_reported_day() -> None:
    text = "Rockets landed on Oct. 5. In a joint statement on Saturday, groups agreed. On Sunday, he spoke."
    assert values(text, "2020-10") == [
        ("Oct. 5", "2020-10-05"),
        ("Saturday", "2020-10-10"),
        ("Sunday", "2020-10-11"),
    ]


def test_iso_week() -> None:
    assert iso_week(__import__("datetime").date(2024, 1, 28)) == "2024-W04"
    assert iso_week(__import__("datetime").date(2021, 1, 3)) == "2020-W53"


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # fiscal quarters and halves: the export holds no quarter, so each is given as the year containing it
        ("Third-quarter profit at the brewer rose 4%.", "2011-10-20", [("Third-quarter", "2011")]),
        ("Net income in the fourth quarter fell to $2 million.", "2012-01-25", [("the fourth quarter", "2011")]),
        ("Revenue in the latest quarter was $40 million.", "2015-02-03", [("the latest quarter", "2014")]),
        ("Sales in the third quarter of 2008 fell 3%.", "2010-05-01", [("the third quarter of 2008", "2008")]),
        ("Earnings for this year's first half rose.", "2016-09-01", [("this year's first half", "2016")]),
        ("Output rose from the year-earlier quarter, the company said.", "2013-07-30",
         [("the year-earlier quarter", "2012")]),
        ("Exports beat year-earlier levels by 5 percent.", "2013-07-30", [("year-earlier", "2012")]),
        ("For the year ended March 31, the bank earned $9 million.", "2019-05-10",
         [("the year", "2019"), ("March 31", "2019-03-31")]),
        # ... and the same words that are no period
        ("Kovacs scored twice in the fourth quarter to seal the game.", "2012-01-25", []),
        ("A quarter of the voters stayed home.", "2012-01-25", []),
        ("Osei equalised early in the second half.", "2018-06-20", []),
        ("She was voted player of the year.", "2018-06-20", []),
        # seasons, given as their year (winter as the year it begins in)
        ("The clinic closed last fall.", "1999-01-12", [("last fall", "1998")]),
        ("The dam will open next spring.", "2021-06-10", [("next spring", "2022")]),
        ("in the winter of 1994 prices fell", "2001-03-03", [("the winter of 1994", "1994")]),
        ("the leaves fall in autumn", "2021-06-10", []),
        ("after the last fall in prices", "2021-06-10", []),
        ("this fall in oil prices hurt", "2021-06-10", []),
        ("The show opens this fall in Lyon.", "2021-06-10", [("this fall", "2021")]),
        ("He was shot last fall in his home.", "1999-01-12", [("last fall", "1998")]),
        # year-end and counts from a named day
        ("The sale should close by year-end.", "2009-10-02", [("year-end", "2009")]),
        ("She left on 3 May. Three days later she was arrested.", "2017-06-01",
         [("3 May", "2017-05-03"), ("Three days later", "2017-05-06")]),
        ("Two weeks before, nobody knew.", "2017-06-01", [("Two weeks before", None)]),  # no day to count from
        ("They moved to Lagos in 2004 and later that year opened a shop.", "2010-01-01",
         [("2004", "2004"), ("later that year", "2004")]),
        # ordinal days
        ("They met on the 9th of January.", "2024-01-30", [("the 9th of January", "2024-01-09")]),
        ("It arrived on the 14th, officials said.", "2024-02-20", [("the 14th", "2024-02-14")]),
        ("It arrived on the 24th, officials said.", "2024-02-20", [("the 24th", "2024-01-24")]),
        ("The board will vote on the 24th.", "2024-02-20", [("the 24th", "2024-02-24")]),
        ("In May 2019 the plan stalled. It collapsed on the 14th.", "2024-02-20",
         [("May 2019", "2019-05"), ("the 14th", "2019-05-14")]),
        ("art of the 14th century", "2024-02-20", []),
        ("the office on the 5th floor", "2024-02-20", []),
        # ranges, two-digit years, nights
        ("The 2009-2010 season was wet.", "2012-01-30", [("2009", "2009"), ("2010", "2010")]),
        ("Filed on 1/26/11 in Accra.", "2011-02-01", [("1/26/11", "2011-01-26")]),
        ("Flooding hit the valley overnight.", "2024-02-10", [("overnight", "2024-02-09")]),
        ("an overnight train to Krakow", "2024-02-10", []),
        # "last week" said on a Sunday is the week just ending
        ("Prices rose last week.", "2024-02-04", [("last week", "2024-W05")]),
        ("Prices rose last week.", "2024-02-05", [("last week", "2024-W05")]),
        # deadlines, plans and schedules point ahead; a past span does not
        ("The loan must be repaid by February.", "2019-10-25", [("February", "2020-02")]),
        ("Talks were postponed until Saturday.", "2024-01-31", [("Saturday", "2024-02-03")]),
        ("The squad planned to leave on Thursday.", "1998-09-28", [("Thursday", "1998-10-01")]),
        ("The offer ends on December 31.", "2024-02-20", [("December 31", "2024-12-31")]),
        ("The dividend is payable Jan. 2.", "2019-10-25", [("Jan. 2", "2020-01-02")]),
        ("The market stayed closed until March.", "2019-10-25", [("March", "2019-03")]),
        ("Delegates were slated to meet on Saturday.", "2024-01-29", [("Saturday", "2024-01-27")]),
        ("Thefts were reported by Dec. 18.", "2008-01-10", [("Dec. 18", "2007-12-18")]),
        ("He was shot last Oct. 23 at home.", "1999-01-10", [("Oct. 23", "1998-10-23")]),
        # years read aloud in transcripts; "two thousand" alone is a count
        ("Nairobi, nineteen ninety-eight. Then January nineteen ninety-nine.", "2001-05-05",
         [("nineteen ninety-eight", "1998"), ("January nineteen ninety-nine", "1999-01")]),
        ("a goal for the year two thousand", "1998-02-01", [("the year two thousand", "2000")]),
        ("two thousand troops and nineteen ninety people", "1998-02-01", []),
        # a reader comment's stamp is not an event; a dated statement is
        ("At 16:20 1st Jun 2010, mkaur wrote: great piece", "2010-06-02", []),
        ("On 1 June 2010, the minister said: no.", "2010-06-02", [("1 June 2010", "2010-06-01")]),
    ],
)  # fmt: skip
def test_periods_deadlines_and_anchors(text: str, published: str | None, expected: list) -> None:
    assert values(text, published) == expected


def test_quarter_span_offsets_are_exact() -> None:
    text = "Profit in the third quarter of 2008 rose; year-earlier sales were $3 million."
    found = find(text, "2010-05-01")
    assert [(t.start, t.end, t.value, t.precision) for t in found] == [
        (10, 35, "2008", "year"),
        (42, 54, "2009", "year"),
    ]
    assert [text[t.start : t.end] for t in found] == ["the third quarter of 2008", "year-earlier"]
