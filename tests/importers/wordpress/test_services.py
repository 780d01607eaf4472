"""Importing WXR into dateline: what becomes what, idempotency, atomicity, dry runs and redirects."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from taggit.models import Tag
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Revision

from dateline.analytics.models import ArticleViewsTotal
from dateline.articles.models import ArticlePage, HomePage, SectionPage
from dateline.authors.models import AuthorPage
from dateline.images.models import NewsImage
from dateline.importers.wordpress.models import ImportedObject
from dateline.importers.wordpress.parser import WXRError
from dateline.importers.wordpress.services import WordPressImporter, wordpress_import

from .wxr import THEME_EXPORT, C, P, write

pytestmark = pytest.mark.django_db


def _state() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "imported": ImportedObject.objects.count(),
        "redirects": Redirect.objects.count(),
        "tags": Tag.objects.count(),
        "images": NewsImage.objects.count(),
        "views": ArticleViewsTotal.objects.count(),
        "users": get_user_model().objects.count(),
    }


def _article(wp_id: int) -> ArticlePage:
    row = ImportedObject.objects.get(kind="post", wp_key=str(wp_id))
    return ArticlePage.objects.get(pk=row.object_id)


# -- what becomes what ------------------------------------------------------------------


def test_post_becomes_a_published_article_with_its_fields(tmp_path):
    post = P(
        21,
        "Ferry to Skerry Isle runs again",
        slug="ferry-runs-again",
        content="<!-- wp:paragraph -->\n<p>The <strong>morning</strong> boat left at six.</p>\n<!-- /wp:paragraph -->",
        excerpt="After a winter ashore, the ferry sails.",
        categories=[("ferries", "Ferries"), ("council", "Council")],
        tags=[("tides", "Tides")],
        meta=[("post_views_count", "4321")],
    )
    wordpress_import(path=write(tmp_path, [post]))
    article = _article(21)
    assert article.live and not article.has_unpublished_changes
    assert article.title == "Ferry to Skerry Isle runs again" and article.slug == "ferry-runs-again"
    assert article.dek == "After a winter ashore, the ferry sails."
    assert article.first_published_at == datetime.datetime(2024, 3, 1, 8, 30, tzinfo=datetime.UTC)
    assert article.published_at == article.first_published_at
    # 'ferries' is a child of 'harbour': the top-level category is the section; the rest are tags.
    assert article.section.slug == "harbour"
    assert sorted(t.name for t in article.tags.all()) == ["Council", "Ferries", "Tides"]
    assert [b.author.title for b in article.bylines.all()] == ["Mira Solberg"]
    assert [(b.block_type, b.value.source) for b in article.body] == [("paragraph", "<p>The <b>morning</b> boat left at six.</p>")]
    assert article.live_revision_id == article.latest_revision_id
    assert ArticleViewsTotal.objects.get(article=article).views == 4321


def test_statuses_become_drafts_schedules_and_skips(tmp_path):
    future = (datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S")
    items = [
        P(1, "Draft story", status="draft", date_gmt="0000-00-00 00:00:00"),
        P(2, "Pending story", status="pending"),
        P(3, "Coming soon", status="future", date_gmt=future, date=future),
        P(4, "Staff only", status="private"),
        P(5, "Members only", password="gull"),
        P(6, "Binned", status="trash"),
    ]
    summary = wordpress_import(path=write(tmp_path, items))
    for wp_id in (1, 2, 4, 5):
        article = _article(wp_id)
        assert not article.live and article.first_published_at is None and article.has_unpublished_changes
    scheduled = _article(3)
    assert not scheduled.live and scheduled.go_live_at is not None
    assert Revision.objects.filter(object_id=str(scheduled.pk), approved_go_live_at__isnull=False).count() == 1
    assert not ImportedObject.objects.filter(kind="post", wp_key="6").exists()
    reasons = " ".join(summary.skipped)
    assert "trash" in reasons and "private" in reasons and "password-protected" in reasons


def test_unknown_author_gets_a_clearly_named_placeholder(tmp_path):
    summary = wordpress_import(path=write(tmp_path, [P(8, "Who wrote this?", creator="ghost")]))
    byline = _article(8).bylines.get()
    assert byline.author.title == WordPressImporter.placeholder_author_name
    assert any("ghost" in note for note in summary.notes)


def test_author_email_stays_private(tmp_path):
    wordpress_import(path=write(tmp_path, [P(8, "Bylined")]))
    author = AuthorPage.objects.get(title="Mira Solberg")
    assert author.public_email == ""
    assert ImportedObject.objects.get(kind="author", wp_key="mira").data["email"] == "mira@example.org"


def test_sticky_post_leads_the_home_page(tmp_path):
    wordpress_import(path=write(tmp_path, [P(30, "Ordinary"), P(31, "Pinned to the top", sticky=True)]))
    assert HomePage.objects.get().lead_article_id == _article(31).pk


def test_section_map_sends_a_category_to_a_named_section(tmp_path):
    wordpress_import(path=write(tmp_path, [P(40, "Budget night", categories=[("council", "Council")])]), section_map={"council": "politics"})
    assert _article(40).section.slug == "politics"
    assert SectionPage.objects.filter(slug="politics").exists()


# -- safety -----------------------------------------------------------------------------------


def test_second_import_changes_nothing(tmp_path):
    path = write(tmp_path, [P(50, "Once", meta=[("views", "12")]), P(51, "Twice", status="draft")])
    first = wordpress_import(path=path)
    before = _state()
    second = wordpress_import(path=path)
    assert _state() == before
    assert sum(second.created.values()) == 0 and sum(second.updated.values()) == 0
    assert second.unchanged["posts"] == first.created["posts"] == 2


def test_reimport_updates_what_changed_in_wordpress(tmp_path):
    wordpress_import(path=write(tmp_path, [P(60, "First headline")]))
    pk = _article(60).pk
    summary = wordpress_import(path=write(tmp_path, [P(60, "Corrected headline", content="<p>New text.</p>")]))
    article = _article(60)
    assert article.pk == pk and article.title == "Corrected headline"
    assert summary.updated["posts"] == 1
    assert ArticlePage.objects.filter(title__endswith="headline").count() == 1


def test_dry_run_writes_nothing_and_prints_the_same_summary(tmp_path):
    path = write(tmp_path, [P(70, "Dry"), P(71, "Run")])
    before = _state()
    dry = wordpress_import(path=path, dry_run=True)
    assert _state() == before
    real = wordpress_import(path=path)
    assert dry.created == real.created and dict(dry.skipped) == dict(real.skipped)
    assert dry.lines()[0].startswith("Dry run: nothing was written")


def test_a_file_that_fails_halfway_writes_nothing(tmp_path):
    path = write(tmp_path, [P(80, "Good one"), P(81, "Good two"), P(82, "Bad")])
    text = path.read_text()
    path.write_text(text.replace("<wp:post_id>82</wp:post_id>", "<wp:post_id>eighty-two</wp:post_id>"))
    before = _state()
    with pytest.raises(WXRError, match="eighty-two"):
        wordpress_import(path=path)
    assert _state() == before


def test_an_error_while_writing_rolls_everything_back(tmp_path):
    class Failing(WordPressImporter):
        def article_import(self, item):
            if item.post_id == 92:
                raise RuntimeError("disk full")
            super().article_import(item)

    before = _state()
    with pytest.raises(RuntimeError):
        Failing(path=write(tmp_path, [P(91, "Fine"), P(92, "Boom")])).run()
    assert _state() == before


# -- redirects ----------------------------------------------------------------------------------


def test_old_permalinks_short_links_and_old_slugs_redirect(tmp_path, client):
    post = P(100, "Lighthouse keeper retires", slug="keeper-retires", meta=[("_wp_old_slug", "keeper-to-retire")])
    wordpress_import(path=write(tmp_path, [post]))
    new_url = _article(100).article_path()
    for old in ("/2024/03/01/keeper-retires/", "/2024/03/01/keeper-to-retire/", "/?p=100"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith(new_url), old
    assert client.get("/?p=999").status_code == 200  # unknown ID: just the home page


def test_short_link_to_a_draft_is_not_revealed(tmp_path, client):
    wordpress_import(path=write(tmp_path, [P(110, "Secret draft", status="draft")]))
    assert client.get("/?p=110").status_code == 200


# -- the real export --------------------------------------------------------------------------------


def test_theme_unit_test_export_imports_completely_and_again_changes_nothing(client):
    from dateline.comments.models import Comment
    from dateline.importers.wordpress.parser import wxr_read

    summary = wordpress_import(path=THEME_EXPORT)
    assert summary.created["posts"] == 58  # 56 published, 1 draft, 1 scheduled
    assert summary.created["authors"] == 2 and summary.created["tags"] == 110 and summary.created["categories"] == 68
    assert summary.created["images awaiting fetch"] == 37
    # 56 published, less the password-protected one (a draft here); the scheduled one waits for 2030.
    assert ArticlePage.objects.live().count() == 55
    assert ArticlePage.objects.filter(live=False, go_live_at__year=2030).count() == 1
    assert len(summary.skipped["WordPress pages are not imported unless --pages-section names a section for them"]) == 21
    assert Page.find_problems() == ([], [], [], [], [])
    # Comment threads: every comment is there, under the parent WordPress gave it.
    wp_parents = {}
    links = {}
    for kind, record in wxr_read(str(THEME_EXPORT)):
        if kind == "item" and record.post_type == "post":
            wp_parents.update({c.wp_id: c.parent for c in record.comments})
            if record.status == "publish" and not record.password:
                links[record.post_id] = record.link
    stored = {int(c.import_key.rsplit(":", 1)[1]): c for c in Comment.objects.select_related("parent")}
    assert len(stored) == len(wp_parents) == 28  # the other 5 of the 33 are on pages, not imported by default
    for wp_id, parent in wp_parents.items():
        got = stored[wp_id].parent
        assert (int(got.import_key.rsplit(":", 1)[1]) if got else 0) == parent, wp_id
    # Old permalinks answer with a permanent redirect to the article.
    for wp_id, link in list(links.items())[:10]:
        response = client.get(link.split("wordpress.com", 1)[1])
        assert response.status_code == 301 and response["Location"].endswith(_article(wp_id).article_path()), link
    before = _state()
    again = wordpress_import(path=THEME_EXPORT)
    assert _state() == before and sum(again.created.values()) == 0 and sum(again.updated.values()) == 0


# -- images --------------------------------------------------------------------------------------


def _uploads(tmp_path):
    import io

    from PIL import Image as PILImage

    folder = tmp_path / "uploads" / "2024" / "03"
    folder.mkdir(parents=True)
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 400), (20, 60, 90)).save(buffer, "JPEG")
    (folder / "pier.jpg").write_bytes(buffer.getvalue())
    return tmp_path / "uploads"


def _with_image() -> list[P]:
    meta = 'a:1:{s:10:"image_meta";a:2:{s:6:"credit";s:10:"Lena Ruud";s:7:"caption";s:0:"";}}'
    attachment = P(
        500,
        "The pier at low tide",
        post_type="attachment",
        status="inherit",
        excerpt="Boats resting on the mud.",
        attachment_url="https://gullpoint.example/wp-content/uploads/2024/03/pier.jpg",
        meta=[("_wp_attached_file", "2024/03/pier.jpg"), ("_wp_attachment_image_alt", "Wooden pier, boats on mud"), ("_wp_attachment_metadata", meta)],
        categories=[],
    )
    post = P(
        501,
        "Low tide record",
        content='<p>Lowest in years.</p>\n\n<img class="wp-image-500" src="https://gullpoint.example/wp-content/uploads/2024/03/pier-300x200.jpg" alt="The pier" />',
        meta=[("_thumbnail_id", "500")],
    )
    return [post, attachment]  # the attachment after the post that uses it, as exports often have it


def test_featured_and_inline_images_come_from_the_media_dir(tmp_path):
    wordpress_import(path=write(tmp_path, _with_image()), media_dir=_uploads(tmp_path))
    image = NewsImage.objects.get()
    assert (image.title, image.caption, image.description, image.credit) == (
        "The pier at low tide", "Boats resting on the mud.", "Wooden pier, boats on mud", "Lena Ruud"
    )
    assert (image.width, image.height) == (640, 400)
    article = _article(501)
    assert article.lead_image_id == image.pk
    blocks = [(b.block_type, b.value) for b in article.body]
    assert blocks[0] == ("paragraph", blocks[0][1]) and blocks[1][0] == "image"
    assert blocks[1][1]["image"].pk == image.pk and blocks[1][1]["alt"] == "The pier"


def test_without_media_the_url_is_recorded_and_a_later_import_attaches_the_file(tmp_path):
    path = write(tmp_path, _with_image())
    summary = wordpress_import(path=path)
    assert not NewsImage.objects.exists() and _article(501).lead_image is None
    pending = ImportedObject.objects.awaiting_fetch().get()
    assert pending.source_url == "https://gullpoint.example/wp-content/uploads/2024/03/pier.jpg"
    assert any("featured image not available" in reason for reason in summary.skipped)
    wordpress_import(path=path, media_dir=_uploads(tmp_path))
    assert _article(501).lead_image == NewsImage.objects.get()
    assert not ImportedObject.objects.awaiting_fetch().exists()


def test_dry_run_and_failures_leave_no_image_files_behind(tmp_path):
    from django.core.files.storage import default_storage

    uploads = _uploads(tmp_path)
    before = _state()
    names = []

    class Watching(WordPressImporter):
        def _delete_stored_files(self):
            names.extend(self.stored_files)
            super()._delete_stored_files()

    Watching(path=write(tmp_path, _with_image()), media_dir=uploads).run(dry_run=True)
    assert _state() == before and names
    assert not any(default_storage.exists(name) for name in names)


def test_pages_are_purged_once_at_the_end_and_not_on_a_dry_run(tmp_path, django_capture_on_commit_callbacks):
    from dateline.core.purge import reader_pages_changed

    sent = []

    def receiver(sender, paths, reason, **kwargs):
        sent.append((reason, paths))

    reader_pages_changed.connect(receiver, dispatch_uid="test-wordpress-purge")
    try:
        path = write(tmp_path, [P(120, "One", comments=[C(1, "Hi")]), P(121, "Two")])
        with django_capture_on_commit_callbacks(execute=True):
            wordpress_import(path=path, dry_run=True)
        assert sent == []
        with django_capture_on_commit_callbacks(execute=True):
            wordpress_import(path=path)
    finally:
        reader_pages_changed.disconnect(dispatch_uid="test-wordpress-purge")
    assert len(sent) == 1 and sent[0][0] == "wordpress-import"
    assert {_article(120).article_path(), _article(121).article_path(), "/"} <= set(sent[0][1])


def test_a_posts_only_export_and_one_read_in_full_import_the_same(tmp_path, monkeypatch):
    """The first pass stops at the first item when only items follow; with it read in full, the outcome is the same."""
    from dateline.importers.wordpress import services as wp_services

    posts = [P(n, f"Story {n}", slug=f"story-{n}", status="draft" if n == 3 else "publish", comments=[C(n * 10, "Aye")]) for n in range(1, 6)]
    fast = wordpress_import(path=write(tmp_path, posts))
    fast_articles = sorted(ArticlePage.objects.values_list("title", "live"))
    ArticlePage.objects.all().delete()
    monkeypatch.setattr(wp_services, "wxr_items_after_head", lambda path: None)
    full = wordpress_import(path=write(tmp_path, posts, site="https://other.example"))
    assert fast.read == full.read == {"post/publish": 4, "post/draft": 1}
    assert fast.created["posts"] == full.created["posts"] == 5 and fast.created["comments"] == full.created["comments"] == 5
    assert sorted(ArticlePage.objects.values_list("title", "live")) == fast_articles
