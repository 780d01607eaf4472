"""The newsroom's image: Wagtail's image plus the credit a photo desk needs."""

from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition


class NewsImage(AbstractImage):
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who made the image, as printed under it: 'Ana Ruiz for The Courier'.",
    )
    caption = models.TextField(
        blank=True,
        help_text="A default caption; an article can write its own.",
    )

    admin_form_fields = (
        "title",
        "file",
        "description",
        "caption",
        "credit",
        "collection",
        "tags",
        "focal_point_x",
        "focal_point_y",
        "focal_point_width",
        "focal_point_height",
    )

    @property
    def alt_text(self) -> str:
        return self.description or self.title


class NewsRendition(AbstractRendition):
    image = models.ForeignKey(NewsImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
