"""WordPress post content (classic HTML or Gutenberg blocks) → an article's body blocks.

:func:`body_blocks` returns a list of :class:`Block` in the shape of
``dateline.articles.blocks.ArticleBodyBlock``'s raw stream data: ``paragraph``
(rich text limited to bold, italic, links and lists), ``subheading``,
``blockquote``, ``pull_quote``, ``embed`` and ``image``. Image blocks carry what
WordPress knew (attachment ID, file URL, caption, alt); the importer turns them
into ``NewsImage`` references, or into a caption paragraph when the image is
not available, so no text is lost.

Classic content is first given ``wpautop``'s paragraphs (blank lines between
paragraphs, single line breaks as ``<br>``), as WordPress does when it shows a
post. Gutenberg content is read through its HTML, with the block comments
taken out; text outside any block is classic and gets paragraphs too.
WordPress's media shortcodes ([gallery], [audio], [video], [playlist]) are
dropped; any other text in brackets stays as written. Markup
dateline does not keep (spans, classes, tables, scripts…) is dropped while its
text is kept, except ``<script>`` and ``<style>``, whose content is code.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from lxml import etree
from lxml import html as lxml_html

SUBHEADING_MAX = 120
PULL_QUOTE_MAX = 300
ATTRIBUTION_MAX = 120
SOURCE_MAX = 200
CAPTION_MAX = 400
ALT_MAX = 300

BLOCK_DELIMITER = re.compile(r"<!--\s+(/)?wp:([a-z][a-z0-9_-]*/)?([a-z][a-z0-9_-]*)\s+(\{.*?\}\s+)?(/)?-->", re.S)
_SHORTCODE_CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
_SHORTCODE_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.S | re.I)
# WordPress's own shortcodes that stand for media, not text; any other [bracket] is kept as written ("[sic]").
_SHORTCODE_MEDIA = re.compile(r"\[/?(?:gallery|audio|video|playlist|wp_caption|caption|embed)(?:\s[^\[\]]*)?/?\]", re.I)
_BARE_URL_LINE = re.compile(r"^\s*(https?://[^\s<>\"]+)\s*$", re.M)
_ATTACHMENT_ID = re.compile(r"(?:attachment_|wp-image-)(\d+)")
_WS = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")
_EDGE_BREAKS = re.compile(r"^(?:<br/>\s*)+|(?:\s*<br/>)+$")
_BLOCK_TAGS = (
    "address|article|aside|blockquote|dd|div|dl|dt|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|"
    "nav|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul|iframe|embed|object|video|audio"
)
_STARTS_WITH_BLOCK = re.compile(rf"^\s*<(?:{_BLOCK_TAGS})[\s/>]", re.I)
_DROP = {"script", "style", "noscript", "template"}
_INLINE_KEEP = {"b": "b", "strong": "b", "i": "i", "em": "i"}
_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#")


@dataclass(slots=True)
class Block:
    type: str
    value: Any

    def raw(self) -> dict:
        return {"type": self.type, "value": self.value}


@dataclass(slots=True)
class ImageRef:
    """An image the content shows: resolved to a NewsImage by the importer."""

    wp_id: int | None = None
    src: str = ""
    caption: str = ""
    alt: str = ""
    extra: dict = field(default_factory=dict)


def is_gutenberg(content: str) -> bool:
    return "<!-- wp:" in content


# -- wpautop -----------------------------------------------------------------------------


def wpautop(text: str) -> str:
    """Paragraphs for classic content: blank lines part paragraphs, single newlines become <br>.

    Chunks that already start with a block element (a heading, a list, a
    table…) are left as they are, as WordPress's own wpautop does.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    chunks = re.split(r"\n\s*\n", text)
    out = []
    for chunk in chunks:
        if not chunk.strip():
            continue
        if _STARTS_WITH_BLOCK.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + chunk.strip().replace("\n", "<br />\n") + "</p>")
    return "\n".join(out)


def _shortcodes(text: str) -> str:
    """Turn [caption] and [embed] into the HTML they stand for; drop other shortcode tags, keep their text."""

    def caption(match):
        attrs, inner = match.group(1), match.group(2)
        wp_id = _ATTACHMENT_ID.search(attrs)
        img = re.search(r"<img[^>]*>", inner, re.S)
        img_html = img.group(0) if img else ""
        rest = inner.replace(img_html, "", 1) if img else inner
        rest = re.sub(r"</?a[^>]*>", "", rest)
        caption_attr = re.search(r'caption="([^"]*)"', attrs)
        text = rest.strip() or (caption_attr.group(1) if caption_attr else "")
        data = f' data-wp-id="{wp_id.group(1)}"' if wp_id else ""
        return f"<figure{data}>{img_html}<figcaption>{text}</figcaption></figure>"

    text = _SHORTCODE_CAPTION.sub(caption, text)
    text = _SHORTCODE_EMBED.sub(lambda m: f'<figure class="wp-block-embed"><div>{m.group(1).strip()}</div></figure>', text)
    return _SHORTCODE_MEDIA.sub("", text)


def _classic(text: str) -> str:
    text = _shortcodes(text)
    # A URL alone on its line is an embed in WordPress (oEmbed).
    text = _BARE_URL_LINE.sub(lambda m: f'\n\n<figure class="wp-block-embed"><div>{m.group(1)}</div></figure>\n\n', text)
    return wpautop(text)


def _gutenberg_to_html(content: str) -> str:
    """The HTML of a block document, without the block comments; classic text between blocks gets paragraphs."""
    out: list[str] = []
    depth = 0
    pos = 0
    for match in BLOCK_DELIMITER.finditer(content):
        between = content[pos : match.start()]
        out.append(_classic(between) if depth == 0 and between.strip() else between)
        pos = match.end()
        closing, self_closing = match.group(1), match.group(5)
        name = (match.group(2) or "") + match.group(3)
        if self_closing:
            continue
        if closing:
            depth = max(0, depth - 1)
            out.append("\n")
            continue
        depth += 1
        if name == "embed" or name.startswith("core-embed/"):
            # The URL is in the attributes even when the saved HTML is empty.
            attrs = match.group(4) or ""
            url = re.search(r'"url"\s*:\s*"([^"]+)"', attrs)
            if url:
                out.append(f'<figure class="wp-block-embed" data-url="{html.escape(url.group(1).replace(chr(92) + "/", "/"))}">')
                out.append("</figure>")
    tail = content[pos:]
    out.append(_classic(tail) if depth == 0 and tail.strip() else tail)
    return "".join(out)


# -- HTML → blocks -------------------------------------------------------------------------


def body_blocks(content: str) -> list[Block]:
    """The body blocks for a post's ``content:encoded``."""
    if not content or not content.strip():
        return []
    source = _gutenberg_to_html(content) if is_gutenberg(content) else _classic(content)
    if not source.strip():
        return []
    try:
        root = lxml_html.fragment_fromstring(source, create_parent="div")
    except (etree.ParserError, ValueError):
        return [Block("paragraph", "<p>" + html.escape(_WS.sub(" ", content).strip(), quote=False) + "</p>")]
    converter = _Converter()
    converter.container(root)
    converter.flush()
    return _merge_embeds(converter.blocks)


def _merge_embeds(blocks: list[Block]) -> list[Block]:
    """Drop an embed that repeats the URL of the one before it (Gutenberg writes it twice)."""
    out: list[Block] = []
    for block in blocks:
        if block.type == "embed" and out and out[-1].type == "embed" and out[-1].value == block.value:
            continue
        out.append(block)
    return out


def plain_text(el) -> str:
    """The text of an element, with whitespace collapsed and script/style left out."""
    parts: list[str] = []
    _collect_text(el, parts)
    return _WS.sub(" ", "".join(parts)).strip()


def _collect_text(el, parts: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in _DROP:
        if el.tail:
            parts.append(el.tail)
        return
    if isinstance(el.tag, str):
        if el.text:
            parts.append(el.text)
        for child in el:
            _collect_text(child, parts)
            if tag.lower() in ("p", "li", "br", "div", "tr", "td", "th") or (
                isinstance(child.tag, str) and child.tag.lower() in ("br", "p", "li", "div")
            ):
                parts.append(" ")
    if el.tail:
        parts.append(el.tail)


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _safe_href(href: str) -> str:
    href = (href or "").strip()
    lowered = href.lower()
    return href if lowered.startswith(_SAFE_SCHEMES) else ""


class _Converter:
    def __init__(self):
        self.blocks: list[Block] = []
        self.pending: list[str] = []  # inline HTML waiting for a paragraph
        self.images_after: list[Block] = []

    # -- paragraphs ------------------------------------------------------------------

    def flush(self) -> None:
        inline = "".join(self.pending).strip()
        self.pending = []
        if "<br/>" in inline:
            inline = _EDGE_BREAKS.sub("", inline).strip()
        if (_TAG.sub("", inline) if "<" in inline else inline).strip():
            self.blocks.append(Block("paragraph", f"<p>{inline}</p>"))
        self.blocks.extend(self.images_after)
        self.images_after = []

    def paragraph(self, el) -> None:
        self.flush()
        self.pending.append(self.inline_children(el))
        self.flush()

    # -- inline ----------------------------------------------------------------------

    def inline_children(self, el) -> str:
        parts = [_esc(el.text or "")]
        for child in el:
            parts.append(self.inline(child))
        return "".join(parts)

    def inline(self, el) -> str:
        tail = _esc(el.tail or "")
        if not isinstance(el.tag, str):
            return tail
        tag = el.tag.lower()
        if tag in _DROP:
            return tail
        if tag == "br":
            return "<br/>" + tail
        if tag == "img":
            self.images_after.append(self.image_block(el, figure=None))
            return tail
        inner = self.inline_children(el)
        if tag in _INLINE_KEEP:
            if not inner.strip():
                return inner + tail
            kept = _INLINE_KEEP[tag]
            return f"<{kept}>{inner}</{kept}>" + tail
        if tag == "a":
            href = _safe_href(el.get("href", ""))
            if href and inner.strip():
                return f'<a href="{html.escape(href)}">{inner}</a>' + tail
            return inner + tail
        if tag in ("p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption", "pre", "table", "ul", "ol"):
            return inner + "<br/>" + tail
        return inner + tail

    # -- blocks ----------------------------------------------------------------------

    def container(self, el) -> None:
        if el.text and el.text.strip():
            self.pending.append(_esc(el.text))
        for child in el:
            self.node(child)

    def node(self, el) -> None:
        if not isinstance(el.tag, str):
            if el.tail and el.tail.strip():
                self.pending.append(_esc(el.tail))
            return
        tag = el.tag.lower()
        handler = getattr(self, f"tag_{tag}", None)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            handler = self.heading
        if handler is not None:
            self.flush()
            handler(el)
        elif tag in _DROP:
            pass
        elif tag in ("div", "section", "article", "aside", "header", "footer", "main", "nav", "center", "address", "form", "dl", "dd", "dt", "details", "summary", "tbody", "thead", "tfoot", "body", "html"):
            self.flush()
            self.container(el)
            self.flush()
        else:
            self.pending.append(self.inline(el).removesuffix(_esc(el.tail or "")))
        if el.tail and el.tail.strip():
            self.pending.append(_esc(el.tail))

    def tag_p(self, el) -> None:
        self.paragraph(el)

    def heading(self, el) -> None:
        text = plain_text(el)
        if not text:
            return
        if len(text) <= SUBHEADING_MAX:
            self.blocks.append(Block("subheading", text))
        else:
            self.blocks.append(Block("paragraph", f"<p><b>{_esc(text)}</b></p>"))

    def tag_blockquote(self, el, *, pull: bool = False) -> None:
        cite_el = el.find(".//cite")
        source = plain_text(cite_el) if cite_el is not None else ""
        if cite_el is not None:
            cite_el.drop_tree() if hasattr(cite_el, "drop_tree") else None
        paragraphs = [plain_text(p) for p in el.iter("p")]
        text = "\n\n".join(p for p in paragraphs if p) or plain_text(el)
        if not text and not source:
            return
        if pull and text and len(text) <= PULL_QUOTE_MAX and len(source) <= ATTRIBUTION_MAX:
            self.blocks.append(Block("pull_quote", {"quote": text, "attribution": source}))
            return
        if len(source) > SOURCE_MAX:
            text, source = f"{text}\n\n{source}".strip(), ""
        self.blocks.append(Block("blockquote", {"text": text, "source": source}))

    def tag_q(self, el) -> None:
        self.tag_blockquote(el)

    def _list_items(self, el) -> list[str]:
        items = []
        for li in el:
            if not isinstance(li.tag, str):
                continue
            if li.tag.lower() != "li":
                text = self.inline(li)
                if re.sub(r"<[^>]+>", "", text).strip():
                    items.append(text)
                continue
            nested = [c for c in li if isinstance(c.tag, str) and c.tag.lower() in ("ul", "ol")]
            tails = []
            for n in nested:
                if n.tail and n.tail.strip():
                    tails.append(_esc(n.tail.strip()))
                n.tail = None
                n.getparent().remove(n)
            inner = self.inline_children(li).strip()
            inner = re.sub(r"(?:<br/>\s*)+$", "", inner)
            if tails:
                inner = " ".join([inner, *tails]).strip()
            if re.sub(r"<[^>]+>", "", inner).strip():
                items.append(inner)
            for n in nested:
                items.extend(self._list_items(n))
        return items

    def tag_ul(self, el) -> None:
        items = self._list_items(el)
        if items:
            tag = el.tag.lower()
            self.blocks.append(Block("paragraph", f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"))
        self.blocks.extend(self.images_after)
        self.images_after = []

    tag_ol = tag_ul

    def tag_pre(self, el) -> None:
        text = "".join(el.itertext())
        lines = [_esc(line) for line in text.replace("\r\n", "\n").split("\n")]
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        if lines:
            self.blocks.append(Block("paragraph", "<p>" + "<br/>".join(lines) + "</p>"))

    def tag_table(self, el) -> None:
        for row in el.iter("tr"):
            cells = [plain_text(c) for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
            cells = [c for c in cells if c]
            if cells:
                self.blocks.append(Block("paragraph", "<p>" + _esc(" | ".join(cells)) + "</p>"))
        caption = el.find("caption")
        if caption is not None and plain_text(caption):
            self.blocks.append(Block("paragraph", f"<p>{_esc(plain_text(caption))}</p>"))

    def tag_hr(self, el) -> None:
        pass

    def tag_iframe(self, el) -> None:
        src = el.get("src", "").strip()
        if src.startswith("//"):
            src = "https:" + src
        if src.startswith(("http://", "https://")):
            self.blocks.append(Block("embed", src))

    tag_embed = tag_iframe

    def tag_video(self, el) -> None:
        src = el.get("src", "") or next((s.get("src", "") for s in el.iter("source")), "")
        if src.startswith(("http://", "https://")):
            self.blocks.append(Block("embed", src))

    tag_audio = tag_video

    def tag_img(self, el) -> None:
        self.blocks.append(self.image_block(el, figure=None))

    def tag_figure(self, el) -> None:
        classes = el.get("class", "")
        if "wp-block-embed" in classes or el.get("data-url"):
            url = el.get("data-url") or plain_text(el).split(" ")[0]
            if url.startswith(("http://", "https://")):
                self.blocks.append(Block("embed", url))
                caption = el.find(".//figcaption")
                if caption is not None and plain_text(caption):
                    self.blocks.append(Block("paragraph", f"<p>{_esc(plain_text(caption))}</p>"))
                return
        if "wp-block-pullquote" in classes:
            quote = el.find(".//blockquote")
            self.tag_blockquote(quote if quote is not None else el, pull=True)
            return
        images = list(el.iter("img"))
        if images:
            caption_el = el.find(".//figcaption")
            caption = plain_text(caption_el) if caption_el is not None else ""
            if caption_el is not None:
                caption_el.drop_tree()
            for i, img in enumerate(images):
                self.blocks.append(self.image_block(img, figure=el, caption=caption if i == len(images) - 1 else ""))
            # Any other text in the figure stays too.
            for img in images:
                if img.getparent() is not None:
                    img.drop_tree()
            leftover = plain_text(el)
            if leftover:
                self.blocks.append(Block("paragraph", f"<p>{_esc(leftover)}</p>"))
            return
        self.container(el)
        self.flush()

    def image_block(self, img, *, figure, caption: str = "") -> Block:
        wp_id = None
        for source in (img.get("class", ""), figure.get("data-wp-id", "") if figure is not None else "", figure.get("id", "") if figure is not None else ""):
            match = _ATTACHMENT_ID.search(source) if source else None
            if match:
                wp_id = int(match.group(1))
                break
            if source.isdigit():
                wp_id = int(source)
                break
        if wp_id is None and figure is not None and figure.get("data-wp-id", "").isdigit():
            wp_id = int(figure.get("data-wp-id"))
        return Block(
            "image",
            ImageRef(wp_id=wp_id, src=(img.get("src") or "").strip(), caption=caption, alt=(img.get("alt") or "").strip()),
        )


def blocks_text(blocks: list[Block]) -> str:
    """All the text the blocks hold, whitespace collapsed: for checks that nothing was lost."""
    parts = []
    for block in blocks:
        value = block.value
        if isinstance(value, str):
            if block.type == "paragraph":
                parts.append(plain_text(lxml_html.fragment_fromstring(value, create_parent="div")))
            else:
                parts.append(value)
        elif isinstance(value, ImageRef):
            parts.extend([value.caption])
        elif isinstance(value, dict):
            parts.extend(str(v) for v in value.values() if v)
    return _WS.sub(" ", " ".join(parts)).strip()
