"""Builders for test data that go through Wagtail's own page tree and publishing."""

from __future__ import annotations

import datetime
import io
import itertools

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage

from dateline.articles.models import (
    ArticleByline,
    ArticleContributor,
    ArticleCorrection,
    ArticlePage,
    HomePage,
    SectionPage,
)
from dateline.authors.models import AuthorIndexPage, AuthorPage
from dateline.images.models import NewsImage

_counter = itertools.count(1)


def home() -> HomePage:
    return HomePage.objects.get(depth=2)


def make_section(title: str = "World", **fields) -> SectionPage:
    existing = SectionPage.objects.filter(slug=slugify(title)).first()
    if existing:
        return existing
    section = SectionPage(title=title, slug=slugify(title), show_in_menus=True, **fields)
    home().add_child(instance=section)
    section.save_revision().publish()
    return SectionPage.objects.get(pk=section.pk)


def make_author(name: str = "Ana Ruiz", **fields) -> AuthorPage:
    existing = AuthorPage.objects.filter(slug=slugify(name)).first()
    if existing:
        return existing
    index = AuthorIndexPage.objects.get()
    author = AuthorPage(title=name, slug=slugify(name), job_title=fields.pop("job_title", "Reporter"), **fields)
    index.add_child(instance=author)
    author.save_revision().publish()
    return AuthorPage.objects.get(pk=author.pk)


def make_image(title: str = "A test image", *, width: int = 1200, height: int = 675, credit: str = "Test Desk") -> NewsImage:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (40, 90, 140)).save(buffer, "JPEG")
    image = NewsImage(title=title, credit=credit, description=f"{title}, described", file=ImageFile(buffer, name=f"test-{next(_counter)}.jpg"))
    image.save()
    return image


def make_article(
    title: str | None = None,
    *,
    section: SectionPage | None = None,
    authors: list[AuthorPage] | None = None,
    publish: bool = True,
    published_at: datetime.datetime | None = None,
    tags: list[str] = (),
    contributors: list[tuple[str, str]] = (),
    corrections: list[tuple[str, str]] = (),
    body: list | None = None,
    **fields,
) -> ArticlePage:
    n = next(_counter)
    title = title or f"Test article number {n}"
    section = section or make_section()
    authors = authors if authors is not None else [make_author()]
    article = ArticlePage(
        title=title,
        slug=fields.pop("slug", f"{slugify(title)[:40]}-{n}"),
        kicker=fields.pop("kicker", "Test"),
        dek=fields.pop("dek", f"The summary of {title}."),
        body=body if body is not None else [("paragraph", f"<p>The first paragraph of {title}.</p>")],
        live=publish,
        **fields,
    )
    for i, author in enumerate(authors):
        article.bylines.add(ArticleByline(author=author, sort_order=i))
    for name, place in contributors:
        article.contributors.add(ArticleContributor(name=name, place=place))
    for kind, text in corrections:
        article.corrections.add(ArticleCorrection(kind=kind, text=text, published_at=timezone.now()))
    section.add_child(instance=article)
    for tag in tags:
        article.tags.add(tag)
    revision = article.save_revision()
    if publish:
        revision.publish()
        if published_at is not None:
            ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published_at, published_at=published_at)
    return ArticlePage.objects.get(pk=article.pk)
