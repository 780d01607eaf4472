"""Input and output shapes of the read API (django-ninja schemas); no logic."""

from __future__ import annotations

import datetime

from ninja import Schema


class Error(Schema):
    detail: str


class SectionRef(Schema):
    slug: str
    title: str
    url: str


class AuthorRef(Schema):
    slug: str
    name: str
    url: str
    role: str = ""


class Image(Schema):
    url: str
    width: int
    height: int
    alt: str
    caption: str = ""
    credit: str = ""


class ArticleSummary(Schema):
    id: int
    url: str
    api_url: str
    title: str
    kicker: str
    dek: str
    section: SectionRef | None
    authors: list[AuthorRef]
    tags: list[str]
    published_at: datetime.datetime
    updated_at: datetime.datetime | None
    image: Image | None


class Contributor(Schema):
    name: str
    place: str
    role: str


class Correction(Schema):
    kind: str
    published_at: datetime.datetime
    text: str


class ArticleDetail(ArticleSummary):
    body_html: str
    dateline: str
    contributors: list[Contributor]
    corrections: list[Correction]
    ninjs_url: str


class ArticlePage(Schema):
    items: list[ArticleSummary]
    page: int
    page_size: int
    next: str | None
    previous: str | None


class ArticleList(Schema):
    items: list[ArticleSummary]


class Section(Schema):
    slug: str
    title: str
    intro: str
    url: str
    articles_url: str
    feeds: dict[str, str]


class Author(Schema):
    slug: str
    name: str
    job_title: str
    bio: str
    url: str
    articles_url: str
    image: str | None


class AuthorPage(Schema):
    items: list[Author]
    page: int
    page_size: int
    next: str | None
    previous: str | None
