"""Author pages: who writes the news, with their photo, bio, links and articles."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page
from wagtail.search import index


class AuthorIndexPage(Page):
    """The /authors/ page: the newsroom's staff list."""

    intro = models.TextField(blank=True)

    parent_page_types = ["articles.HomePage"]
    subpage_types = ["authors.AuthorPage"]
    max_count = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    template = "authors/authorindex_detail.html"

    def get_context(self, request, *args, **kwargs):
        from dateline.authors.selectors import author_list_for_index

        context = super().get_context(request, *args, **kwargs)
        context["authors"] = author_list_for_index()
        return context


class AuthorPage(Page):
    """One person in the newsroom. The page title is their name as it appears in bylines."""

    job_title = models.CharField(max_length=120, blank=True, help_text="For example: Senior reporter, Lagos")
    photo = models.ForeignKey(
        "images.NewsImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    bio = models.TextField(blank=True, help_text="Plain text; blank lines separate paragraphs.")
    public_email = models.EmailField(blank=True, help_text="Shown on the author page when filled in.")

    parent_page_types = ["authors.AuthorIndexPage"]
    subpage_types: list[str] = []
    template = "authors/author_detail.html"

    content_panels = Page.content_panels + [
        FieldPanel("job_title"),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("public_email"),
        InlinePanel("links", label="Links"),
    ]
    search_fields = Page.search_fields + [index.SearchField("bio"), index.SearchField("job_title")]

    class Meta:
        verbose_name = "author"

    @property
    def name(self) -> str:
        return self.title

    def bio_paragraphs(self) -> list[str]:
        return [p.strip() for p in self.bio.split("\n\n") if p.strip()]

    def get_context(self, request, *args, **kwargs):
        from dateline.articles.selectors import article_list_for_author
        from dateline.core.pagination import page_number_from_request

        context = super().get_context(request, *args, **kwargs)
        context["listing"] = article_list_for_author(
            author=self, page_number=page_number_from_request(request)
        )
        return context


class AuthorLink(Orderable):
    author = ParentalKey(AuthorPage, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(max_length=60, help_text="For example: Mastodon, Website")
    url = models.URLField()

    panels = [FieldPanel("label"), FieldPanel("url")]
