"""Extraction: typed fields with exact source spans, normalized values and checks.

Extractors are plugins, registered under the entry-point group
``filing_reviewer.extractors`` (pyproject.toml): the built-in rules, a spaCy pipeline
trained by ``reviewer train`` and predictions imported from a file. A package of your
own adds one with an entry point naming a class whose instances follow
``ExtractorPlugin`` (name, version, extract). ``Combined`` runs several on a document.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import entry_points

from reviewer.core.extract.engine import Combined, Extraction, Extractor, ExtractorPlugin, merge_fields
from reviewer.core.extract.schema import Schema, SchemaError, load_schema

__all__ = [
    "BUILTIN_EXTRACTORS", "Combined", "EXTRACTOR_GROUP", "Extraction", "Extractor", "ExtractorPlugin", "Schema",
    "SchemaError", "default_extractor", "extractor_class", "extractor_names", "load_schema", "merge_fields",
]

EXTRACTOR_GROUP = "filing_reviewer.extractors"
# The project's own, as pyproject.toml registers them; used as they are when the installed
# metadata predates them (a checkout run without reinstalling).
BUILTIN_EXTRACTORS = {
    "rules": "reviewer.core.extract.engine:Extractor",
    "spacy": "reviewer.core.learn.model:SpacyExtractor",
    "predictions": "reviewer.core.learn.predictions:PredictionsExtractor",
}


def _registered() -> dict[str, str]:
    found = dict(BUILTIN_EXTRACTORS)
    for ep in entry_points(group=EXTRACTOR_GROUP):
        found[ep.name] = ep.value
    return found


def extractor_names() -> list[str]:
    """Every extractor registered, the built-in ones first."""
    return list(_registered())


def extractor_class(name: str) -> type:
    """The class registered as ``name``; ValueError with the names known when there is none
    or it cannot be imported."""
    target = _registered().get(name)
    if target is None:
        raise ValueError(f"no extractor {name!r} (known: {', '.join(extractor_names())})")
    module_name, _, attr = target.partition(":")
    try:
        obj = import_module(module_name)
        for part in attr.split("."):
            obj = getattr(obj, part)
    except (ImportError, AttributeError) as err:
        raise ValueError(f"extractor {name!r} ({target}) cannot be loaded: {err}") from None
    return obj


def default_extractor(schema_path=None) -> Extractor:
    return Extractor(load_schema(schema_path))
