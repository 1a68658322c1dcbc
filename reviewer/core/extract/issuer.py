"""The issuer of a press release, from the shape of its opening.

The name before the first "(Exchange: TICKER)" of the opening paragraph ("Acme Widgets
(NASDAQ: ACME)", past a defined-term parenthesis or a Markdown link); else the subject right
after the dateline ("CITY, Month D, YYYY /WIRE/ -- Acme Widgets, a maker of ..."), or, with no
dateline, at the start of the first paragraph ("Boston-based Acme, ..."); the company when the
subject is its board ("The Acme Board of Directors"); else the first organisation name after
the wire credit, unless the release repeats another far more often. A fuller name in the
release's "About ..." heading ("About Acme Group PLC"), or the name with a legal ending further
on, supplies a suffix the opening leaves out. Every look is bounded to a window after the
opening, or to one count per name over the text.
"""

from __future__ import annotations

import re

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.datelines import Dateline, first_dateline, wire_credit
from reviewer.core.extract.dates import MONTH
from reviewer.core.extract.doctype import EXCHANGE_TICKER
from reviewer.core.extract.org_finder import ORG
from reviewer.core.extract.normalize import collapse
from reviewer.core.extract.wrapped import prose_text


_DATE_AFTER_CREDIT = re.compile(rf"[^\S\n]*(?:[-–—]{{1,2}}|,)?[^\S\n]*(?=(?:{MONTH})[ ]+\d)")
_DATELINE_DATE = re.compile(
    rf"(?:{MONTH})[^\S\n]+\d{{1,2}}(?:st|nd|rd|th)?,?[^\S\n]*(?:\d{{4}})?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?[^\S\n]+(?:{MONTH}),?[^\S\n]+\d{{4}}"
)
_LEADING_WORDS = re.compile(r"(?:(?:On|In|Today|today|As)\s+)+")


def release_company(ctx: DocContext) -> Candidate | None:
    """The issuer of a press release: the name before the first "(Exchange: TICKER)" in the
    opening paragraph, else the subject right after the dateline, else the organisation name
    after the wire credit that the release names most (the module's docstring)."""
    text = ctx.text
    dateline = first_dateline(text)
    if dateline:
        after = dateline.wire[1] if dateline.wire else _date_end(text, dateline)
        # "CITY - (WIRE) - Month D, YYYY - Acme ...": the date after the credit
        m = _DATE_AFTER_CREDIT.match(text, after)
        if m and dateline.wire:
            after = _date_end(text, Dateline(dateline.start, dateline.end, m.end(), None))
    else:
        wire = wire_credit(text, 0, 5000)
        after = wire.end() if wire else 0
    # the name itself may be hard-wrapped ("Acme Mineral Exploration\nInc. (TSXV: ACM)"): read it
    # in the unwrapped copy, which has the same offsets
    text = prose_text(ctx)
    ticker = EXCHANGE_TICKER.search(text, after, min(len(text), after + 1500))
    if ticker:
        span = _name_before(text, ticker.start(), after)
        if span:
            start, end = span
            return Candidate("company", start, end, collapse(text[start:end]), 0.85, "rules.company.ticker")
    subject_at = after if dateline else _first_paragraph(text)
    if subject_at is not None:
        span = _subject_at(text, subject_at)
        if span:
            span = _body_of_the_company(text, *span)
        if span:
            start, end = _fuller_in_about(text, *span)
            start, end = _fuller_with_ending(text, start, end)
            return Candidate("company", start, end, collapse(text[start:end]), 0.85 if dateline else 0.75,
                             "rules.company.subject")
    best = _most_named(ctx, text, after)
    if best:
        start, end = best
        return Candidate("company", start, end, collapse(text[start:end]), 0.85, "rules.company.release")
    return None


# a body of the company named as the subject ("The Acme Board of Directors today announced")
_BODY = re.compile(r"\s+(?:Board(?:\s+of\s+Directors)?|Board\s+of\s+Trustees|Compensation\s+Committee|"
                   r"Audit\s+Committee|Management(?:\s+Team)?|Management\s+Board|Supervisory\s+Board)\Z")
_LEGAL_AFTER = re.compile(r",?[ ](?:Inc|LLC|Ltd|Limited|Corp|Corporation|L\.?P|plc|PLC|N\.V|S\.A|AG|SE|AB|ASA|Co)\b\.?")
_ENDS_LEGAL = re.compile(_LEGAL_AFTER.pattern + r"\Z")


def _body_of_the_company(text: str, start: int, end: int) -> tuple[int, int] | None:
    m = _BODY.search(text, start, end)
    if not m:
        return start, end
    if text.startswith("The ", start):
        start += 4  # "The Acme Board": the company is "Acme"
    return _trim_name(text, start, m.start())


def _fuller_with_ending(text: str, start: int, end: int) -> tuple[int, int]:
    """The name with the legal ending it has where the release writes it whole ("Acme" and,
    further on, "Acme Corporation’s investor relations"), when it has none here."""
    name = text[start:end]
    if _ENDS_LEGAL.search(name):
        return start, end
    pattern = re.compile(re.escape(name) + _LEGAL_AFTER.pattern)
    m = pattern.search(text, end, min(len(text), end + 60000))
    return (m.start(), m.end()) if m else (start, end)


_MAX_NAMES = 12
_GENERIC_WORDS = frozenset("the a an company corporation group bank fund trust partnership board".split())


def _most_named(ctx: DocContext, text: str, after: int) -> tuple[int, int] | None:
    """Among the first organisation names after the opening, the first, unless the release
    repeats another's first word more than twice as often (the issuer is named throughout; an
    adviser, a bank or a former employer once or twice)."""
    best, best_count, first_count = None, 0, None
    counts: dict[str, int] = {}
    for k, m in enumerate(ORG.finditer(text, after, after + 3000)):
        if k >= _MAX_NAMES:
            break
        start = m.start()
        lead = _LEADING_WORDS.match(m.group())
        if lead:
            start += lead.end()
        words = [w.strip(",").lower() for w in text[start:m.end()].split()]
        words = [w for w in words if w not in _GENERIC_WORDS]
        if not words:
            continue  # "The Company"
        if best and start == best[0] and m.end() > best[1]:
            best = (start, m.end())  # the fuller name read from a later ending ("Acme Bank" < "Acme Bank Group PLC")
            continue
        word = words[0]
        if word not in counts:
            counts[word] = len(re.findall(rf"\b{re.escape(word)}\b", ctx.lower))
        if first_count is None:
            best, best_count, first_count = (start, m.end()), counts[word], counts[word]
        elif counts[word] > max(best_count, 2 * first_count):
            best, best_count = (start, m.end()), counts[word]
    return best


def _date_end(text: str, d: Dateline) -> int:
    """Where the dateline's date ends (after "Month D, YYYY"), or the location's end."""
    if d.date_start < 0:
        return d.end
    m = _DATELINE_DATE.match(text, d.date_start, d.date_start + 40)
    return max(m.end(), d.end) if m else d.end  # (the date may come first: "August 5, 2031 -- NEW YORK --")


# (lower-case legal endings too: "Acme Labs plc (AIM: ACME)")
_NAME_TOKEN = re.compile(r"[A-Z0-9][\w.&'’!-]*[®™℠]?,?|(?:of|and|the|de|du|der|for|&)(?!\w)|[a-z][\w.-]*[A-Z][\w.-]*,?"
                         r"|(?:plc|p\.l\.c\.|a\.s\.|s\.r\.o\.|s\.a\.|s\.p\.a\.|oyj|bhd)(?!\w),?")
_CONNECTORS = frozenset({"of", "and", "the", "de", "du", "der", "for", "&"})
_SUBJECT_STOP = re.compile(r",?\s+(?:a|an|the|today|announced|announces|has|have|is|are|was|reported|reports|"
                           r"completed|closed|entered|signed|said|which|through|together|along)\b|\s*\(|"
                           r",\s(?!(?:Inc|LLC|Ltd|Corp|L\.?P|plc|PLC|N\.V|S\.A|Co|AG|SE)\b)|,(?=[a-z])|\s[-–—]")


# what a name glued to the dateline's end begins after ("...WIRE)--Acme", "...2025--Acme",
# "2000...ACME")
_GLUED_OPENING = re.compile(r".*(?:--|\.\.\.|[—–)/…])")


# a security's identifier in brackets beside the name ("(ISIN: DE000A1B2C3)", "(WKN: A1B2C3)")
_SECURITY_ID = re.compile(r"(?:ISIN|WKN|CUSIP|SEDOL|LEI|CIK)\s*:\s*[A-Z0-9]{5,20}\Z")


def _name_before(text: str, pos: int, floor: int = 0) -> tuple[int, int] | None:
    """The capitalised words just before pos, skipping a defined-term parenthesis ("Acme Inc.
    (“Acme” or the “Company”) (NASDAQ: ACME)") and a Markdown link ("[Acme Inc.](url)")."""
    lo = max(floor, pos - 300)
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    for _ in range(3):
        if end > lo and text[end - 1] == ")":
            open_at = text.rfind("(", lo, end - 1)
            if open_at < 0:
                return None
            inner = text[open_at + 1 : end - 1]
            if text[open_at - 1 : open_at] == "]":  # a Markdown link: keep its text
                close = open_at - 1
                open_bracket = text.rfind("[", lo, close)
                if open_bracket < 0:
                    return None
                return _trim_name(text, open_bracket + 1, close)
            defined_term = "“" in inner or '"' in inner or "”" in inner
            if defined_term or ":" in inner and (EXCHANGE_TICKER.match(text, open_at) or _SECURITY_ID.match(inner)):
                end = open_at
                while end > lo and text[end - 1].isspace():
                    end -= 1
                continue
            return None
        break
    while end > lo and text[end - 1] in ",":
        end -= 1
    # read the words before end, nearest first
    tokens = []
    right = end
    for _ in range(9):
        left = right
        while left > lo and not text[left - 1].isspace():
            left -= 1
        word = text[left:right]
        glued = _GLUED_OPENING.search(word)
        if glued:  # "(BUSINESS WIRE)--Acme Widgets": the name opens after the dashes
            left += glued.end()
            word = text[left:right]
        if not word or not _NAME_TOKEN.fullmatch(word):
            break
        tokens.append((left, right))
        if glued:
            break
        gap_start = left
        while gap_start > lo and text[gap_start - 1] in " \t":
            gap_start -= 1
        if gap_start == left or gap_start <= lo or text[gap_start - 1] == "\n":
            break
        right = gap_start
    if not tokens:
        return None
    start = tokens[-1][0]
    return _trim_name(text, start, end)


def _trim_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    words = text[start:end].split()
    while words and (words[0].lower() in _CONNECTORS and words[0] != "The" or not words[0][:1].isalnum()
                     or words[0].rstrip(",") in ("On", "In", "Today", "As", "By", "Shares", "Company")):
        start = text.index(words[0], start) + len(words[0])
        while start < end and text[start].isspace():
            start += 1
        words = words[1:]
    while end > start and text[end - 1] in " ,*_":
        end -= 1
    if not words or not text[start:end].strip() or not text[start].isalnum():
        return None
    return start, end


_LEAD = re.compile(r"[^\S\n]*\n?[^\S\n]*(?:[-–—]{1,2}|:)?[^\S\n]*(?:\*\*|__)?"
                   # "Boston-based Acme", "Richmond, Va.-based Acme", "London-listed Acme"
                   r"(?:[A-Z][\w.]*(?:,?[ ][A-Z][\w.]*){0,3}-(?:based|listed|headquartered)[ ]+)?")
def _first_paragraph(text: str, limit: int = 3000) -> int | None:
    """Where the body's first paragraph begins in a release with no dateline: the first line
    of a dozen words or more that reads as prose (holds or ends a sentence; a title does not),
    within the head."""
    pos = 0
    end = min(len(text), limit)
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        line = text[pos:line_end]
        prose = line.rstrip().endswith((".", "!", "?", ")", "”", '"')) or ". " in line
        if prose and len(line.split()) >= 12 and not line.lstrip().startswith("#"):
            return pos + len(line) - len(line.lstrip())
        pos = line_end + 1
    return None


_ABOUT = re.compile(r"^[^\S\n]*(?:[*_#]+[^\S\n]*)?(?:About|ABOUT)[^\S\n]+", re.M)


def _fuller_in_about(text: str, start: int, end: int) -> tuple[int, int]:
    """The issuer's fuller name from its "About ..." heading when that begins with the name
    found ("TBC Bank Group" and "About TBC Bank Group PLC"): the legal suffix is kept."""
    name = text[start:end]
    for m in _ABOUT.finditer(text, end, min(len(text), end + 60000)):
        if text.startswith(name, m.end()):
            rest = _LEGAL_AFTER.match(text[m.end() + len(name) : m.end() + len(name) + 16])
            if rest:
                s = m.end()
                return s, s + len(name) + rest.end()
            break
    return start, end


def _subject_at(text: str, pos: int) -> tuple[int, int] | None:
    """ "-- Acme Widgets, a maker of ..." right after a dateline: the capitalised subject."""
    m = _LEAD.match(text, pos)
    start = m.end() if m else pos
    window = text[start : start + 160]
    stop = _SUBJECT_STOP.search(window)
    if not stop:
        return None
    name = window[: stop.start()]
    words = name.split()
    if not 1 <= len(words) <= 8 or not all(_NAME_TOKEN.fullmatch(w) for w in words):
        return None
    if not words[0][:1].isupper() or _TITLE_NEXT.match(window, stop.start()):
        return None  # (a person and a title: "Jane Q. Roe, Chief Executive Officer of Acme, said")
    return _trim_name(text, start, start + len(name.rstrip().rstrip("®™℠")))


_TITLE_NEXT = re.compile(r",\s+(?:the\s+)?(?:Chief|President|Chair(?:man|woman|person)?|CEO|CFO|COO|Founder|Co-Founder|"
                         r"Director|Vice|Executive|Senior|Managing|General\s+Counsel)\b")  # "Apple®": the mark is no part
