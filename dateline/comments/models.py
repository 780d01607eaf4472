"""Reader comments: the comment itself, each article's discussion settings, and the block lists."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def in_moderation(self):
        return self.filter(status=Comment.Status.PENDING)

    def for_article(self, article):
        return self.filter(article=article)

    def by_email(self, email: str):
        """Comments from this address; addresses are stored lower-cased, so this is an indexed exact match."""
        return self.filter(author_email=email.strip().lower())

    def older_than(self, moment):
        return self.filter(created_at__lt=moment)

    def with_personal_data(self):
        return self.filter(~Q(author_email="") | ~Q(ip_hash="") | ~Q(author_url=""))


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Held for moderation"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    class Kind(models.TextChoices):
        COMMENT = "comment", "Comment"
        PINGBACK = "pingback", "Pingback"
        TRACKBACK = "trackback", "Trackback"

    article = models.ForeignKey("articles.ArticlePage", on_delete=models.CASCADE, related_name="comments")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    depth = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    author_name = models.CharField(max_length=80)
    author_email = models.EmailField(blank=True, help_text="Never shown to readers.")
    author_url = models.URLField(blank=True, max_length=300)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    held_reasons = models.JSONField(default=list, blank=True)
    report_count = models.PositiveIntegerField(default=0)
    notify_replies = models.BooleanField(default=False, help_text="The commenter asked for mail about replies.")
    created_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    ip_hash = models.CharField(
        max_length=64, blank=True, help_text="A keyed hash of the poster's address; the address itself is never stored."
    )
    import_key = models.CharField(
        max_length=200, null=True, blank=True, unique=True, help_text="Where an imported comment came from, so a re-import updates it."
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            models.Index(fields=["author_email"], name="comment_author_email"),
        ]
        permissions = [("moderate_comment", "Can moderate reader comments")]

    def __str__(self):
        return f"{self.author_name} on {self.article_id}: {self.body[:40]}"

    @property
    def anchor(self) -> str:
        return f"comment-{self.pk}"

    def body_html(self):
        from dateline.comments.text import comment_body_html

        return comment_body_html(self.body)

    def held_reason_labels(self) -> list[str]:
        from dateline.comments.moderation import reason_label

        return [reason_label(code) for code in self.held_reasons]


class Discussion(models.Model):
    """Per-article comment state: an open/closed override and the approved count shown on cards."""

    class Mode(models.TextChoices):
        AUTO = "auto", "Open until the auto-close age"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    article = models.OneToOneField("articles.ArticlePage", on_delete=models.CASCADE, related_name="discussion")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.AUTO)
    comment_count = models.PositiveIntegerField(default=0, help_text="Approved comments, kept by the moderation services.")
    changed_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Discussion on {self.article_id} ({self.mode})"


class BlockedWord(models.Model):
    """A word or phrase that holds a comment for moderation (matched case-insensitively)."""

    word = models.CharField(max_length=100, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["word"]

    def __str__(self):
        return self.word

    def save(self, *args, **kwargs):
        self.word = self.word.strip().lower()
        super().save(*args, **kwargs)


class BlockedEmail(models.Model):
    """An address (ana@example.com) or a whole domain (@example.com) whose comments are held."""

    pattern = models.CharField(max_length=254, unique=True, help_text="A full address, or @domain for a whole domain.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pattern"]

    def __str__(self):
        return self.pattern

    def save(self, *args, **kwargs):
        self.pattern = self.pattern.strip().lower()
        super().save(*args, **kwargs)


class DigestLog(models.Model):
    """One moderator digest per window, so two workers (or a re-run) never mail twice."""

    window = models.CharField(max_length=40, unique=True, help_text="The digest window, e.g. 2026-12-02T10.")
    sent_at = models.DateTimeField(default=timezone.now)
    comment_count = models.PositiveIntegerField(default=0)
    recipient_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"Digest {self.window}: {self.comment_count} comments to {self.recipient_count}"
