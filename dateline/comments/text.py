"""Comment text is plain text: paragraphs kept, links clickable, everything else escaped.

:func:`comment_body_html` is the one way a body reaches a page. :func:`html_to_text`
turns imported HTML (WordPress comments) into the same plain text a reader
would have typed, so imported and native comments render by one rule.
"""

from __future__ import annotations

import re
from html import escape, unescape
from html.parser import HTMLParser

from django.utils.safestring import SafeString, mark_safe

# http(s) links and bare www. names; trailing punctuation stays outside the link.
URL_RE = re.compile(r"""(?i)\b((?:https?://|www\.)[^\s<>"']+)""")
TRAILING = ".,;:!?)]}'\""
PARAGRAPH_SPLIT = re.compile(r"\n\s*\n+")


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_trailing(url: str) -> tuple[str, str]:
    tail = ""
    while url and url[-1] in TRAILING:
        # Keep a closing bracket that belongs to the URL (wikipedia-style "(...)" paths).
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        tail = url[-1] + tail
        url = url[:-1]
    return url, tail


def _linkify_line(line: str) -> str:
    out = []
    pos = 0
    for match in URL_RE.finditer(line):
        url, tail = _split_trailing(match.group(1))
        out.append(escape(line[pos : match.start()]))
        if len(url) > len("https://") or url.lower().startswith("www."):
            href = url if url.lower().startswith(("http://", "https://")) else f"https://{url}"
            out.append(f'<a href="{escape(href)}" rel="nofollow ugc">{escape(url)}</a>{escape(tail)}')
        else:
            out.append(escape(url + tail))
        pos = match.end()
    out.append(escape(line[pos:]))
    return "".join(out)


def comment_body_html(body: str) -> SafeString:
    """Paragraphs (blank lines) as <p>, single line breaks as <br>, links with rel="nofollow ugc"."""
    text = normalise_newlines(body or "").strip()
    if not text:
        return mark_safe("")
    paragraphs = []
    for chunk in PARAGRAPH_SPLIT.split(text):
        lines = [_linkify_line(line) for line in chunk.strip().split("\n")]
        paragraphs.append("<p>" + "<br>".join(lines) + "</p>")
    return mark_safe("\n".join(paragraphs))


def count_links(text: str) -> int:
    return len(URL_RE.findall(text or ""))


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "blockquote", "li", "ul", "ol", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr"}
    SKIP = {"script", "style", "template", "noscript", "iframe", "object"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.link_href: list[str | None] = []
        self.link_text_start: list[int] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a":
            self.link_href.append(dict(attrs).get("href"))
            self.link_text_start.append(len(self.parts))

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self.parts.append(alt)

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.link_href:
            href = self.link_href.pop()
            start = self.link_text_start.pop()
            text = "".join(self.parts[start:]).strip()
            if href and href.lower().startswith(("http://", "https://")) and href.rstrip("/") != text.rstrip("/"):
                self.parts.append(f" ({href})" if text else href)

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """Imported HTML to our plain text: blocks and <br> become line breaks, links keep their address."""
    value = normalise_newlines(value or "")
    if "<" not in value:
        return unescape(value).strip()
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()
