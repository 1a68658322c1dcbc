"""Filing Reviewer: review fields extracted from SEC filings, keyboard first."""

__version__ = "0.1.0"
