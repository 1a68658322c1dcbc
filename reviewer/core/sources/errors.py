"""Why a file could not be read, in one line a user can act on."""


class SourceError(Exception):
    """A file that cannot be ingested; ``str(err)`` is the one-line reason."""
