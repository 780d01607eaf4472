"""Reader endpoints, all under /comments/ (nginx and robots.txt rely on that prefix).

Each view parses the request, calls one service, and renders: JSON for the
page's script and for non-browser clients, HTML pages (post, then redirect) for
browsers without JavaScript.

``post`` and ``report`` are exempt from Django's CSRF check on purpose: the
article page is served from shared caches, so it cannot carry a per-reader CSRF
cookie and token. They require the signed, timestamped, spend-once form token
instead (see :mod:`dateline.comments.tokens`), which a cross-site page cannot
obtain, so a forged cross-site post fails the same way a CSRF failure would.
"""

from __future__ import annotations

import json

from django.core import signing
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dateline import conf
from dateline.analytics.beacon import client_address
from dateline.comments import mail, services, tokens
from dateline.comments.forms import CommentForm
from dateline.comments.models import Comment
from dateline.comments.privacy import ip_hash
from dateline.comments.ratelimit import report_once
from dateline.comments.selectors import CommentNode

POSTED_SALT = "dateline.comments.posted"
COMMENTER_COOKIE = "dateline_commenter"
TOO_BIG = "Your comment is too large to send. Please shorten it and try again."


def _wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or "text/html" not in accept


def _no_store(response: HttpResponse) -> HttpResponse:
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def _commenter_from_cookie(request) -> dict:
    try:
        data = signing.loads(request.COOKIES.get(COMMENTER_COOKIE, ""), salt=COMMENTER_COOKIE)
    except signing.BadSignature:
        return {}
    return {k: v for k, v in data.items() if k in ("name", "email", "url") and isinstance(v, str)} if isinstance(data, dict) else {}


def _form_page(request, *, article, form, parent=None, message="", heading="", status=200, preview=""):
    context = {
        "article": article,
        "form": form,
        "parent": parent,
        "token": tokens.token_issue(),
        "message": message,
        "heading": heading or (f"Reply to {parent.author_name}" if parent else "Your comment"),
        "preview": preview,
        "max_length": conf.get("COMMENTS_MAX_LENGTH"),
    }
    return _no_store(render(request, "comments/comment_form_page.html", context, status=status))


def _message_page(request, *, title: str, message: str, status: int = 200, article=None, extra: dict | None = None):
    context = {"title": title, "message": message, "article": article, **(extra or {})}
    return _no_store(render(request, "comments/message_page.html", context, status=status))


@require_GET
def token_view(request):
    """A fresh form token; the page asks for one when the reader starts on the form."""
    response = JsonResponse(
        {
            "token": tokens.token_issue(),
            "max_age": conf.get("COMMENTS_TOKEN_MAX_AGE"),
            "min_fill": conf.get("COMMENTS_MIN_FILL_SECONDS"),
        }
    )
    return _no_store(response)


def _read_post(request):
    try:
        return request.POST, ""
    except (RequestDataTooBig, TooManyFieldsSent):
        return None, TOO_BIG


def _approved_comment_html(comment: Comment) -> str:
    level = min(comment.depth, max(1, conf.get("COMMENTS_MAX_DEPTH")) - 1)
    node = CommentNode(comment=comment, level=level)
    return render_to_string("comments/includes/node.html", {"node": node, "thread": {"is_open": True}})


@csrf_exempt
@require_POST
def post_view(request):
    data, problem = _read_post(request)
    if data is None:
        if _wants_json(request):
            return _no_store(JsonResponse({"ok": False, "code": "too_large", "message": problem, "errors": {}}, status=413))
        return _message_page(request, title="Comment too large", message=problem, status=413)
    outcome = services.comment_submit(
        data=data,
        client_ip=client_address(request.META),
        user_agent=request.headers.get("User-Agent", ""),
        referrer=request.headers.get("Referer", ""),
    )
    if _wants_json(request):
        payload = {
            "ok": outcome.ok,
            "code": outcome.code,
            "message": outcome.message,
            "errors": outcome.errors(),
            "token_code": outcome.token_code,
        }
        if outcome.comment is not None:
            payload["comment"] = {
                "id": outcome.comment.pk,
                "parent": outcome.comment.parent_id,
                "status": outcome.comment.status,
                "html": _approved_comment_html(outcome.comment) if outcome.code == "approved" else "",
            }
        return _no_store(JsonResponse(payload, status=outcome.status))
    if outcome.ok:
        signed = signing.dumps(outcome.comment.pk, salt=POSTED_SALT)
        response = HttpResponseRedirect(f"/comments/posted/{signed}/", status=303)
        cleaned = outcome.form.cleaned_data
        if cleaned.get("save_details"):
            value = signing.dumps({"name": cleaned["name"], "email": cleaned["email"], "url": cleaned.get("url") or ""}, salt=COMMENTER_COOKIE)
            response.set_cookie(COMMENTER_COOKIE, value, max_age=365 * 86400, path="/comments/", httponly=True, samesite="Lax")
        else:
            response.delete_cookie(COMMENTER_COOKIE, path="/comments/")
        return _no_store(response)
    if outcome.article is None:
        return _message_page(
            request, title="Article not found", message=outcome.message, status=400, extra={"kept_text": data.get("body", "")[:20000]}
        )
    missing_token = outcome.code == "token" and outcome.token_code == "missing"
    preview = ""
    if outcome.code == "token" and outcome.form.is_valid():
        preview = Comment(body=outcome.form.cleaned_data["body"]).body_html()
    return _form_page(
        request,
        article=outcome.article,
        form=outcome.form,
        parent=outcome.parent,
        message=outcome.message,
        heading="Check your comment" if missing_token else "",
        preview=preview,
        status=200 if missing_token else outcome.status,
    )


@require_GET
def posted_view(request, signed):
    try:
        comment_id = signing.loads(signed, salt=POSTED_SALT, max_age=7 * 86400)
    except signing.BadSignature:
        raise Http404("No such comment") from None
    if not isinstance(comment_id, int):
        raise Http404("No such comment")
    comment = Comment.objects.select_related("article", "article__section").filter(pk=comment_id).first()
    if comment is None:
        raise Http404("No such comment")
    approved = comment.status == Comment.Status.APPROVED
    return _message_page(
        request,
        title="Comment published" if approved else "Comment awaiting moderation",
        message=services.POSTED_APPROVED if approved else services.POSTED_PENDING,
        article=comment.article,
        extra={"comment": comment, "anchor": comment.anchor if approved else "comments"},
    )


@require_GET
def reply_view(request, comment_id):
    """The reply form on its own page, for readers without JavaScript (the page's script moves the form instead)."""
    parent = Comment.objects.approved().select_related("article", "article__section").filter(pk=comment_id).first()
    if parent is None or not parent.article.is_visible_to_readers():
        raise Http404("That comment is not there any more")
    if not services.discussion_is_open(article=parent.article, discussion=getattr(parent.article, "discussion", None)):
        return _message_page(request, title="Comments are closed", message="Comments on this article are closed.", article=parent.article)
    form = CommentForm(initial=_commenter_from_cookie(request))
    return _form_page(request, article=parent.article, form=form, parent=parent)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def report_view(request, comment_id):
    """GET: ask the reader to confirm (with a fresh token); POST: record the report."""
    comment = Comment.objects.approved().select_related("article", "article__section").filter(pk=comment_id).first()
    json_client = request.method == "POST" and _wants_json(request)
    if comment is None:
        if json_client:
            return _no_store(JsonResponse({"ok": False, "code": "comment", "message": "That comment is not on the site any more."}, status=404))
        raise Http404("That comment is not on the site any more")
    if request.method == "GET":
        return _no_store(render(request, "comments/report_page.html", {"comment": comment, "article": comment.article, "token": tokens.token_issue()}))
    token = request.POST.get("token", "")
    try:
        tokens.token_check(token, min_fill=0)  # a report is one button, not a form to fill
        tokens.token_spend(token)
    except tokens.TokenError as exc:
        if json_client:
            return _no_store(JsonResponse({"ok": False, "code": "token", "token_code": exc.code, "message": exc.message}, status=400))
        context = {"comment": comment, "article": comment.article, "token": tokens.token_issue(), "message": exc.message}
        return _no_store(render(request, "comments/report_page.html", context, status=400))
    if report_once(ip_hash=ip_hash(client_address(request.META)), comment_id=comment.pk):
        services.comment_report(comment=comment)
    message = "Thank you. The moderators will look at this comment."
    if json_client:
        return _no_store(JsonResponse({"ok": True, "code": "reported", "message": message}))
    return _message_page(request, title="Comment reported", message=message, article=comment.article)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_view(request, token):
    """One click stops reply mail (GET from the mail's link, or a mail client's one-click POST); the page can undo it."""
    data = mail.unsubscribe_read(token)
    if data is None:
        return _message_page(request, title="Link not recognised", message="This unsubscribe link is damaged or incomplete; copy the whole link from the mail.", status=400)
    if request.method == "POST" and request.POST.get("undo") == "1":
        services.reply_notices_resubscribe(comment_id=data["c"], email=data["e"])
        return _message_page(request, title="Reply mail is back on", message="You will get mail about replies to your comment again.")
    count = services.reply_notices_unsubscribe(email=data["e"])
    message = "You will get no more mail about replies to your comments."
    if request.method == "POST" and request.POST.get("List-Unsubscribe") == "One-Click":
        return _no_store(HttpResponse(json.dumps({"ok": True, "unsubscribed": count}), content_type="application/json"))
    return _message_page(request, title="Unsubscribed", message=message, extra={"undo_token": token})
