"""Visible text of HTML, XHTML, inline XBRL and XML, with a map back to the source.

Our tokenizer (html_tokens.py), which reads markup as the standard library's tolerant
HTMLParser does, only faster, reads the markup; we keep what a browser
would show: no script, style, head or hidden inline-XBRL header; block elements and
<br> become line breaks; table rows become lines with tab-separated cells; runs of
white space collapse to one space; entities are decoded. Every piece of text keeps
its source offset in an OffsetMap.

Hostile input must not stall a run, so reading is linear in the size of the markup:
an unterminated construct is closed by a sentinel, and the stack of open elements is
never walked (see html_parser.py).

The reader is split by responsibility:

* html_rules.py: what elements and styles do (skipped, blocks, cells, plain-text wrappers);
* html_tokens.py: the tokenizer (tags, text, references, comments, each with its offset);
* html_parser.py: the parser and its state (open elements, repairs, XML labels, entities);
* html_text.py: the text and offset map it builds (separators, white space);
* html_facts.py: the inline XBRL (dei) facts it meets.
"""

from __future__ import annotations

from reviewer.core.model import OffsetMap, SourceDocument
from reviewer.core.sources.errors import SourceError
from reviewer.core.sources.html_facts import collect_facts
from reviewer.core.sources.html_parser import TextBuilder
from reviewer.core.sources.html_rules import holds_plain_text

__all__ = ["holds_plain_text", "html_to_text", "read_markup"]


def html_to_text(source: str, *, xml: bool = False) -> tuple[str, OffsetMap, list[str]]:
    """The visible text of ``source`` with its offset map and any warnings."""
    text, omap, warnings, _ = _read(source, xml)
    return text, omap, warnings


def _read(source: str, xml: bool) -> tuple[str, OffsetMap, list[str], list[dict]]:
    builder = TextBuilder(source, xml)
    try:
        builder.feed()
    except Exception as err:  # the tokenizer is tolerant; this is truly broken markup
        raise SourceError(f"malformed {'XML' if xml else 'HTML'}: {err}") from None
    warnings = builder.warnings
    unclosed = builder.unclosed + len(builder.stack) - 1
    if unclosed > 0:
        warnings.append(f"markup repaired: {unclosed} element(s) left unclosed")
    text = "".join(builder.out)
    if text.endswith(("\n", " ", "\t")):
        text = text.rstrip()
    return text, builder.omap, warnings, collect_facts(builder.facts, builder.length, text)


def read_markup(source: str, encoding: str, *, xml: bool = False) -> SourceDocument:
    text, omap, warnings, facts = _read(source, xml)
    return SourceDocument(
        text=text,
        source=source,
        source_format="xml" if xml else "html",
        offset_map=omap,
        encoding=encoding,
        warnings=warnings,
        metadata={"xbrl_facts": facts} if facts else {},
    )
