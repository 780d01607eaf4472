"""Related posts: the stored lists, and what editors set (same-story links, pins, blocks)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class StoryLink(Orderable):
    """This article follows up, updates or continues another: the strongest sign of relatedness."""

    KINDS = [("follow_up", "Follows up"), ("update", "Updates"), ("series", "Same series")]
    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="story_links")
    other = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name="article")
    kind = models.CharField(max_length=20, choices=KINDS, default="follow_up")

    panels = [FieldPanel("kind"), FieldPanel("other")]


class RelatedPin(Orderable):
    """An article an editor placed in the list at a fixed position; it survives recomputation."""

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="related_pins")
    related = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name="article")
    position = models.PositiveSmallIntegerField(default=1, help_text="1 is the first place in the list.")

    panels = [FieldPanel("related"), FieldPanel("position")]


class RelatedBlock(Orderable):
    """An article an editor never wants in this list; it survives recomputation."""

    article = ParentalKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="related_blocks")
    related = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+", verbose_name="article")

    panels = [FieldPanel("related")]


class RelatedArticle(models.Model):
    """One computed entry of an article's related list, with its score and the score's parts."""

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="related_computed")
    related = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    parts = models.JSONField(default=dict, help_text="Each part of the score: story, tags, section, authors, text, recency.")
    shared_tags = models.JSONField(default=list)
    shared_terms = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "rank"]
        constraints = [models.UniqueConstraint(fields=["article", "related"], name="related_once")]
        indexes = [models.Index(fields=["related"], name="related_reverse")]


class TextModelState(models.Model):
    """The fitted text model (vocabulary and IDF), so one article can be scored without refitting."""

    key = models.CharField(max_length=40, primary_key=True)
    data = models.BinaryField()
    documents = models.PositiveIntegerField(default=0)
    fitted_at = models.DateTimeField(auto_now=True)
    # When the last full rebuild began reading articles: changes queued before it need no recompute.
    lists_from = models.DateTimeField(null=True, blank=True)
