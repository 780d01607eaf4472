"""Build small, fictional WXR files for the importer's tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

THEME_EXPORT = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "wxr" / "themeunittestdata.wordpress.xml"
if not THEME_EXPORT.exists():  # a worktree sits beside shared/, a CI clone too
    THEME_EXPORT = Path("/work/shared/fixtures/wxr/themeunittestdata.wordpress.xml")


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class C:
    wp_id: int
    text: str
    parent: int = 0
    approved: str = "1"
    type: str = "comment"
    author: str = "Rowan Vale"
    email: str = "rowan@example.org"
    url: str = ""
    date: str = "2024-03-02 10:00:00"


@dataclass
class P:
    wp_id: int
    title: str
    content: str = "<p>Fog lifted over the quay.</p>"
    slug: str = ""
    status: str = "publish"
    post_type: str = "post"
    creator: str = "mira"
    date_gmt: str = "2024-03-01 08:30:00"
    date: str = "2024-03-01 09:30:00"
    excerpt: str = ""
    categories: list[tuple[str, str]] = field(default_factory=lambda: [("harbour", "Harbour")])
    tags: list[tuple[str, str]] = field(default_factory=list)
    meta: list[tuple[str, str]] = field(default_factory=list)
    comments: list[C] = field(default_factory=list)
    sticky: bool = False
    password: str = ""
    link: str = ""
    attachment_url: str = ""
    parent: int = 0

    def xml(self, site: str) -> str:
        slug = self.slug or f"post-{self.wp_id}"
        link = self.link or f"{site}/2024/03/01/{slug}/"
        parts = [
            "<item>",
            f"<title>{cdata(self.title)}</title>",
            f"<link>{escape(link)}</link>",
            f"<dc:creator>{cdata(self.creator)}</dc:creator>",
            f'<guid isPermaLink="false">{escape(site)}/?p={self.wp_id}</guid>',
            f"<content:encoded>{cdata(self.content)}</content:encoded>",
            f"<excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>",
            f"<wp:post_id>{self.wp_id}</wp:post_id>",
            f"<wp:post_date>{cdata(self.date)}</wp:post_date>",
            f"<wp:post_date_gmt>{cdata(self.date_gmt)}</wp:post_date_gmt>",
            f"<wp:post_modified>{cdata(self.date)}</wp:post_modified>",
            f"<wp:post_modified_gmt>{cdata(self.date_gmt)}</wp:post_modified_gmt>",
            "<wp:comment_status>open</wp:comment_status>",
            f"<wp:post_name>{cdata(slug)}</wp:post_name>",
            f"<wp:status>{cdata(self.status)}</wp:status>",
            f"<wp:post_parent>{self.parent}</wp:post_parent>",
            f"<wp:post_type>{cdata(self.post_type)}</wp:post_type>",
            f"<wp:post_password>{cdata(self.password)}</wp:post_password>",
            f"<wp:is_sticky>{1 if self.sticky else 0}</wp:is_sticky>",
        ]
        if self.attachment_url:
            parts.append(f"<wp:attachment_url>{escape(self.attachment_url)}</wp:attachment_url>")
        for nicename, name in self.categories:
            parts.append(f'<category domain="category" nicename="{nicename}">{cdata(name)}</category>')
        for nicename, name in self.tags:
            parts.append(f'<category domain="post_tag" nicename="{nicename}">{cdata(name)}</category>')
        for key, value in self.meta:
            parts.append(f"<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key><wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>")
        for c in self.comments:
            parts.append(
                "<wp:comment>"
                f"<wp:comment_id>{c.wp_id}</wp:comment_id>"
                f"<wp:comment_author>{cdata(c.author)}</wp:comment_author>"
                f"<wp:comment_author_email>{cdata(c.email)}</wp:comment_author_email>"
                f"<wp:comment_author_url>{escape(c.url)}</wp:comment_author_url>"
                f"<wp:comment_date>{cdata(c.date)}</wp:comment_date>"
                f"<wp:comment_date_gmt>{cdata(c.date)}</wp:comment_date_gmt>"
                f"<wp:comment_content>{cdata(c.text)}</wp:comment_content>"
                f"<wp:comment_approved>{cdata(c.approved)}</wp:comment_approved>"
                f"<wp:comment_type>{cdata(c.type)}</wp:comment_type>"
                f"<wp:comment_parent>{c.parent}</wp:comment_parent>"
                "</wp:comment>"
            )
        parts.append("</item>")
        return "\n".join(parts)


AUTHORS = [("mira", "Mira Solberg", "mira@example.org"), ("tobin", "Tobin Achterberg", "tobin@example.org")]
CATEGORIES = [("harbour", "Harbour", ""), ("ferries", "Ferries", "harbour"), ("council", "Council", "")]
TAGS = [("tides", "Tides"), ("night-market", "Night market")]


def wxr(
    items: list[P],
    *,
    version: str = "1.2",
    scheme: str = "http",
    site: str = "https://gullpoint.example",
    authors=AUTHORS,
    categories=CATEGORIES,
    tags=TAGS,
) -> str:
    ns = f"{scheme}://wordpress.org/export/{version}/"
    head = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<rss version="2.0" xmlns:excerpt="{ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        f'xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="{ns}">',
        "<channel>",
        "<title>The Gull Point Gazette</title>",
        f"<link>{site}</link>",
        "<language>en</language>",
        f"<wp:wxr_version>{version}</wp:wxr_version>",
        f"<wp:base_site_url>{site}</wp:base_site_url>",
        f"<wp:base_blog_url>{site}</wp:base_blog_url>",
    ]
    for login, name, email in authors:
        head.append(
            f"<wp:author><wp:author_login>{cdata(login)}</wp:author_login><wp:author_email>{cdata(email)}</wp:author_email>"
            f"<wp:author_display_name>{cdata(name)}</wp:author_display_name></wp:author>"
        )
    for slug, name, parent in categories:
        head.append(
            f"<wp:category><wp:category_nicename>{cdata(slug)}</wp:category_nicename><wp:category_parent>{cdata(parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
        )
    for slug, name in tags:
        head.append(f"<wp:tag><wp:tag_slug>{cdata(slug)}</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>")
    body = [item.xml(site) for item in items]
    return "\n".join(head + body + ["</channel>", "</rss>", ""])


def write(tmp_path: Path, items: list[P], name: str = "export.xml", **kwargs) -> Path:
    path = tmp_path / name
    path.write_text(wxr(items, **kwargs), encoding="utf-8")
    return path
