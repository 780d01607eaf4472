"""The embedded page cache: what it stores, what it never stores, and what it serves."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_reader_page_is_stored_and_served_again_without_django(layered, django_assert_num_queries):
    """The second reader of an article gets the stored page, compressed as asked, with no query."""
    article = f.make_article("Harbour bridge reopens")
    first = layered.get(article.article_path())
    assert first.status == 200 and first.cache == "miss"
    with django_assert_num_queries(0):
        again = layered.get(article.article_path())
        brotli_copy = layered.get(article.article_path(), headers={"Accept-Encoding": "gzip, deflate, br"})
        gzip_copy = layered.get(article.article_path(), headers={"Accept-Encoding": "gzip"})
    assert again.cache == "hit" and again.body == first.body
    assert brotli_copy.headers["content-encoding"] == "br" and brotli_copy.text == first.text
    assert gzip_copy.headers["content-encoding"] == "gzip" and gzip_copy.text == first.text
    assert "Accept-Encoding" in again.headers["vary"]
    assert len({again.headers["etag"], brotli_copy.headers["etag"], gzip_copy.headers["etag"]}) == 3


def test_a_matching_etag_gets_304(layered):
    article = f.make_article()
    etag = layered.get(article.article_path()).headers["etag"]
    answer = layered.get(article.article_path(), headers={"If-None-Match": etag})
    assert answer.status == 304 and answer.body == b""


def test_head_is_answered_from_the_store_without_a_body(layered):
    article = f.make_article()
    full = layered.get(article.article_path())
    head = layered.request(article.article_path(), method="HEAD")
    assert head.status == 200 and head.body == b"" and head.headers["content-length"] == str(len(full.body))


def test_the_query_string_is_part_of_the_key(layered, settings):
    settings.DATELINE_ARTICLES_PER_PAGE = 1
    section = f.make_section("World")
    for _ in range(3):
        f.make_article(section=section)
    assert layered.get("/world/").cache == "miss"
    assert layered.get("/world/?page=2").cache == "miss"
    assert layered.get("/world/").cache == "hit"


def test_missing_pages_are_not_stored(layered):
    """Only 200s are kept: a 404 goes to Django every time."""
    assert layered.get("/world/2026/01/01/nothing-here/").status == 404
    assert layered.get("/world/2026/01/01/nothing-here/").cache != "hit"


def test_a_signed_in_editor_never_gets_or_fills_the_cache(layered, client, django_user_model):
    """A request carrying a session goes to Django, and its page is stored for nobody."""
    article = f.make_article()
    editor = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(editor)
    session = client.cookies["sessionid"].value
    as_editor = layered.get(article.article_path(), headers={"Cookie": f"sessionid={session}"})
    assert as_editor.status == 200 and as_editor.cache in ("", "pass")
    assert "private" in as_editor.headers["cache-control"]
    assert layered.get(article.article_path()).cache == "miss"  # the editor's page was not stored
    again = layered.get(article.article_path(), headers={"Cookie": f"sessionid={session}"})
    assert again.cache != "hit"


@pytest.mark.parametrize("header", [{"Authorization": "Basic eDp5"}, {"Cookie": "messages=abc"}])
def test_authorization_and_messages_bypass_the_cache(layered, header):
    article = f.make_article()
    layered.get(article.article_path())
    assert layered.get(article.article_path(), headers=header).cache != "hit"


def test_a_response_that_sets_a_cookie_is_never_stored(layered, settings):
    """One reader's cookie must never reach another: such a response is passed on, not kept."""
    from dateline.pagecache.wsgi import PageCacheMiddleware

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", "5"),
                                  ("Cache-Control", "public, max-age=60"), ("Set-Cookie", "csrftoken=secret")])
        return [b"hello"]

    layer = PageCacheMiddleware(app, journal=str(layered.app.journal.path))
    from tests.pagecache.conftest import LayerClient

    client = LayerClient(layer)
    assert client.get("/x/").set_cookies == ["csrftoken=secret"]
    second = client.get("/x/")
    assert second.cache == "pass" and second.set_cookies == ["csrftoken=secret"]
    assert len(layer.store) == 0


@pytest.mark.parametrize(
    "headers",
    [
        [("Cache-Control", "private, max-age=60")],
        [("Cache-Control", "public, max-age=60"), ("Vary", "Cookie")],
        [("Cache-Control", "no-store")],
        [("Cache-Control", "public, no-cache")],
        [],
    ],
)
def test_private_and_per_reader_responses_are_not_stored(layered, headers):
    from dateline.pagecache.wsgi import PageCacheMiddleware
    from tests.pagecache.conftest import LayerClient

    def app(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", "5"), *headers])
        return [b"hello"]

    layer = PageCacheMiddleware(app, journal=str(layered.app.journal.path))
    client = LayerClient(layer)
    client.get("/x/")
    assert client.get("/x/").cache == "pass"
    assert len(layer.store) == 0


def test_cached_pages_carry_no_form_token_and_no_cookie(layered):
    """What is stored holds nothing of a reader's: no CSRF token, no Set-Cookie, public caching."""
    article = f.make_article()
    first = layered.get(article.article_path())
    assert first.set_cookies == []
    assert "csrfmiddlewaretoken" not in first.text
    assert "public" in first.headers["cache-control"] and "Cookie" not in first.headers["vary"]


def test_the_cache_can_be_switched_off(layered, settings):
    settings.DATELINE_PAGE_CACHE = False
    article = f.make_article()
    layered.get(article.article_path())
    assert layered.get(article.article_path()).cache == ""


def test_uncached_html_is_still_compressed(layered, settings):
    settings.DATELINE_PAGE_CACHE = False
    article = f.make_article()
    answer = layered.get(article.article_path(), headers={"Accept-Encoding": "gzip"})
    assert answer.headers["content-encoding"] == "gzip" and "<h1" in answer.text



def test_uncached_html_goes_to_the_server_whole_and_the_inner_answer_is_closed(journal_file, settings):
    """Uncompressed HTML passed through comes back as a list (granian sends a list in one piece), after the inner close()."""
    import io

    from dateline.pagecache.wsgi import PageCacheMiddleware

    settings.DATELINE_PAGE_CACHE = False
    closed = []

    class DjangoLike:  # an iterable with close(), as Django's HttpResponse
        def __iter__(self):
            return iter([b"<h1>Page</h1>"])

        def close(self):
            closed.append(True)

    def inner(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "13")])
        return DjangoLike()

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/world/", "QUERY_STRING": "", "wsgi.input": io.BytesIO(b"")}
    result = PageCacheMiddleware(inner, journal=str(journal_file))(environ, lambda status, headers, exc_info=None: None)
    assert isinstance(result, list) and b"".join(result) == b"<h1>Page</h1>" and closed == [True]

def test_the_store_keeps_within_its_memory_bound():
    from dateline.pagecache.store import Entry, MemoryStore

    store = MemoryStore(max_bytes=40_000)
    for i in range(20):
        store.put(f"k{i}", Entry(status="200 OK", headers=[], vary="", bodies={"identity": b"x" * 4000}, etag='"e"',
                                 path=f"/p{i}/", stored_at=0, expires_at=1e12))
    assert store.bytes <= 40_000 and 0 < len(store) < 20
    assert store.get("k19") is not None and store.get("k0") is None
