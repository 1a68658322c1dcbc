"""The extractor a command asked for, built from the registered plugins."""

from __future__ import annotations

from reviewer.core.extract import Combined, extractor_class, load_schema


def chosen_extractor(*, rules: bool = True, model=None, schema_path=None):
    """The rules, a trained model, or both merged (rules first); loaded through the
    entry-point group. ValueError (one line) for a folder that is not a model, or a model
    that cannot be loaded (spaCy missing, files damaged)."""
    from reviewer.core.learn.model import ModelError

    schema = load_schema(schema_path)
    parts = []
    if rules:
        parts.append(extractor_class("rules")(schema))
    if model is not None:
        try:
            spacy_model = extractor_class("spacy")(model, schema)
            spacy_model.nlp  # loaded once here, so that a broken folder or no spaCy is said at once
        except (ModelError, ImportError) as err:
            raise ValueError(str(err)) from None
        parts.append(spacy_model)
    if not parts:
        raise ValueError("no extractor chosen")
    return parts[0] if len(parts) == 1 else Combined(parts)
