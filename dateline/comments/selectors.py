"""Reads for the comment area: the approved thread of one article, in two queries whatever its size."""

from __future__ import annotations

from dataclasses import dataclass, field

from dateline import conf
from dateline.comments.models import Comment, Discussion
from dateline.comments.services import discussion_is_open
from dateline.core.pagination import PageLinks, page_number_from_request

MAX_COMMENT_PAGE = 1000

#: Each article's thread has a cache version under ``f"{COMMENT_THREAD_CACHE}:{article_id}"``,
#: bumped by ``dateline.comments.services.comment_threads_clear``.
COMMENT_THREAD_CACHE = "comments:thread"


@dataclass
class CommentNode:
    comment: Comment
    level: int
    reply_to: str = ""  # the name replied to, when the reply is shown at a shallower level than its parent's child
    children: list[CommentNode] = field(default_factory=list)


@dataclass
class CommentThread(PageLinks):
    article_id: int
    nodes: list[CommentNode]
    count: int
    is_open: bool
    page_number: int
    has_next: bool
    max_depth: int
    newest_first: bool


def comment_page_from_request(request) -> int:
    return page_number_from_request(request, param="cpage", maximum=MAX_COMMENT_PAGE, digits=5)


def comment_thread_for_article(*, article, page_number: int = 1) -> CommentThread:
    """The article's approved comments as a tree, top-level comments paginated.

    Two queries: the article's discussion row and its approved comments. Replies
    deeper than ``COMMENTS_MAX_DEPTH`` are shown at the deepest level, marked
    with the name they reply to; a reply whose parent is not approved (held,
    removed) is shown as a top-level comment.
    """
    max_depth = max(1, conf.get("COMMENTS_MAX_DEPTH"))
    newest_first = conf.get("COMMENTS_NEWEST_FIRST")
    per_page = max(1, conf.get("COMMENTS_PER_PAGE"))
    discussion = Discussion.objects.filter(article=article).first()
    comments = list(
        Comment.objects.for_article(article)
        .approved()
        .only("pk", "parent_id", "depth", "author_name", "author_url", "body", "created_at", "article_id", "kind")
        .order_by("created_at", "pk")
    )
    by_pk = {c.pk: c for c in comments}
    nodes: dict[int, CommentNode] = {}
    containers: dict[int, list[CommentNode]] = {}  # the list each comment is shown in
    roots: list[CommentNode] = []
    for comment in comments:  # oldest first: a parent always comes before its replies
        parent_node = nodes.get(comment.parent_id) if comment.parent_id else None
        if parent_node is None:
            node, container = CommentNode(comment=comment, level=0), roots
        elif parent_node.level + 1 < max_depth:
            node, container = CommentNode(comment=comment, level=parent_node.level + 1), parent_node.children
        else:
            # As deep as threads go: join the parent's own list, saying whom it answers.
            node = CommentNode(comment=comment, level=parent_node.level, reply_to=by_pk[comment.parent_id].author_name)
            container = containers[comment.parent_id]
        container.append(node)
        nodes[comment.pk] = node
        containers[comment.pk] = container
    if newest_first:
        roots.reverse()
    start = (page_number - 1) * per_page
    page_roots = roots[start : start + per_page]
    return CommentThread(
        article_id=article.pk,
        nodes=page_roots,
        count=len(comments),
        is_open=discussion_is_open(article=article, discussion=discussion),
        page_number=page_number if page_roots or page_number == 1 else 1,
        has_next=len(roots) > start + per_page,
        max_depth=max_depth,
        newest_first=newest_first,
    )


def comment_queue(*, status: str = Comment.Status.PENDING, article_id: int | None = None):
    """The moderation queue: comments in one state, newest first, with their article."""
    qs = Comment.objects.filter(status=status).select_related("article", "parent").order_by("-created_at", "-pk")
    if article_id:
        qs = qs.filter(article_id=article_id)
    return qs
