"""Readership counts. No personal data: a visitor is a daily-salted hash, kept only in the buffer.

    beacon ──► ViewBuffer (one row per visitor, article and day; the unique hash de-duplicates)
                  │  flushed by the worker every few seconds, in one transaction
                  ▼
    ArticleViewsHourly ── rolled up after DATELINE_VIEWS_HOURLY_DAYS ──► ArticleViewsDaily
    ArticleViewsDaily (kept too for fast windows)   ArticleViewsTotal (all time, incl. seeded history)
    ReferrerDaily (domain only)
"""

from django.db import models


class ViewBuffer(models.Model):
    """An accepted view waiting to be counted. ``visitor`` is unique per visitor, article and day."""

    visitor = models.CharField(max_length=32, unique=True)
    article_id = models.BigIntegerField()
    viewed_at = models.DateTimeField()
    referrer = models.CharField(max_length=120, blank=True)
    flushed = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["flushed", "id"], name="viewbuffer_flushed")]


class ArticleViewsHourly(models.Model):
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="views_hourly_unique")]
        indexes = [models.Index(fields=["hour", "article"], name="views_hourly_hour")]


class ArticleViewsDaily(models.Model):
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "day"], name="views_daily_unique")]
        indexes = [models.Index(fields=["day", "article"], name="views_daily_day")]


class ArticleViewsTotal(models.Model):
    """All-time views: counted ones plus history seeded by an import."""

    article = models.OneToOneField("articles.ArticlePage", primary_key=True, on_delete=models.CASCADE, related_name="+")
    views = models.BigIntegerField(default=0)
    seeded_views = models.BigIntegerField(default=0, db_default=0, help_text="Part of the total that came from an import of history.")

    class Meta:
        indexes = [models.Index(fields=["-views"], name="views_total_views")]


class ReferrerDaily(models.Model):
    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    domain = models.CharField(max_length=120)
    views = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "day", "domain"], name="referrer_daily_unique")]


class BufferCheckpoint(models.Model):
    """The highest sequence number counted from an external buffer (Redis), saved with the counts."""

    name = models.CharField(max_length=40, primary_key=True)
    last_seq = models.BigIntegerField(default=0)
