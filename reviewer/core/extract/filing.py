"""Filing-level fields: company, report date, dateline location, 8-K items, signatory."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.core.extract.base import Candidate, DocContext
from reviewer.core.extract.cover import first_registrant, name_over_caption
from reviewer.core.extract.datelines import Dateline, datelines, first_dateline, wire_credit
from reviewer.core.extract.dates import MONTH
from reviewer.core.extract.form4_text import issuer_name
from reviewer.core.extract.issuer import release_company
from reviewer.core.extract.items import items  # noqa: F401  (the engine reads filing.items)
from reviewer.core.extract.lexicon import TITLE_WORDS
from reviewer.core.extract.names import person_name_ok
from reviewer.core.extract.normalize import collapse
from reviewer.core.extract.people import LO, UP, fuller_name_after
from reviewer.core.extract.people_forms import FIRM_AFTER, signer_at

_EXACT_NAME = re.compile(r"exact\s+name\s+of\s+(?:the\s+)?registrants?\b", re.I)
_DATE_OF_REPORT = re.compile(r"date\s+of\s+(?:the\s+)?report\b|date\s+of\s+earliest\s+event", re.I)
_STATEMENT_FOR = re.compile(
    r"statement\s+for\s+(?:month/(?:day/)?year|month\s+and\s+year)\)?|"
    r"date\s+of\s+event\s+requiring\s+statement(?:\s*\(month/day/year\))?", re.I)
_PERIOD = re.compile(r"for\s+the\s+(?:fiscal\s+year|quarterly\s+period|transition\s+period)\s+ended", re.I)
# "For immediate release: May 5, 2025", "Release date: ...", "Date: ..." at the start of a line
# (never "dated" or "record dates of" in prose)
_RELEASE_CUE = re.compile(
    r"^[^\S\n]*(?:[*_]{1,2})?(?:for[^\S\n]+(?:immediate[^\S\n]+)?release|release[^\S\n]+date|dated?(?=[^\S\n]*:)"
    # (an exchange's or a market's heading with the date: "ASX ANNOUNCEMENT        12 March 2031")
    r"|(?:ASX|TSX|JSE|NZX|SGX|market|media|news|stock[^\S\n]+exchange)[^\S\n]+(?:announcement|release))"
    r"(?:[*_]{1,2})?[^\S\n]*:?(?:[*_]{1,2})?\s*",
    re.I | re.M,
)
# where an 8-K carries a release in its body: an "Exhibit 99" heading, or the line that brings it
# in ("the Registrant issued the following press release:")
_INLINE_RELEASE = re.compile(
    r"^[^\S\n]*(?:[*_#]+[^\S\n]*)?(?:Exhibit|EXHIBIT|EX-)[^\S\n]*99\b"
    r"|^[^\n]{0,200}?\b(?i:the\s+following\s+press\s+release|press\s+release\s+(?:is\s+)?as\s+follows)\b",
    re.M,
)
_INCORPORATED_AS = re.compile(r"\(\s*(?:An?\s+)?$", re.I)
# (or a release signed for its board, the name in quotes: "ON BEHALF OF THE BOARD" / "“Jane Roe”")
_FIRM_ENDINGS = frozenset("llp llc inc ltd pllc p.c pc cpas chartered l.l.p corp".split())
_SIGNED = re.compile(r"/s/\s*|ON\s+BEHALF\s+OF\s+THE\s+BOARD(?:\s+OF\s+DIRECTORS)?[^\S\n]*\n\s*"
                     r"(?:(?:Signed|Per)[^\S\n]*:?[^\S\n]*)?[\"“]", re.I)
# (a generational suffix after a comma is the name's: "/s/ Jane Q. Roe, IV")
_SIGNED_TEXT = re.compile(rf"[{UP}{LO}][{UP}{LO}.'’ -]{{1,60}}(?:,[^\S\n]?(?:Jr\.|Sr\.|III|II|IV)(?![A-Za-z]))?")
_TITLE_LINE = re.compile(r"(?m)^[ \t]*(?:By:\s*)?Title:\s*([^\n\t]+)")
_PERIOD_END_BEFORE = re.compile(r"\b(?:ended|ending|as\s+of|through)\s+$", re.I)
_TODAY = re.compile(r"\btoday,?[^\S\n]*\(?[^\S\n]*$", re.I)
_SIG_DATE = re.compile(rf"(?:Date|Dated)\s*:?\s*(?P<date>(?:{MONTH})\s+\d{{1,2}},?\s+\d{{4}})", re.I)


def company(ctx: DocContext, orgs: list[Candidate]) -> Iterator[Candidate]:
    """The filer (``orgs``: the organisations the organisation rule found, in reading order)."""
    text = ctx.text
    m = re.search(r"^issuerName:\s*(.+)$", text, re.M)
    if m:
        yield Candidate("company", m.start(1), m.end(1), m.group(1).strip(), 0.95, "rules.company.xml")
        return
    issuer = issuer_name(ctx)  # a Form 4 typed as text: box 2 holds the issuer's name
    if issuer:
        yield issuer
        return
    cover = _EXACT_NAME.search(text, 0, 30000)
    if cover:
        span = name_over_caption(text, cover.start())
        if span:
            start, end = span
            yield Candidate("company", start, end, collapse(text[start:end]), 0.95, "rules.company.cover")
            return
    if ctx.doc_type == "press_release":
        found = release_company(ctx)
        if found:
            yield found
            return
    name = ctx.metadata.get("company")
    if name:
        bare = re.sub(r"\s*/[A-Z]{2,}/?\s*$", "", name).strip()
        m = re.search(re.escape(bare).replace(r"\ ", r"\s+"), text, re.I)
        if m:
            # the header's short form within the name written in full: "SOUTHERN CO" in "THE SOUTHERN
            # COMPANY" is the whole name, its last word and its article included
            start, end = m.start(), m.end()
            while end < len(text) and (text[end].isalnum() or text[end] == "." and text[end - 1].isalpha()
                                       and end - m.end() < 12):
                end += 1
            if text[max(0, start - 4):start].lower() == "the ":
                start -= 4
            yield Candidate("company", start, end, collapse(text[start:end]), 0.8, "rules.company.header")
            return
    span = first_registrant(text) if ctx.doc_type != "press_release" else None
    if span:  # a combined 8-K's table of registrants, when no header names the filer
        start, end = span
        yield Candidate("company", start, end, collapse(text[start:end]), 0.9,
                        "rules.company.registrants")
        return
    # the first organisation named, read as the organisation rule reads it (no title before it:
    # "Executive Vice President and Treasurer Acme Financial Group, Inc."); "(A Kentucky
    # Corporation)" names a state, not the filer
    first = None
    for org in orgs:
        if first is not None and org.start >= first.end:
            break
        if not _INCORPORATED_AS.search(text, max(0, org.start - 12), org.start) and (
                first is None or org.end > first.end):
            first = org  # the longest of the readings that overlap ("Acme Group", "Acme Group, Inc.")
    if first is not None:
        yield Candidate("company", first.start, first.end, first.value, 0.4, "rules.company.first")


def report_date(ctx: DocContext, dates: list[Candidate]) -> Iterator[Candidate]:
    text = ctx.text
    full = [d for d in dates if d.value and len(d.value) == 10 and not d.value.startswith("--")]
    m = re.search(r"^periodOfReport:\s*(\S+)", text, re.M)
    if m:
        chosen = next((d for d in full if d.start == m.start(1)), None)
        if chosen:
            yield _as(chosen, "report_date", 0.95, "rules.report_date.xml")
            return
    statement = _STATEMENT_FOR.search(text, 0, 20000) if ctx.doc_type == "4" else None
    if statement:  # a Form 4 typed as text: "4. Statement for Month/Year" over "May 2001"
        after = [d for d in dates if d.value and 0 <= d.start - statement.end() <= 200]
        if after:
            yield _as(after[0], "report_date", 0.9, "rules.report_date.statement")
            return
    label = _DATE_OF_REPORT.search(text, 0, 20000) if ctx.doc_type != "press_release" else None
    if label:
        after = [d for d in full if 0 <= d.start - label.end() <= 160]
        before = [d for d in full if 0 <= label.start() - d.end <= 80]
        chosen = after[0] if after else before[-1] if before else None
        if chosen:
            yield _as(chosen, "report_date", 0.95, "rules.report_date.cover")
            return
    period = _PERIOD.search(text, 0, 20000)
    if period and ctx.doc_type in ("10-K", "10-Q"):
        after = [d for d in full if 0 <= d.start - period.end() <= 60]
        if after:
            yield _as(after[0], "report_date", 0.9, "rules.report_date.period")
            return
    if ctx.doc_type == "press_release":
        for release in _RELEASE_CUE.finditer(text, 0, 3000):
            near = [d for d in full if 0 <= d.start - release.end() <= 5]
            if near:
                yield _as(near[0], "report_date", 0.95, "rules.report_date.release")
                return
        dateline = first_dateline(text)
        wire = None if dateline else wire_credit(text, 0, 5000)
        # neither dateline nor credit: "a conference call today, August 14, 2025" dates the
        # release better than the first date of its text (a quarter's end)
        today = None if dateline or wire else next(
            (d for d in full if _TODAY.search(text, max(0, d.start - 12), d.start)), None)
        if today:
            yield _as(today, "report_date", 0.6, "rules.report_date.today")
            return
        # the dateline's own date, even with no year ("CITY, July 22 /PRNewswire/ --")
        own = next((d for d in dates if dateline and d.value and d.start == dateline.date_start), None)
        if own and (len(own.value) == 10 or not any(dateline.start <= d.start < own.start for d in full)):
            yield _as(own, "report_date", 0.9, "rules.report_date.dateline")
            return
        stamp = _time_stamp(text, dateline, full) if dateline and dateline.date_start < 0 else None
        if stamp:
            yield _as(stamp, "report_date", 0.85, "rules.report_date.stamp")
            return
        anchor = dateline.start if dateline else max(0, wire.start() - 200) if wire else 0
        # never a period's end ("its fiscal first quarter ended December 30, 2023")
        near = [d for d in full if anchor <= d.start <= anchor + 300
                and not _PERIOD_END_BEFORE.search(text, max(0, d.start - 30), d.start)]
        if near:
            yield _as(near[0], "report_date", 0.9, "rules.report_date.dateline")
            return
    early = [d for d in full if d.start < 3000]
    if early and ctx.doc_type != "press_release":  # a release's date is its dateline's, not any date
        yield _as(early[0], "report_date", 0.5, "rules.report_date.first")


def _time_stamp(text: str, dateline: Dateline, full: list[Candidate]) -> Candidate | None:
    """A date on a line of its own just above a dateline that has none, as a wire page stamps its
    release ("October 28, 2031 07:00 AM Eastern Daylight Time" / "ZUG, Switzerland--(BUSINESS WIRE)--
    Acme AG ..."); none where a date follows the wire credit ("CITY--(BUSINESS WIRE)--Jan. 27, 2031--")."""
    credit_end = text.find("\n", dateline.start, dateline.start + 120)
    credit_end = dateline.start + 120 if credit_end < 0 else credit_end
    if any(dateline.start <= d.start < credit_end and not _PERIOD_END_BEFORE.search(text, max(0, d.start - 30), d.start)
           for d in full):
        return None
    stamps = [d for d in full if dateline.start - 240 <= d.start < dateline.start
              and (d.start == 0 or text[d.start - 1] == "\n") and _STAMP_AFTER.match(text, d.end)]
    return stamps[-1] if stamps else None


_STAMP_AFTER = re.compile(r"[^\S\n]*(?:,?[^\S\n]*\d{1,2}:\d\d[^\S\n]*(?:AM|PM|a\.m\.|p\.m\.)?[^\S\n]*[A-Za-z ()]{0,40})?[^\S\n]*(?:\n|$)")


def _as(c: Candidate, label: str, confidence: float, extractor: str) -> Candidate:
    return Candidate(label, c.start, c.end, c.value, confidence, extractor)


def location(ctx: DocContext) -> Iterator[Candidate]:
    """The dateline's place; in an 8-K, the dateline of a release carried inline after an
    "Exhibit 99" heading."""
    text = ctx.text
    if ctx.doc_type == "press_release":
        d = first_dateline(text)
        confidence = 0.85
    elif ctx.doc_type == "8-K":
        d = None
        for n, exhibit in enumerate(_INLINE_RELEASE.finditer(text)):
            d = _dateline_after(text, exhibit.end())
            if d or n >= 4:
                break
        confidence = 0.8
    else:
        return
    if d:
        yield Candidate("location", d.start, d.end, text[d.start : d.end], confidence, "rules.location")


def _dateline_after(text: str, pos: int) -> Dateline | None:
    """The first dateline within a few thousand characters after pos."""
    for d in datelines(text, pos + 6000, start=pos):
        return d
    return None


def signature(ctx: DocContext, dates: list[Candidate]) -> tuple[list[Candidate], str | None]:
    """(signatory and signatory_title candidates, the signature date as ISO or None)."""
    text = ctx.text
    for m in _SIGNED.finditer(text):
        name_span = _signed_name(text, m.end())
        if not name_span:
            continue
        start, end = name_span
        name = text[start:end]
        signer = signer_at(name)  # ("/s/ Jane Roe by John Poe, Attorney-in-Fact": the one who signs for her)
        start, name = start + signer, name[signer:]
        tokens = name.replace(",", "").split()
        if not person_name_ok(tokens, strong_context=True) or FIRM_AFTER.match(text, end) \
                or any(t.rstrip(".,").lower() in _FIRM_ENDINGS for t in tokens[1:]):
            continue  # (nor a firm's signature: an auditor's report)
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        block_end = min(len(text), end + 400)
        # a "Name:" line below is the name as typeset (often in proper case)
        if name.isupper():
            # the name as typeset below ("Name: Thomas B. Heacock" or a line of its own)
            proper = re.compile(r"\s+".join(re.escape(w) for w in name.split()), re.I)
            for nm in proper.finditer(text, end, block_end):
                if not nm.group().isupper():
                    start, end = nm.start(), nm.end()
                    name = text[start:end]
                    line_end = text.find("\n", end)
                    line_end = len(text) if line_end < 0 else line_end
                    break
        fuller = fuller_name_after(text, start, end)  # "/s/ Ann Lee" over "Ann M. Lee" printed below
        if fuller:
            start, end = fuller
            name = text[start:end]
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
        out = [Candidate("signatory", start, end, collapse(name), 0.9, "rules.signatory")]
        title = _title_after(text, name, m.end(), end, line_end, block_end)
        if title:
            t_start, t_end = title
            out.append(Candidate("signatory_title", t_start, t_end, collapse(text[t_start:t_end]), 0.8,
                                 "rules.signatory_title"))
        return out, _signature_date(text, m.start(), dates)
    return [], None


def _signed_name(text: str, pos: int) -> tuple[int, int] | None:
    m = _SIGNED_TEXT.match(text, pos)
    if not m:
        return None
    name = m.group()
    cut = re.search(r"\s{2,}|\s(?:Name|Title|Date|Dated|By)\b", name)
    if cut:
        name = name[: cut.start()]
    words = name.split(" ")
    for i in range(2, len(words)):
        # "William E. Shea William E. Shea Senior Vice President": stop at a repeat or a title
        if words[i:i + 2] == words[:2] or words[i].lower().strip(",") in TITLE_WORDS:
            name = " ".join(words[:i])
            break
    name = name.rstrip(" .-") if not re.search(r"\b[A-Z]\.$|Jr\.$|Sr\.$", name.rstrip()) else name.rstrip()
    return (pos, pos + len(name)) if name else None


def _title_after(text, name, sig_end, name_end, line_end, block_end) -> tuple[int, int] | None:
    t = _TITLE_LINE.search(text, name_end, block_end)
    if t:
        start = t.start(1)
        return _extend_title(text, start, t.end(1))
    # "Name, Title" (or "Name Title") on the /s/ line or on a later line that repeats the name
    for m in re.finditer(re.escape(name) + r",?[ \t]*", text[sig_end - 1 : block_end]):
        start = sig_end - 1 + m.end()
        end = text.find("\n", start)
        end = block_end if end < 0 else end
        if text.startswith(name, start):
            continue  # the name written again after the signature ("/s/ Jane Roe Jane Roe Secretary")
        if _looks_like_title(text[start:end]):
            return _extend_title(text, start, end)
    # title lines under the name
    pos = line_end + 1
    for _ in range(4):
        if pos >= len(text):
            return None
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end].strip()
        if not line or collapse(line).lower() == collapse(name).lower() or re.fullmatch(r"[-_=\s]+", line):
            pos = end + 1
            continue
        if _looks_like_title(line) and not re.match(r"(Date|Dated)\b", line):
            start = pos + text[pos:end].index(line)
            return _extend_title(text, start, start + len(line))
        return None
    return None


# a title cut by a line break after a word no title ends with ("Vice President and Chief")
_UNFINISHED_TITLE = re.compile(
    r"\b(?:Chief|Vice|Senior|Executive|Deputy|Assistant|Associate|Principal|General|Managing|Financial|"
    r"Accounting|Operating|of|the|for)\Z")


def _extend_title(text: str, start: int, end: int) -> tuple[int, int]:
    """Follow a title over line breaks: "Senior Vice President,\\nand Chief Financial Officer"."""
    while True:
        current = text[start:end].rstrip()
        nxt_end = text.find("\n", end + 1)
        nxt_end = len(text) if nxt_end < 0 else nxt_end
        nxt = text[end + 1 : nxt_end]
        if end >= len(text) or not nxt.strip() or "\t" in nxt or ":" in nxt:
            break
        joins = (current.endswith((",", " and", "&")) or re.match(r"\s*(and|&)\b", nxt)
                 or _UNFINISHED_TITLE.search(current))
        if not joins or not _looks_like_title(nxt) or len(text[start:nxt_end]) > 160:
            break
        end = nxt_end
    while end > start and text[end - 1] in " ,\t":
        end -= 1
    return start, end


def _looks_like_title(line: str) -> bool:
    words = re.findall(r"[A-Za-z]+", line.lower())
    return 0 < len(words) <= 16 and any(w in TITLE_WORDS for w in words)


def _signature_date(text: str, sig_pos: int, dates: list[Candidate]) -> str | None:
    window_start = max(0, sig_pos - 300)
    m = None
    for m in _SIG_DATE.finditer(text, window_start, min(len(text), sig_pos + 400)):
        break
    if m:
        d = next((c for c in dates if c.start == m.start("date")), None)
        if d:
            return d.value
    near = [c for c in dates if window_start <= c.start <= sig_pos + 400 and c.value and len(c.value) == 10]
    return near[0].value if near else None
