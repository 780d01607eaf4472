"""Turning articles, sections and authors into the API's JSON (plain dicts matching schemas.py) and ninjs 2.0."""

from __future__ import annotations

from django.utils.html import strip_tags

from dateline import conf
from dateline.api.selectors import API_IMAGE_SPEC
from dateline.core.absolute import absolute_url, absolutize_html
from dateline.feeds.feeds import FILE_NAMES, feed_path

NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.0.json"


class ArticleSerializer:
    """Subclass and override a method to change what the API says about articles."""

    def __init__(self, *, request):
        self.request = request

    def abs(self, path: str) -> str:
        return absolute_url(path, request=self.request)

    def image(self, article) -> dict | None:
        if not article.lead_image_id:
            return None
        rendition = article.lead_image.get_rendition(API_IMAGE_SPEC)
        return {
            "url": self.abs(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": article.image_alt,
            "caption": article.image_caption,
            "credit": article.image_credit,
        }

    def summary(self, article) -> dict:
        section = article.section if article.section_id else None
        return {
            "id": article.pk,
            "url": self.abs(article.article_path()),
            "api_url": self.abs(f"/api/articles/{article.pk}"),
            "title": article.title,
            "kicker": article.kicker,
            "dek": article.dek,
            "section": {"slug": section.slug, "title": section.title, "url": self.abs(f"/{section.slug}/")} if section else None,
            "authors": [
                {"slug": b.author.slug, "name": b.author.title, "url": self.abs(f"/authors/{b.author.slug}/"), "role": b.role}
                for b in article.bylines.all()
            ],
            "tags": sorted(t.name for t in article.tags.all()),
            "published_at": article.published_at,
            "updated_at": article.last_updated_at,
            "image": self.image(article),
        }

    def body_html(self, article) -> str:
        return absolutize_html("".join(str(block) for block in article.body), request=self.request)

    def dateline(self, article) -> str:
        if not article.dateline_place:
            return ""
        day = article.shown_dateline_date
        return f"{article.dateline_place}, {day:%B} {day.day}, {day.year}"

    def detail(self, article) -> dict:
        data = self.summary(article)
        data.update(
            body_html=self.body_html(article),
            dateline=self.dateline(article),
            contributors=[{"name": c.name, "place": c.place, "role": c.role or "reporting"} for c in article.contributors.order_by("sort_order")],
            corrections=[
                {"kind": c.kind, "published_at": c.published_at, "text": c.text} for c in article.corrections.order_by("published_at")
            ],
            ninjs_url=self.abs(f"/api/articles/{article.pk}/ninjs"),
        )
        return data

    def ninjs(self, article) -> dict:
        """The article as IPTC ninjs 2.0 (https://www.iptc.org/std/ninjs/)."""
        body = self.body_html(article)
        text = strip_tags(body)
        bylines = list(article.bylines.all())
        modified = article.last_updated_at or article.last_published_at or article.published_at
        item = {
            "standard": {"name": "ninjs", "version": "2.0", "schema": NINJS_SCHEMA},
            "uri": self.abs(article.article_path()),
            "type": "text",
            "representationtype": "full",
            "version": str(article.live_revision_id or 1),
            "firstcreated": article.published_at.isoformat(),
            "versioncreated": modified.isoformat(),
            "pubstatus": "usable",
            "language": conf.get("LANGUAGE_CODE"),
            "title": article.slug,
            "slugline": article.slug,
            "copyrightholder": conf.get("SITE_NAME"),
            "headlines": [{"role": "main", "value": article.title}],
            "bodies": [{"role": "main", "contenttype": "text/html", "value": body, "charcount": len(text), "wordcount": len(text.split())}],
            "altids": [{"role": "guid", "value": f"urn:uuid:{article.translation_key}"}, {"role": "dateline-id", "value": str(article.pk)}],
        }
        if article.kicker:
            item["headlines"].append({"role": "kicker", "value": article.kicker})
        if article.dek:
            item["descriptions"] = [{"role": "summary", "contenttype": "text/plain", "value": article.dek}]
        if bylines:
            item["by"] = _join([b.author.title for b in bylines])
        if article.dateline_place:
            item["located"] = article.dateline_place
        subjects = []
        if article.section_id and article.section:
            subjects.append({"name": article.section.title, "rel": "section", "uri": self.abs(f"/{article.section.slug}/")})
        subjects += [{"name": t.name, "rel": "tag", "uri": self.abs(f"/tags/{t.slug}/")} for t in article.tags.all()]
        if subjects:
            item["subjects"] = subjects
        image = self.image(article)
        if image:
            item["renditions"] = [
                {"name": "lead-image", "href": image["url"], "contenttype": "image/jpeg", "width": image["width"], "height": image["height"], "title": image["alt"]}
            ]
        return item


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def section_data(section, *, request) -> dict:
    def abs_(path):
        return absolute_url(path, request=request)

    return {
        "slug": section.slug,
        "title": section.title,
        "intro": section.intro,
        "url": abs_(f"/{section.slug}/"),
        "articles_url": abs_(f"/api/articles?section={section.slug}"),
        "feeds": {fmt: abs_(feed_path(fmt=fmt, scope_kind="section", slug=section.slug)) for fmt in FILE_NAMES},
    }


def author_data(author, *, request) -> dict:
    def abs_(path):
        return absolute_url(path, request=request)

    return {
        "slug": author.slug,
        "name": author.title,
        "job_title": author.job_title,
        "bio": author.bio,
        "url": abs_(f"/authors/{author.slug}/"),
        "articles_url": abs_(f"/api/articles?author={author.slug}"),
        "image": abs_(author.photo.get_rendition("fill-240x240").url) if author.photo_id and author.photo else None,
    }
