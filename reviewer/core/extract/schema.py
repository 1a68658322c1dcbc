"""The field schema: labels, their colours, value types and where they apply.

Loaded from TOML (resources/schemas/sec.toml by default). Errors name the file
and line, so a user editing their own schema can fix it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from reviewer.core.model import DOC_TYPES
from reviewer.core.paths import resources_dir

VALUE_TYPES = ("text", "money", "date", "integer", "decimal", "item", "phone", "email", "url", "ticker", "name",
               "defined_name")
GROUPS = ("filing", "entity", "deal")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class SchemaError(Exception):
    """An invalid schema; the message names the file and the line."""


@dataclass(frozen=True)
class Label:
    name: str
    display: str
    colour: str
    type: str
    many: bool
    key: int
    applies_to: tuple[str, ...]
    group: str

    def applies(self, doc_type: str) -> bool:
        return "*" in self.applies_to or doc_type in self.applies_to


@dataclass(frozen=True)
class Schema:
    name: str
    labels: tuple[Label, ...]
    path: str | None = None

    def __post_init__(self):
        object.__setattr__(self, "_by_name", {label.name: label for label in self.labels})

    def __getitem__(self, name: str) -> Label:
        return self._by_name[name]

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    @property
    def names(self) -> list[str]:
        return [label.name for label in self.labels]

    def by_key(self, key: int) -> Label | None:
        return next((label for label in self.labels if label.key == key), None)

    def order(self, name: str) -> int:
        return self.names.index(name) if name in self._by_name else len(self.labels)


def default_schema_path() -> Path:
    return resources_dir() / "schemas" / "sec.toml"


def load_schema(path: str | Path | None = None) -> Schema:
    path = Path(path) if path else default_schema_path()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise SchemaError(f"{path}: cannot read the schema: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise SchemaError(f"{path}: the schema is not UTF-8 text") from None
    return parse_schema(text, str(path))


def parse_schema(text: str, where: str = "<schema>") -> Schema:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise SchemaError(f"{where}: {err}") from None
    labels_table = data.get("labels")
    if not isinstance(labels_table, dict) or not labels_table:
        raise SchemaError(f"{where}: line 1: the schema has no [labels.NAME] tables")
    labels = []
    keys_seen: dict[int, str] = {}
    for name, spec in labels_table.items():
        def fail(message, name=name, key=None):
            raise SchemaError(f"{where}: line {_line_of(text, name, key)}: label {name!r}: {message}")

        if not _NAME.match(name):
            fail("names are lower case letters, digits and _")
        if not isinstance(spec, dict):
            fail("must be a table")
        unknown = set(spec) - {"display", "colour", "color", "type", "many", "key", "applies_to", "group"}
        if unknown:
            fail(f"unknown setting(s): {', '.join(sorted(unknown))}")
        colour = spec.get("colour", spec.get("color", "#888888"))
        if not isinstance(colour, str) or not _COLOUR.match(colour):
            fail(f"colour {colour!r} is not of the form #rrggbb", key="colour" if "colour" in spec else "color")
        value_type = spec.get("type", "text")
        if value_type not in VALUE_TYPES:
            fail(f"type {value_type!r} is not one of {', '.join(VALUE_TYPES)}", key="type")
        key = spec.get("key", 0)
        if not isinstance(key, int) or isinstance(key, bool) or not 0 <= key <= 9:
            fail("key must be a digit from 1 to 9 (or 0 for none)", key="key")
        if key and key in keys_seen:
            fail(f"key {key} is already used by {keys_seen[key]!r}", key="key")
        if key:
            keys_seen[key] = name
        applies = spec.get("applies_to", ["*"])
        if not isinstance(applies, list) or not all(isinstance(a, str) for a in applies):
            fail("applies_to must be a list of document types", key="applies_to")
        bad = [a for a in applies if a != "*" and a not in DOC_TYPES]
        if bad:
            fail(f"unknown document type(s) {bad}; known: {', '.join(DOC_TYPES)}", key="applies_to")
        many = spec.get("many", True)
        if not isinstance(many, bool):
            fail("many must be true or false", key="many")
        group = spec.get("group", "entity")
        if group not in GROUPS:
            fail(f"group must be one of {', '.join(GROUPS)}", key="group")
        display = spec.get("display", name.replace("_", " ").capitalize())
        if not isinstance(display, str) or not display.strip():
            fail("display must be a non-empty string", key="display")
        labels.append(Label(name, display, colour.lower(), value_type, many, key, tuple(applies), group))
    return Schema(str(data.get("name", "schema")), tuple(labels), where)


def _line_of(text: str, label: str, key: str | None = None) -> int:
    """The line of ``[labels.LABEL]`` (or of ``key = ...`` inside it)."""
    m = re.search(rf"^[ \t]*\[[ \t]*labels\.\"?{re.escape(label)}\"?[ \t]*\]", text, re.M)
    if not m:
        return 1
    pos = m.start()
    if key:
        nxt = re.search(r"^[ \t]*\[", text[m.end():], re.M)
        stop = m.end() + nxt.start() if nxt else len(text)
        k = re.compile(rf"^[ \t]*{re.escape(key)}[ \t]*=", re.M).search(text, m.end(), stop)
        if k:
            pos = k.start()
    return text.count("\n", 0, pos) + 1
