"""What a WordPress import brought in: one row per WordPress object, keyed on (site, kind, WordPress ID)."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class ImportedObjectQuerySet(models.QuerySet):
    def for_site(self, site_url: str):
        return self.filter(site_url=site_url)

    def of_kind(self, kind: str):
        return self.filter(kind=kind)

    def awaiting_fetch(self):
        """Attachments whose file was not there at import time: ``source_url`` says where to get it."""
        return self.filter(kind=ImportedObject.Kind.ATTACHMENT, object_id__isnull=True).exclude(source_url="")


class ImportedObject(models.Model):
    """A WordPress object and what it became here, so a second import updates instead of duplicating.

    ``wp_key`` is the WordPress ID (post, attachment, term) or the login (author).
    ``checksum`` is a digest of everything the import read for the object: an
    unchanged object is left alone. ``data`` keeps what has no public place in
    dateline, such as an author's e-mail address, which is never shown.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", "Author"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"
        ATTACHMENT = "attachment", "Attachment"
        POST = "post", "Post"
        PAGE = "page", "Page"

    site_url = models.CharField(max_length=200, help_text="The WordPress site's address, as in the export.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    wp_key = models.CharField("WordPress ID", max_length=200)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField(null=True, blank=True)
    target = GenericForeignKey("content_type", "object_id")
    source_url = models.URLField(max_length=1000, blank=True, help_text="The original file, for attachments still to fetch.")
    checksum = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImportedObjectQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["site_url", "kind", "wp_key"], name="imported_object_once")]
        indexes = [
            models.Index(fields=["kind", "wp_key"], name="imported_object_kind_key"),
            models.Index(fields=["content_type", "object_id"], name="imported_object_target"),
        ]

    def __str__(self):
        return f"{self.site_url} {self.kind} {self.wp_key}"
