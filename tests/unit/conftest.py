import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_file
from reviewer.core.review import ReviewSession


@pytest.fixture(scope="session")
def extractor():
    """The default extractor, built once (its word lists and patterns are read at first use)."""
    return default_extractor()


@pytest.fixture
def fields(label_texts):
    """``fields(text, label, doc_type="8-K")``: ``label_texts`` read as in an 8-K unless told."""
    return lambda text, label, doc_type="8-K": label_texts(text, label, doc_type)


@pytest.fixture(scope="session")
def label_texts(extractor):
    """``label_texts(text, label, doc_type="press_release")``: the texts of the fields of one label the
    rules find in ``text``, each checked to be ``text[start:end]``."""

    def label_texts(text: str, label: str, doc_type: str = "press_release") -> list[str]:
        found = [f for f in extractor.extract(text, doc_type=doc_type).fields if f.label == label]
        for f in found:
            assert text[f.start:f.end] == f.text
        return [f.text for f in found]

    return label_texts


@pytest.fixture
def session(storage, data_dir):
    """A review session by "ana" on the 2013 press release (the one document of ``storage``)."""
    extractor = default_extractor()
    ingest_file(storage, str(data_dir / "tecogen-press-release-2013.txt"), extractor=extractor)
    return ReviewSession(storage, "ana", extractor.schema)
