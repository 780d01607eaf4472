"""The comments app's mail, through Django's mail framework (console backend in the demo, SMTP by settings)."""

from __future__ import annotations

from django.core import signing
from django.core.mail import EmailMessage, send_mail

from dateline import conf

UNSUBSCRIBE_SALT = "dateline.comments.unsubscribe"
MODERATOR_GROUPS = ("Comment moderator",)


def _base_url() -> str:
    from dateline.core.absolute import base_url

    return base_url()


def moderator_addresses() -> list[str]:
    """DATELINE_COMMENTS_MODERATOR_EMAILS, else the active members of the Comment moderator group."""
    configured = [a.strip() for a in conf.get("COMMENTS_MODERATOR_EMAILS").split(",") if a.strip()]
    if configured:
        return configured
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True, groups__name__in=MODERATOR_GROUPS).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


def moderator_digest(*, recipients: list[str], comments: list, total: int) -> None:
    site = conf.get("SITE_NAME")
    lines = [f"{total} reader comment{'s' if total != 1 else ''} wait{'' if total != 1 else 's'} for moderation on {site}.", ""]
    for comment in comments:
        excerpt = " ".join(comment.body.split())[:160]
        lines.append(f"- {comment.author_name} on \"{comment.article.title}\"")
        lines.append(f"  Held because: {'; '.join(comment.held_reason_labels()) or 'waiting for a moderator'}")
        lines.append(f"  {excerpt}")
    if total > len(comments):
        lines.append(f"… and {total - len(comments)} more.")
    from django.urls import reverse

    lines += ["", f"Moderate them: {_base_url()}{reverse('dateline_comments_admin:queue')}", ""]
    send_mail(
        subject=f"[{site}] {total} comment{'s' if total != 1 else ''} to moderate",
        message="\n".join(lines),
        from_email=None,
        recipient_list=recipients,
    )


def unsubscribe_token(*, email: str, comment_id: int) -> str:
    return signing.dumps({"e": email.strip().lower(), "c": comment_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> dict | None:
    """The {"e": email, "c": comment id} a link was made for, or None for a forged or broken link."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("e"), str) or not isinstance(data.get("c"), int):
        return None
    return data


def unsubscribe_url(*, email: str, comment_id: int) -> str:
    return f"{_base_url()}/comments/unsubscribe/{unsubscribe_token(email=email, comment_id=comment_id)}/"


def reply_notice(*, comment, parent) -> int:
    site = conf.get("SITE_NAME")
    article = comment.article
    link = f"{_base_url()}{article.article_path()}#{comment.anchor}"
    unsubscribe = unsubscribe_url(email=parent.author_email, comment_id=parent.pk)
    body = "\n".join(
        [
            f"Hello {parent.author_name},",
            "",
            f"{comment.author_name} replied to your comment on \"{article.title}\":",
            "",
            comment.body,
            "",
            f"Read it on the page: {link}",
            "",
            "You get this mail because you asked for mail about replies to your comment.",
            f"Stop these mails with one click: {unsubscribe}",
        ]
    )
    message = EmailMessage(
        subject=f"[{site}] {comment.author_name} replied to your comment",
        body=body,
        to=[parent.author_email],
        headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
    )
    return message.send()
