"""Extraction: typed fields with exact source spans, normalized values and checks."""

from __future__ import annotations

from reviewer.core.extract.engine import Extraction, Extractor
from reviewer.core.extract.schema import Schema, SchemaError, load_schema

__all__ = ["Extraction", "Extractor", "Schema", "SchemaError", "default_extractor", "load_schema"]


def default_extractor(schema_path=None) -> Extractor:
    return Extractor(load_schema(schema_path))
