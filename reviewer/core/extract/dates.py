"""Calendar dates: "Dec. 3, 2013", "DECEMBER 15, 1998", "March 28", "July 2025", "2025-01-10",
"20 March 2020", "March 5,2020", "July 1st of 2025", "the 5th day of May, 2021", "the 5th of May,
2021", "December of 1996", "07/22/2004", "10/21/97" (a wire's date code)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.normalize import iso_date, month_number
from reviewer.core.extract.wrapped import flat_text

_MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
_ABBR = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
_FORMS = sorted(
    {f for n in _MONTH_NAMES for f in (n, n.upper())}
    | {f for a in _ABBR for f in (a + r"\.", a.upper() + r"\.", a)},
    key=len, reverse=True,
)
MONTH = "(?:" + "|".join(_FORMS) + ")"
_YEAR = r"(?:19|20)\d\d(?!\d)"
# between a day and its year: a comma, blanks, at most one line break (a "September 30," column
# header is not joined to a year below a blank line), or " of " ("July 1st of 2025")
_DAY_YEAR_GAP = r"(?:,?(?:[^\S\n]*+\n)?[^\S\n]*+(?:of[^\S\n]++)?)"
DATE = re.compile(
    rf"(?=[A-Z0-9])(?:(?<!\w)(?<!\w-)(?P<month>{MONTH})(?![\w])"
    rf"(?:\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?:(?:,(?={_YEAR})|(?![\d,]\d){_DAY_YEAR_GAP})(?P<year>{_YEAR})"
    r"|(?![\d,]\d))"
    rf"|(?:,?\s+|\s+of\s+)(?P<myear>{_YEAR}))"  # ("July 2025", "December of 1996")
    r"|(?<![\w-])(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)(?![\w-])"
    r"|(?<![\w/.-])(?P<us>[01]?\d)/(?P<usday>[0-3]?\d)/(?P<usyear>(?:19|20)\d\d)(?![\w/])"
    # (day, month and year apart by dots, as German and Swiss wires write them: "14.10.2031")
    r"|(?<![\w.,])(?P<dotd>[0-3]\d)\.(?P<dotm>[01]\d)\.(?P<doty>(?:19|20)\d\d)(?![\w.]|,\d)"
    # (a two-digit year with a month and day of two digits each: a wire's date code, "-0- 10/21/97")
    r"|(?<![\w/.-])(?P<us2>[01]\d)/(?P<usday2>[0-3]\d)/(?P<usyear2>\d\d)(?![\w/.-])"
    # "the 5th day of May, 2021", "the 5th of May, 2021"
    r"|(?<![\w-])(?P<dday>[0-3]?\d)(?:(?:st|nd|rd|th)?\s+day|st|nd|rd|th)\s+of\s+(?P<dmonth>" + MONTH + r"),?\s+(?P<dyear>(?:19|20)\d\d)(?!\d)"
    # day-month-year: "20 March 2020", "1st June, 2021", "5 Dec. 2019"
    r"|(?<![\w.,$-])(?P<eday>[0-3]?\d)(?:st|nd|rd|th)?[^\S\n]+(?P<emonth>" + MONTH + r")(?!\w)(?:,?[^\S\n]+(?P<eyear>"
    + _YEAR + r"))?"  # (or without its year, as "March 28" is: "until 30 November")
    r")"
)
_PERIOD_AFTER = re.compile(r"[^\S\n]+(?:quarter|half-year|half\s+year|fiscal\s+year)\b", re.I)
_FULL_MONTH = re.compile("|".join(_MONTH_NAMES), re.I)
_ABBR_WITHOUT_DOT = re.compile(r"^(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)$", re.I)


def dates(ctx: DocContext) -> Iterator[Candidate]:
    # a single line break inside a sentence is a blank ("March\n5, 2020"): same offsets
    text = flat_text(ctx)
    for m in DATE.finditer(text):
        value = _value(m)
        if value is None or m.group("us2") and ctx.doc_type != "4" and "-0-" not in text[max(0, m.start() - 60) : m.start()]:
            continue  # (a two-digit year only in a wire's date code: "-0- 10/21/97"; "the 10/20/30 rule" is none)
        confidence = 0.95
        end = m.end()
        if m.group("month"):
            month = m.group("month")
            if m.group("day") is None and m.group("myear") is None:
                continue
            if m.group("myear") and _PERIOD_AFTER.match(text, m.end()):
                continue  # "the December 2024 quarter": a fiscal period, no date
            if m.group("year") and "\n" in text[m.end("day") : m.start("year")] and _header_row(text, m.start()):
                # "Dec 31\tSep 30\tDec 31\n2021\t2021\t2020": the years below are the columns' own
                end, value = m.end("day"), iso_date(None, month_number(month), int(m.group("day")))
                yield Candidate("date", m.start(), end, value, 0.8, "rules.date")
                continue
            if _ABBR_WITHOUT_DOT.match(month) and not m.group("year") and not m.group("myear") \
                    and not _alone_in_cell(text, m.start(), end):
                continue  # "Mar 5" alone is too ambiguous, unless it heads a table's column
            if month.lower() == "may" and m.group("day") and not m.group("year"):
                confidence = 0.6
            if m.group("day") and not m.group("year"):
                confidence = min(confidence, 0.8)
        elif m.group("eday") and not m.group("eyear"):
            confidence = 0.8  # a day and month without a year ("30 November")
        yield Candidate("date", m.start(), end, value, confidence, "rules.date")


# cells end at tabs or at runs of three blanks or more (a table laid out with blanks)
_MONTH_DAY_CELL = re.compile(rf"(?:^|\t|[^\S\n]{{3}})[^\S\n]*{MONTH}\s+[0-3]?\d,?(?=\t|[^\S\n]{{3}}|[^\S\n]*$)", re.M)


def _header_row(text: str, pos: int) -> bool:
    """Whether the line at pos is a table's header row of two or more month-day cells (looked at
    over at most 400 characters before pos, so that a long line costs no more)."""
    start = text.rfind("\n", max(0, pos - 400), pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)]
    return ("\t" in line or "   " in line) and len(_MONTH_DAY_CELL.findall(line)) >= 2


def _alone_in_cell(text: str, start: int, end: int) -> bool:
    """A month and day that fill a table cell ("\tSep 30\t"): a column's heading."""
    before = text[start - 1] if start else "\n"
    i = end + (text[end : end + 1] == ",")  # "Dec 31,\tSep 30,"
    after = text[i : i + 1] or "\n"
    return before in "\t\n" and after in "\t\n" and ("\t" in (before, after))


def _value(m: re.Match) -> str | None:
    if m.group("iso"):
        y, mo, d = map(int, m.group("iso").split("-"))
        return iso_date(y, mo, d)
    if m.group("us"):
        return iso_date(int(m.group("usyear")), int(m.group("us")), int(m.group("usday")))
    if m.group("dotd"):
        return iso_date(int(m.group("doty")), int(m.group("dotm")), int(m.group("dotd")))
    if m.group("us2"):
        year = int(m.group("usyear2"))
        return iso_date(year + (2000 if year < 50 else 1900), int(m.group("us2")), int(m.group("usday2")))
    if m.group("dday"):
        return iso_date(int(m.group("dyear")), month_number(m.group("dmonth")), int(m.group("dday")))
    if m.group("eday"):
        if not m.group("eyear"):
            month = m.group("emonth")
            if not _FULL_MONTH.fullmatch(month) or month.lower() == "may" or not 1 <= int(m.group("eday")) <= 31:
                return None  # ("5 Mar", "10 May": too ambiguous without a year)
            return iso_date(None, month_number(month), int(m.group("eday")))
        return iso_date(int(m.group("eyear")), month_number(m.group("emonth")), int(m.group("eday")))
    month = month_number(m.group("month"))
    if m.group("myear"):
        return iso_date(int(m.group("myear")), month, None)
    if m.group("day"):
        year = int(m.group("year")) if m.group("year") else None
        return iso_date(year, month, int(m.group("day")))
    return None
