"""Named filters for articles, so every surface asks the same question the same way."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from wagtail.models import PageManager, PageQuerySet


class ArticleQuerySet(PageQuerySet):
    def published(self, *, at=None) -> ArticleQuerySet:
        """Live, first published, and past any embargo: what a reader may see.

        Every reader surface (pages, lists, feeds, sitemaps, search, API) starts
        here, so an embargo hides an article everywhere until its time passes,
        without anyone pressing a button.
        """
        at = at or timezone.now()
        return self.filter(live=True, published_at__isnull=False, published_at__lte=at).filter(
            Q(embargo_until__isnull=True) | Q(embargo_until__lte=at)
        )

    def embargoed(self, *, at=None) -> ArticleQuerySet:
        at = at or timezone.now()
        return self.filter(live=True, embargo_until__gt=at)

    def in_section(self, section) -> ArticleQuerySet:
        return self.filter(section=section)

    def by_author(self, author) -> ArticleQuerySet:
        return self.filter(bylines__author=author)

    def tagged(self, tag) -> ArticleQuerySet:
        return self.filter(tagged_items__tag=tag)

    def newest_first(self) -> ArticleQuerySet:
        return self.order_by("-published_at", "-pk")

    def for_listing(self) -> ArticleQuerySet:
        """What a card needs: section for the URL, lead image, and no body."""
        return self.select_related("section", "lead_image").defer_streamfields()


class ArticleManager(PageManager.from_queryset(ArticleQuerySet)):
    pass
