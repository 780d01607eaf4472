"""dateline: a news-publishing system on Django and Wagtail."""

__version__ = "0.1.0"
