"""Writes about articles: keeping the denormalised fields and the cached lists right."""

from __future__ import annotations

from dateline.core.cache import cache_clear


def article_lists_clear() -> None:
    """Make every cached article list stale (front page, latest, header sections).

    Called when an article or section is published, unpublished, moved or deleted.
    """
    from dateline.articles.selectors import HOME_CACHE, LATEST_CACHE, NAV_CACHE

    for name in (HOME_CACHE, LATEST_CACHE, NAV_CACHE):
        cache_clear(name)


def article_fragment_clear() -> None:
    """Make every cached rendering of an article's own part of its page stale.

    A published article gets a new key by itself (its publication time is in the
    key); this is for what the article shows of other things: an author's name,
    a section's title, a tag's name.
    """
    from dateline.core.cache import fragment_clear
    from dateline.seo.structured import ARTICLE_HEAD_CACHE

    fragment_clear("article-main")
    cache_clear(ARTICLE_HEAD_CACHE)  # the head names authors, the section and tags too


def article_section_sync(*, article_id: int) -> None:
    """Point the article's ``section`` at its parent page after a move."""
    from dateline.articles.models import ArticlePage, SectionPage

    article = ArticlePage.objects.filter(pk=article_id).only("path", "depth").first()
    if article is None:
        return
    parent_path = article.path[: -ArticlePage.steplen]
    section_id = SectionPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
    ArticlePage.objects.filter(pk=article_id).update(section_id=section_id)
