"""Emails, phone numbers, URLs and ticker symbols."""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers

from reviewer.core.extract.base import Candidate, DocContext, finditer_near
from reviewer.core.extract.lexicon import LABEL_WORDS
from reviewer.core.extract.normalize import phone_value
from reviewer.core.extract.phones_abroad import national_phones
from reviewer.core.extract.wrapped import flat_text

# "www." may follow a capital it was glued to in a contact block ("CEOwww.acme.com")
URL = re.compile(r"(?=[hHwW])(?:(?<![\w])https?://|(?<!(?-i:[a-z0-9_.@-]))www\.)[^\s<>\"'“”)\]]+", re.I)
EXCHANGES = (
    r"NYSE\s+American|NYSE\s+Arca|NYSE\s+MKT|NYSE\s+Amex|NYSE\s+Alternext|NYSE|(?:NASDAQ|Nasdaq)/NMS|(?:NASDAQ|Nasdaq)/NM|"
    r"(?:NASDAQ|Nasdaq)\s+(?:Global\s+Select|Global|Capital|Stockholm|Helsinki|Copenhagen|Iceland|Riga|Tallinn|Vilnius)"
    r"(?:\s+Market)?|NASDAQ|Nasdaq(?:GS|GM|CM)?|TSX\s+(?:Venture|VENTURE)|"
    r"OTCQX|OTCQB|OTCPK|OTC\s+(?:PINK|Pink)|OTC\s+Markets|OTC\s?BB|OTC\s+Bulletin\s+Board|OTC|TSX-?V|TSX|AMEX|CSE|LSE|ASX|Cboe\s+BZX|"
    r"TASE|NEO|AIM|Euronext(?:\s+[A-Z][a-z]+)?|XETRA|FWB|FSE|FRA|HKEX|SEHK|SGX|JSE|A2X|NZX|TSE|TYO|KRX|KOSDAQ|TWSE|"
    r"B3|BMV|NSE|BSE|SWX|SIX|OSE|OSL|STO|CPH|HEL|WSE|GPW|BME|ATHEX|IDX|Oslo\s+B[øo]rs|Börse\s+Frankfurt|"
    # an exchange written in full ("Frankfurt Stock Exchange: LMT", "Tokyo Stock Exchange: 4591")
    r"(?:[A-Z][a-z]+\s+){1,2}Stock\s+Exchange"
)
# where a symbol is a number ("TSE: 4591", "HKEX: 0700")
_NUMBERED = re.compile(r"TSE|TYO|HKEX|SEHK|KRX|KOSDAQ|TWSE|BSE|(?:Tokyo|Hong\s+Kong|Korea|Taiwan|Shanghai|Shenzhen)\s+Stock\s+Exchange")
# a symbol may hold digits ("FSE: 4QS", "FRA: M0YN"), never only digits
# (a share class after a blank, before the bracket or comma closing it: "Nasdaq Stockholm: ACME B")
TICKER = re.compile(
    rf"(?=[A-Z])\b(?P<ex>{EXCHANGES})\s*:\s*(?P<sym>(?=[0-9]*[A-Z])[A-Z0-9]{{1,5}}(?:\.[A-Z]|[ ]?Pr[A-Z])?(?:[ ][A-D](?=[),;]))?"
    rf"|\d{{4,6}}|(?<=NSE: )[A-Z][A-Z0-9&-]{{5,9}}|(?<=NSE:)[A-Z][A-Z0-9&-]{{5,9}})\b")  # (a number only where
    # _NUMBERED says so; India's NSE writes its symbols long: "NSE: VAIDEHI")
# (a preferred series after a blank: "ACME PrA")
_SYMBOL = re.compile(r"^[A-Z]{1,5}(?:[.-]?[A-Z0-9]{1,4}|[ ]?(?:Pr|PR)[A-Z]?|[ ](?:WS|WT|RT|U|W|R))?$")  # ("ACME WS")
# (or its two words one above the other, as a cover typed as text sets a column's heading)
_SYMBOL_HEADER = re.compile(r"trading\s+symbol|Trading[^\n]{0,80}\n[^\n]{0,80}Symbol\(s\)", re.I)
_NOT_SYMBOL = frozenset({"N/A", "NA", "NONE", "LLC", "INC", "THE"})

_EMAIL_LOCAL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]{1,64}$")
# the domain ends at its top-level label, all lower case or all upper case: a word
# glued after it ("name@firm.comTelephone") is not part of it
_EMAIL_DOMAIN = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[a-z]{2,24}|[A-Z]{2,24})(?![a-z])"
)
# In a contact block run together, what is glued before the local part is not part of it:
# a phone number or postcode, a legal suffix with its dot, a label or title word
_GLUED_SUFFIX = re.compile(r"^.*?(?:Inc|Corp|Ltd|Co|LLC|PLC|Plc|plc|Limited|Company|AG|SA|GmbH|LP|LLP)\.(?=[A-Za-z])")
_CAP_WORD = re.compile(r"[A-Z][a-z]*")
_WORD_BEFORE = re.compile(r"([A-Z][a-z]+)[ ]$")

# Letters may touch a phone number in a contact block run together ("Officer+1 212 555 0100name@").
PHONE = re.compile(
    r"(?=[\d(+])(?:(?<![\d_+-])|(?<=\d)(?=\())(?:\+?1[\s.-]{0,2}(?=\()|\+?1[\s.-])?"
    r"(?:\(\s{0,3}\d{3}\s{0,3}\)[\s.-]{0,3}|\d{3}[\s./-])\d{3}[\s.-]\d{4}"
    r"(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\d-])"
)
# where a PHONE's last two blocks ("555-0100") may begin: every offset, overlapping ones too
_LAST_BLOCKS = re.compile(r"\d(?=\d\d[\s.-]\d{4})")  # ("620/555-0134": the "555-0134" after the slash too)
# International numbers: a country code written with "+" ("+44 20 7946 0958", "(+65) 6123 4567",
# "+49 (0)30 1234567"), then groups of digits; the longest run of groups that is a possible
# number is taken.
# (groups apart by spaces, no-break spaces, dots or hyphens; or none: "+40739846850")
_INTL_CC = re.compile(r"(?<![\d+])(?:\+[ \u00a0]?\d{1,3}|\(\+\d{1,3}\)|\+\(\d{1,3}\))")
_INTL_GROUP = re.compile(r"[ .\u00a0-]?\((?:0|\d{1,4})\)[ .\u00a0-]?\d{1,8}|[ .\u00a0-]{1,2}\d{1,8}")
_INTL_RUN = re.compile(r"\+\d{8,15}(?!\d)")
_INTL_MAX_GROUPS = 7
_NOT_PHONE_BEFORE = re.compile(
    r"(?:file|commission|cusip|i\.r\.s\.|identification)\s*(?:no\.?|number)?[\s:]*$"
)


def emails(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    at = text.find("@")
    while at >= 0:
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at + 1)
        if local and domain:
            local_start = _after_glued_site(text, local.start(), at, domain.group())
            start = local_start + _glued_prefix(text, local_start, at)
            if start < at:
                email = text[start : domain.end()]
                yield Candidate("email", start, domain.end(), email.lower(), 0.99, "rules.email")
        at = text.find("@", at + 1)


# a web address glued before the local part ("www.acme.comjdoe@acme.com"): it ends at its
# top-level label (the shortest reading)
_GLUED_SITE = re.compile(r"(?i).*?www\.[a-z0-9-]+(?:\.[a-z0-9-]+)*?\.(?:com|net|org|info|biz|io|co|ca|us|uk|de|fr|ch|au)"
                         r"(?=[a-z0-9])")


def _after_glued_site(text: str, start: int, at: int, domain: str) -> int:
    """Where the local part text[start:at] begins after a web address glued before it: the
    address's own domain ("acme.comjdoe@acme.com"), or any "www." site."""
    local = text[start:at].lower()
    k = local.rfind(domain.lower())
    if k >= 0 and k + len(domain) < len(local):
        return start + k + len(domain)
    m = _GLUED_SITE.match(local)
    return start + m.end() if m else start


def _glued_prefix(text: str, start: int, at: int) -> int:
    """How many characters at the start of the local part text[start:at] belong to what was
    glued before the address (a phone, a postcode, "Inc.", a title, the person's surname)."""
    local = text[start:at]
    cut = 0
    for i in range(len(local) - 1, 0, -1):
        # digits of a phone number or postcode run into the address ("555-0100jdoe@")
        if local[i].isalpha() and local[i - 1].isdigit() and sum(c.isdigit() for c in local[:i]) >= 5:
            cut = i
            break
    lead = 0
    while lead < len(local) and local[lead].isdigit():
        lead += 1
    if 0 < lead < len(local) and local[lead].isalpha() and start >= 2 and text[start - 1] in " -.)" \
            and text[start - 2].isdigit():
        cut = max(cut, lead)  # the last group of a phone number ("555 0100jdoe@")
    m = _GLUED_SUFFIX.match(local)
    if m and m.end() < len(local):
        cut = max(cut, m.end())
    rest = local[cut:]
    # label or title words glued before ("Officedavid", "OfficerIR"), unless the whole address
    # is made of such words ("MediaRelations")
    words = _label_words(rest)
    if words and words[-1] < len(rest) and rest[words[-1]].isalpha():
        cut += words[-1]
    rest = local[cut:]
    # the person's surname glued to an address made from the name ("Jane Doejdoe@", "Doejane@")
    if rest[:1].isupper() and cut == 0:
        before = _WORD_BEFORE.search(text, max(0, start - 30), start)
        if before:
            first = before.group(1).lower()
            low = rest.lower()
            word_end = 1
            while word_end < len(rest) and rest[word_end].isalpha() and rest[word_end].islower():
                word_end += 1
            for p in range(min(word_end, 30), 2, -1):
                surname, tail = low[:p], low[p:]
                if tail and (surname in tail or (len(first) > 1 and tail.startswith(first))
                             or tail.startswith(first[0] + surname)):
                    cut += p
                    break
    return cut


def _label_words(local: str) -> list[int]:
    """Ends of the label or title words that open ``local``, in order (a word may run into
    a lower-case address: "Officedavid" opens with "Office")."""
    ends, pos = [], 0
    while pos < len(local):
        w = _CAP_WORD.match(local, pos)
        if not w:
            break
        word = w.group()
        k = next((k for k in range(len(word), 1, -1) if word[:k].lower() in LABEL_WORDS), 0)
        if not k:
            break
        pos += k
        ends.append(pos)
        if k < len(word):
            break
    return ends


def phones(ctx: DocContext) -> Iterator[Candidate]:
    text = flat_text(ctx)  # "Telephone: +971\n2307 4013" in hard-wrapped text: same offsets
    # PHONE.finditer(text), tried only up to 18 characters (a "+1" and an area code) before each
    # "555-0100" block a number ends with
    found = []
    for m in finditer_near(PHONE, text, [b.start() for b in _LAST_BLOCKS.finditer(text)], 18):
        if _NOT_PHONE_BEFORE.search(text[max(0, m.start() - 30) : m.start()].lower()):
            continue
        found.append(Candidate("phone", m.start(), m.end(), phone_value(m.group()), 0.95, "rules.phone"))
    found.extend(_international_phones(ctx))
    yield from found
    yield from national_phones(ctx, found)  # ("Israel: 03-918-0692" in a dial-in list)


def _international_phones(ctx: DocContext) -> Iterator[Candidate]:
    text = flat_text(ctx)
    seen = -1
    for plus in ctx.find_all("+"):
        begin = plus - 1 if plus and text[plus - 1] == "(" else plus
        if begin < seen:
            continue
        cc = _INTL_CC.match(text, begin)
        if not cc:
            continue
        run = _INTL_RUN.match(text, begin)
        ends, pos = [run.end()] if run else [], cc.end()
        for _ in range(0 if run else _INTL_MAX_GROUPS):
            g = _INTL_GROUP.match(text, pos)
            if not g:
                break
            pos = g.end()
            ends.append(pos)
        for end in reversed(ends):
            nxt = text[end : end + 2]
            if nxt[:1].isdigit() or nxt[:1] == "%" or (nxt[:1] in ".," and nxt[1:2].isdigit()):
                continue
            value = _possible_number(text[cc.start() : end])
            if value:
                seen = end
                yield Candidate("phone", cc.start(), end, value, 0.9, "rules.phone.intl")
                break


def _possible_number(raw: str) -> str | None:
    digits = sum(c.isdigit() for c in raw)
    if digits < 8 or digits > 15:
        return None
    try:
        number = phonenumbers.parse(raw.replace("(0)", ""), None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def urls(ctx: DocContext) -> Iterator[Candidate]:
    seen = -1
    for anchor in ctx.find_all("http", "www.", lower=True):
        if anchor < seen:
            continue
        m = URL.match(ctx.text, anchor)
        if not m:
            continue
        seen = m.end()
        end = m.end()
        while end > m.start() and ctx.text[end - 1] in ".,;:!?":
            end -= 1
        url = ctx.text[m.start() : end]
        at = url.find("@")
        if at > 0 and "/" not in url[:at].removeprefix("http://").removeprefix("https://"):
            # an address glued after the site ("www.acme.comjdoe@acme.com"): the site ends first
            site = _GLUED_SITE.match(url)
            if not site:
                continue
            end = m.start() + site.end()
            url = url[: site.end()]
        value = url if url.lower().startswith("http") else "http://" + url
        yield Candidate("url", m.start(), end, value, 0.95, "rules.url")


def tickers(ctx: DocContext) -> Iterator[Candidate]:
    text = ctx.text
    for colon in ctx.find_all(":"):
        # the exchange name that ends right before this colon (a window may hold another
        # ticker first: "(TSXV: ABC) (OTCQB: ABCDF)")
        m = next((m for m in TICKER.finditer(text, max(0, colon - 40), colon + 14)
                  if m.end("ex") <= colon and not text[m.end("ex"):colon].strip()), None)
        if m is None or (m.group("sym").isdigit() and not _NUMBERED.fullmatch(m.group("ex"))):
            continue  # (a symbol is a number only on the markets that number their listings)
        yield Candidate("ticker", m.start(), m.end(), f"{_exchange(m.group('ex'))}:{m.group('sym')}",
                        0.95, "rules.ticker")
    yield from _cover_table_symbols(ctx)
    yield from _symbols_in_prose(ctx)
    for m in re.finditer(r"^(?:issuerTradingSymbol|tradingSymbol):\s*(\S+)", text, re.M):
        yield Candidate("ticker", m.start(1), m.end(1), m.group(1), 0.95, "rules.ticker.xml")


# "… trade on the TSX Venture Exchange under the symbol “ABC”", "under the ticker symbol
# 'ABCD'", "under the trading symbols ABC and ABC.WS": the symbol as written, quotes off
_UNDER_SYMBOL = re.compile(
    r"(?i:under\s+(?:the\s+|its\s+|a\s+)?(?:new\s+)?(?:(?:ticker|trading|stock)\s+)?(?:symbols?|ticker))\s+"
    r"(?:of\s+)?[\"“”'‘’]?(?P<sym>[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,3})?(?:[ ](?:WS|WT|RT)(?=,?[\"”’']))?)(?![A-Za-z0-9])"
    # (three in a list, the comma inside the quotes too: "the symbols “ACMU,” “ACM” and “ACMW”")
    r"(?:(?:,[\"”’']?|[\"”’'],)\s+[\"“'‘]?(?P<sym3>[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,3})?(?:[ ](?:WS|WT|RT)(?=,?[\"”’']))?)(?![A-Za-z0-9]))?"
    r"(?:,?[\"”’']?,?\s+(?:and|&)\s+[\"“'‘]?(?P<sym2>[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,3})?(?:[ ](?:WS|WT|RT)(?=,?[\"”’']))?)(?![A-Za-z0-9]))?")


# "(ISIN: FR0000000000, ticker: ACME)", "Ticker symbol: ACME"
_LABELLED_SYMBOL = re.compile(
    r"(?i:ticker(?:\s+symbol)?|trading\s+symbol|stock\s+symbol)\s*:\s*[\"“]?(?P<sym>[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,3})?)"
    r"(?![A-Za-z0-9])")


def _symbols_in_prose(ctx: DocContext) -> Iterator[Candidate]:
    for m in ctx.matches_at(_LABELLED_SYMBOL, sorted(ctx.find_all("ticker", "symbol", lower=True)), 20, 40):
        if m.group("sym").upper() not in _NOT_SYMBOL:
            yield Candidate("ticker", m.start("sym"), m.end("sym"), m.group("sym"), 0.85, "rules.ticker.prose")
    for m in ctx.matches_at(_UNDER_SYMBOL, ctx.find_all("under the", "under new", "under its", "under a",
                                                        lower=True), 0, 60):
        for group in ("sym", "sym3", "sym2"):  # ("under the ticker symbols “ABC” and “ABCW”")
            sym = m.group(group)
            if sym and sym.upper() not in _NOT_SYMBOL:
                yield Candidate("ticker", m.start(group), m.end(group), sym, 0.85, "rules.ticker.prose")


def _exchange(name: str) -> str:
    return re.sub(r"\s+", " ", name).upper()


_CELL = re.compile(r"[^\t| ]+(?: [^\t| ]+)*")


def _cover_table_symbols(ctx: DocContext) -> Iterator[Candidate]:
    """The 'Trading Symbol(s)' column of the cover page's Section 12(b) table."""
    text = ctx.text
    for header in _SYMBOL_HEADER.finditer(text[:20000]):
        s, e = ctx.line_span(header.start())
        pos = e + 1
        rows = 0
        for k in range(16):
            if pos >= len(text):
                break
            ls, le = ctx.line_span(pos)
            line = text[ls:le]
            if not line.strip():
                if pos > e + 1:
                    break
                pos = le + 1
                continue
            if "\t" not in line and "|" not in line and "  " not in line.strip():
                nxt = text[slice(*ctx.line_span(le + 1))] if le + 1 < len(text) else ""
                if (rows or k >= 2) and not (rows and ("  " in nxt.strip() or "\t" in nxt)):
                    break  # (a row's cell wrapped onto a line of its own goes on: "and one right")
                pos = le + 1  # the header's own second line ("on which registered")
                continue
            rows += 1
            # cells end at tabs, bars or runs of blanks (a cover typed as text)
            for i, cell in enumerate(_CELL.finditer(line)):
                sym = cell.group()
                if i and _SYMBOL.match(sym) and sym.upper() not in _NOT_SYMBOL:
                    start = ls + cell.start()
                    yield Candidate("ticker", start, start + len(sym), sym, 0.9, "rules.ticker.cover")
            pos = le + 1
        break
