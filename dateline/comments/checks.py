"""System checks: a misconfigured spam checker list fails at start-up, not on a reader's post."""

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def spam_checkers_check(app_configs, **kwargs):
    from dateline.comments.spam import checkers

    try:
        checkers()
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), hint="Fix DATELINE_COMMENTS_CHECKERS.", id="dateline.E601")]
    return []
