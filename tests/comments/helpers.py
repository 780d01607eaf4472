"""Helpers for the comments tests."""

from html.parser import HTMLParser


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def tags_in(html: str) -> list[tuple[str, dict]]:
    """Every element the HTML really contains, with its attributes (escaped text is not an element)."""
    parser = _Tags()
    parser.feed(str(html))
    parser.close()
    return parser.found
