"""The news model: the home page, sections, articles and their bylines, credits and corrections.

Page tree::

    Root
    └── HomePage                 /
        ├── SectionPage          /world/
        │   └── ArticlePage      /world/2026/11/25/harbour-bridge-reopens/
        └── AuthorIndexPage      /authors/
            └── AuthorPage       /authors/ana-ruiz/

An article's URL carries its section and the date it was first published, so it
never changes once readers have it; a changed slug leaves a permanent redirect
behind (Wagtail's redirects app), and a moved article is found by its slug and
redirected to its new address (see ``views.article_detail``).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from dateline.analytics.panels import ReadershipPanel
from dateline.articles.blocks import ArticleBodyBlock
from dateline.articles.querysets import ArticleManager
from dateline.related.panels import RelatedListPanel


class HomePage(Page):
    """The front page: a lead story and the latest from each section."""

    lead_article = models.ForeignKey(
        "articles.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty means the newest article leads.",
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["articles.SectionPage", "authors.AuthorIndexPage"]
    max_count = 1
    template = "articles/home_detail.html"
    content_panels = Page.content_panels + [FieldPanel("lead_article")]

    def get_context(self, request, *args, **kwargs):
        from dateline import conf
        from dateline.articles.selectors import HOME_CACHE, home_front
        from dateline.core.cache import Lazy, cache_version

        context = super().get_context(request, *args, **kwargs)
        # Read only when the rendered front ({% fragment "home-front" %}, keyed on the
        # front's version and living as long as it does) is not in the cache.
        context["front"] = Lazy(lambda: home_front(home=self))
        context["front_version"] = cache_version(HOME_CACHE)
        context["front_seconds"] = conf.get("LIST_CACHE_SECONDS")
        return context


class SectionPage(Page):
    """A section front such as World or Business: its articles, newest first."""

    intro = models.CharField(max_length=255, blank=True, help_text="A line under the section's name.")

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["articles.ArticlePage"]
    template = "articles/section_detail.html"
    content_panels = Page.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "section"

    def get_context(self, request, *args, **kwargs):
        from dateline.articles.selectors import article_list_for_section
        from dateline.core.pagination import page_number_from_request

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = article_list_for_section(
            section=self, page_number=page_number_from_request(request)
        )
        return context


class ArticleTag(TaggedItemBase):
    content_object = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


def article_url_date(moment: datetime.datetime | None) -> datetime.date:
    """The date an article's URL shows for its first publication (or go-live) moment; today when it has none."""
    return timezone.localtime(moment or timezone.now()).date()


def article_path_for(*, section_slug: str, day: datetime.date, slug: str) -> str:
    """An article's reader path (see ArticlePage.article_path), for callers that hold its row rather than the page."""
    return f"/{section_slug or 'news'}/{day:%Y/%m/%d}/{slug}/"


class ArticlePage(Page):
    """A news article. Its page title is the headline."""

    kicker = models.CharField(max_length=60, blank=True, help_text="A word or two above the headline: 'Analysis', 'Elections 2026'.")
    dek = models.TextField(
        "dek", max_length=400, blank=True, help_text="The summary line under the headline; also the description in feeds and search results."
    )
    body = StreamField(ArticleBodyBlock(), blank=True)

    lead_image = models.ForeignKey(
        "images.NewsImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=400, blank=True, help_text="Empty means the image's own caption.")
    lead_image_credit = models.CharField(max_length=200, blank=True, help_text="Empty means the image's own credit.")
    lead_image_alt = models.CharField(
        "lead image alt text", max_length=300, blank=True, help_text="Describes the image for readers who cannot see it. Empty means the image's description."
    )

    dateline_place = models.CharField(
        "dateline place", max_length=100, blank=True, help_text="Where the story was reported, in capitals on the page: 'NAIROBI, Kenya'."
    )
    dateline_date = models.DateField(
        "dateline date", null=True, blank=True, help_text="The date shown in the dateline. Empty means the date first published."
    )

    tags = ClusterTaggableManager(through=ArticleTag, blank=True)

    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Until this time the article is hidden everywhere (pages, lists, feeds, sitemaps, search, API), even when published.",
    )
    updated_at = models.DateTimeField(
        "updated at", null=True, blank=True, help_text="Set when the story changes substantively; shown as 'Updated' on the page."
    )

    # Kept in step with the page tree and Wagtail's first_published_at by save(),
    # so reader lists can filter and sort on one indexed table.
    section = models.ForeignKey(SectionPage, null=True, editable=False, on_delete=models.SET_NULL, related_name="articles")
    published_at = models.DateTimeField(null=True, editable=False, db_index=True)

    objects = ArticleManager()

    parent_page_types = ["articles.SectionPage"]
    subpage_types: list[str] = []
    template = "articles/article_detail.html"

    content_panels = [
        FieldPanel("kicker"),
        TitleFieldPanel("title", heading="Headline"),
        FieldPanel("dek"),
        InlinePanel("bylines", label="Byline", min_num=1, heading="Bylines"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("dateline_place"), FieldPanel("dateline_date")])],
            heading="Dateline",
        ),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_caption"),
                FieldRowPanel([FieldPanel("lead_image_credit"), FieldPanel("lead_image_alt")]),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        InlinePanel("contributors", label="Contributor", heading="Contributor credits"),
        InlinePanel("story_links", label="Link", heading="Same story", help_text="Articles this one follows up, updates or continues."),
        InlinePanel("corrections", label="Entry", heading="Corrections and updates"),
        FieldPanel("tags"),
    ]
    promote_panels = Page.promote_panels
    settings_panels = Page.settings_panels + [
        MultiFieldPanel([FieldPanel("embargo_until"), FieldPanel("updated_at")], heading="Embargo and updates"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Content"),
            ObjectList(promote_panels, heading="Promote"),
            ObjectList(settings_panels, heading="Settings"),
            ObjectList(
                [
                    RelatedListPanel(heading="Related Posts as computed"),
                    InlinePanel("related_pins", label="Pin", heading="Pinned"),
                    InlinePanel("related_blocks", label="Block", heading="Blocked"),
                ],
                heading="Related",
            ),
            ObjectList([ReadershipPanel()], heading="Readership"),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("kicker"),
        index.SearchField("dek"),
        index.SearchField("body"),
        index.FilterField("section"),
        index.FilterField("published_at"),
        index.FilterField("embargo_until"),
    ]

    class Meta:
        verbose_name = "article"
        indexes = [
            models.Index(fields=["section", "published_at"], name="article_section_published"),
            # Covering indexes for reads over many articles (the sitemaps; the newest article per
            # section, author or tag): every article-row column they filter on or show. On SQLite a
            # row stores these after the body (kilobytes of JSON in overflow pages), so reading them
            # from the row meant reading the whole table; from these it reads a few megabytes.
            models.Index(fields=["published_at", "embargo_until", "updated_at", "section"], name="article_published_cover"),
            models.Index(fields=["page_ptr", "published_at", "embargo_until", "updated_at", "section"], name="article_id_cover"),
        ]

    def __str__(self):
        return self.title

    # -- keeping the denormalised fields right ------------------------------

    def save(self, *args, **kwargs):
        self.published_at = self.first_published_at
        if self.path and self.depth and self.depth > 1:
            parent_path = self.path[: -self.steplen]
            self.section_id = (
                SectionPage.objects.filter(path=parent_path).values_list("pk", flat=True).first()
            )
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.dateline_date and self.dateline_date > timezone.localdate() + datetime.timedelta(days=366):
            raise ValidationError({"dateline_date": "The dateline date is more than a year ahead; check the year."})

    # -- single-row facts ------------------------------------------------------

    def url_date(self) -> datetime.date:
        """The date in the article's URL: first published, else when it will go live, else today."""
        return article_url_date(self.published_at or self.first_published_at or self.go_live_at)

    def article_path(self) -> str:
        return article_path_for(section_slug=self.section.slug if self.section_id else "", day=self.url_date(), slug=self.slug)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, _tree_path = parts
        return (site_id, root_url, self.article_path())

    def is_embargoed(self, *, at=None) -> bool:
        return bool(self.embargo_until and self.embargo_until > (at or timezone.now()))

    def is_visible_to_readers(self, *, at=None) -> bool:
        at = at or timezone.now()
        return bool(self.live and self.published_at and self.published_at <= at and not self.is_embargoed(at=at))

    @property
    def shown_dateline_date(self) -> datetime.date:
        return self.dateline_date or self.url_date()

    @property
    def image_caption(self) -> str:
        if self.lead_image_caption:
            return self.lead_image_caption
        return self.lead_image.caption if self.lead_image else ""

    @property
    def image_credit(self) -> str:
        if self.lead_image_credit:
            return self.lead_image_credit
        return self.lead_image.credit if self.lead_image else ""

    @property
    def image_alt(self) -> str:
        if self.lead_image_alt:
            return self.lead_image_alt
        return self.lead_image.alt_text if self.lead_image else ""

    def last_updated_from(self, corrections) -> datetime.datetime | None:
        """When readers were last told the story changed: the editor's 'updated' time or the newest entry after publication."""
        moments = [self.updated_at] + [c.published_at for c in corrections]
        moments = [m for m in moments if m and (not self.published_at or m > self.published_at)]
        return max(moments) if moments else None

    @cached_property
    def last_updated_at(self):
        return self.last_updated_from(self.corrections.all())

    def get_context(self, request, *args, **kwargs):
        from dateline.articles.selectors import article_detail_context

        context = super().get_context(request, *args, **kwargs)
        context.update(article_detail_context(article=self))
        return context

    def serve(self, request, *args, **kwargs):
        """Reached through the page tree (/world/slug/): send readers to the article's real URL."""
        from django.http import HttpResponsePermanentRedirect

        if not getattr(request, "is_preview", False) and getattr(request, "dateline_route", None) != "article":
            return HttpResponsePermanentRedirect(self.article_path())
        return super().serve(request, *args, **kwargs)


class ArticleByline(Orderable):
    """One name in the byline, in order, with the part that person played."""

    ROLES = [
        ("reporter", "Reporter"),
        ("writer", "Writer"),
        ("photographer", "Photographer"),
        ("editor", "Editor"),
        ("graphics", "Graphics"),
        ("video", "Video"),
        ("columnist", "Columnist"),
        ("analyst", "Analyst"),
    ]
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="bylines")
    author = models.ForeignKey("authors.AuthorPage", on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(max_length=20, choices=ROLES, default="reporter")

    panels = [FieldPanel("author"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        constraints = [models.UniqueConstraint(fields=["article", "author"], name="byline_author_once")]

    def __str__(self):
        return f"{self.author} ({self.get_role_display()})"


class ArticleContributor(Orderable):
    """A credit at the foot of the story: '<Name> contributed reporting from <Place>.'"""

    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="contributors")
    name = models.CharField(max_length=120)
    place = models.CharField(max_length=120, help_text="City, Country")
    role = models.CharField(
        max_length=60, blank=True, help_text="What they contributed, if not reporting: 'research', 'translation'."
    )
    author = models.ForeignKey(
        "authors.AuthorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
        help_text="Link the credit to an author page, when the person has one.",
    )

    panels = [FieldPanel("name"), FieldPanel("place"), FieldPanel("role"), FieldPanel("author")]

    def credit_line(self) -> str:
        return f"{self.name} contributed {self.role or 'reporting'} from {self.place}."

    def __str__(self):
        return self.credit_line()


class ArticleCorrection(Orderable):
    """A public, dated entry in the article's log of corrections and updates."""

    KINDS = [("correction", "Correction"), ("update", "Update"), ("editors_note", "Editor's note")]
    article = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=KINDS, default="correction")
    published_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(help_text="What was wrong and what is right now, in plain words.")

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("published_at")]), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "correction or update"

    def __str__(self):
        return f"{self.get_kind_display()} ({self.published_at:%Y-%m-%d})"
