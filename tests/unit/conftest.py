import pytest

from reviewer.core.extract import default_extractor
from reviewer.core.ingest import ingest_file
from reviewer.core.review import ReviewSession


@pytest.fixture(scope="session")
def extractor():
    """The default extractor, built once (its word lists and patterns are read at first use)."""
    return default_extractor()


@pytest.fixture
def session(storage, data_dir):
    """A review session by "ana" on the 2013 press release (the one document of ``storage``)."""
    extractor = default_extractor()
    ingest_file(storage, str(data_dir / "tecogen-press-release-2013.txt"), extractor=extractor)
    return ReviewSession(storage, "ana", extractor.schema)
