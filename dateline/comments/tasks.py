"""Comments' background tasks, run by `dateline worker` through Django's tasks interface."""

from django_tasks import task

from dateline.comments import services


@task()
def reply_notice_task(*, comment_id: int) -> int:
    """Mail a commenter who opted in about an approved reply to their comment."""
    return services.reply_notice_send(comment_id=comment_id)


@task()
def digest_task() -> dict:
    """The moderators' digest; DigestLog keeps it to one mail per window."""
    return services.digest_send()


@task()
def housekeeping_task() -> dict:
    """Erase personal data past the retention period; purge pages whose comments closed by age."""
    return {
        "retention": services.comments_retention_apply(),
        "autoclosed": services.discussions_autoclose_purge(),
    }
