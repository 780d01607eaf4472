"""The comment area on the article page: threads, order, pagination, inert markup, query count."""

import datetime

import pytest
from django.utils import timezone

from dateline.comments.models import Comment
from dateline.comments.selectors import comment_thread_for_article
from dateline.comments.services import discussion_count_refresh
from tests.comments.helpers import tags_in

pytestmark = pytest.mark.django_db

START = timezone.now() - datetime.timedelta(days=1)


def _c(article, body, parent=None, minutes=0, **fields):
    return Comment.objects.create(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        author_name=fields.pop("author_name", f"Reader {body}"),
        author_email="r@example.org",
        body=body,
        status=fields.pop("status", "approved"),
        created_at=START + datetime.timedelta(minutes=minutes),
        **fields,
    )


def _shape(nodes):
    return [(n.comment.body, n.level, n.reply_to, _shape(n.children)) for n in nodes]


def test_threads_nest_to_the_maximum_depth(article):
    """Replies nest up to COMMENTS_MAX_DEPTH (3); deeper replies join the deepest level, naming whom they answer."""
    a = _c(article, "a", minutes=1)
    b = _c(article, "b", parent=a, minutes=2)
    c = _c(article, "c", parent=b, minutes=3)
    d = _c(article, "d", parent=c, minutes=4, author_name="Dee")
    _c(article, "e", parent=d, minutes=5)
    thread = comment_thread_for_article(article=article)
    assert _shape(thread.nodes) == [
        ("a", 0, "", [("b", 1, "", [("c", 2, "", []), ("d", 2, "Reader c", []), ("e", 2, "Dee", [])])])
    ]


def test_max_depth_setting(article, settings):
    settings.DATELINE_COMMENTS_MAX_DEPTH = 1
    a = _c(article, "a", minutes=1)
    _c(article, "b", parent=a, minutes=2)
    assert _shape(comment_thread_for_article(article=article).nodes) == [("a", 0, "", []), ("b", 0, "Reader a", [])]


def test_oldest_first_with_newest_first_option(article, settings):
    _c(article, "old", minutes=1)
    _c(article, "new", minutes=2)
    assert [n.comment.body for n in comment_thread_for_article(article=article).nodes] == ["old", "new"]
    settings.DATELINE_COMMENTS_NEWEST_FIRST = True
    assert [n.comment.body for n in comment_thread_for_article(article=article).nodes] == ["new", "old"]


def test_held_and_removed_comments_stay_off_the_page(article, client):
    _c(article, "visible text")
    _c(article, "held text", status="pending")
    _c(article, "spam text", status="spam")
    html = client.get(article.article_path()).content.decode()
    assert "visible text" in html and "held text" not in html and "spam text" not in html


def test_pagination_of_top_level_comments(article, client, settings):
    settings.DATELINE_COMMENTS_PER_PAGE = 2
    for i in range(5):
        _c(article, f"comment number {i}", minutes=i)
    first = client.get(article.article_path()).content.decode()
    assert "comment number 0" in first and "comment number 2" not in first
    assert 'href="?cpage=2#comments"' in first
    third = client.get(article.article_path() + "?cpage=3").content.decode()
    assert "comment number 4" in third and "comment number 0" not in third


def test_count_in_the_page_and_on_cards(article, client):
    """The page heading and the section front's card show the approved count."""
    _c(article, "one")
    _c(article, "two")
    discussion_count_refresh(article_ids=[article.pk])
    assert "2 comments</h2>" in client.get(article.article_path()).content.decode()
    section = client.get(f"/{article.section.slug}/").content.decode()
    assert f'href="{article.article_path()}#comments">2 comments</a>' in section


XSS = [
    "<script>alert('x')</script>",
    '<img src=x onerror=alert(1)>',
    '"><svg/onload=alert(1)>',
    "javascript:alert(1)",
    "https://example.org/\"><script>alert(1)</script>",
]


@pytest.mark.parametrize("payload", XSS)
def test_stored_xss_is_inert(article, client, payload):
    """A stored payload in the name, website or text shows as text: no element or attribute of its own."""
    _c(article, f"before {payload} after", author_name=payload[:80], author_url="https://example.org/?q=\"><b>x</b>")
    html = client.get(article.article_path()).content.decode()
    section = html[html.index('id="comments"') : html.index('id="respond"')]
    for tag, attrs in tags_in(section):
        assert tag not in {"script", "img", "svg", "b"}, tag
        assert not any(name.startswith("on") for name in attrs), attrs
        assert not attrs.get("href", "").lower().startswith("javascript"), attrs


@pytest.mark.parametrize("payload", XSS)
def test_reflected_xss_is_inert(post, article, payload):
    """A payload sent back in the no-JS error page (text kept) is escaped."""
    response = post(article, json=False, name="", body=payload, email=payload[:60], url=payload[:60])
    html = response.content.decode()
    form = html[html.index('<form class="comment-form"') : html.index("</form>")]
    for tag, attrs in tags_in(form):
        assert tag not in {"script", "img", "svg"}, tag
        assert not any(name.startswith("on") for name in attrs), attrs


@pytest.mark.parametrize("count", [1, 12])
def test_comment_list_query_count(article, client, django_assert_num_queries, count):
    """The comment area costs two queries (discussion row and approved thread) with 1 or many comments and replies."""
    from django.test import RequestFactory

    from dateline.comments.slots import comment_fragments_clear
    from dateline.core import slots

    parent = None
    for i in range(count):
        parent = _c(article, f"c{i}", parent=parent if i % 3 else None, minutes=i, author_url="https://e.org")
    discussion_count_refresh(article_ids=[article.pk])
    request = RequestFactory().get(article.article_path())
    slots.get("comments").render(page=article, request=request)  # warm
    comment_fragments_clear()  # the rendered area is cached: measure a miss
    with django_assert_num_queries(2):
        html = slots.get("comments").render(page=article, request=request)
    assert html.count('class="comment depth-') == count
    with django_assert_num_queries(0):  # and a hit costs none
        assert slots.get("comments").render(page=article, request=request) == html
