"""Each newsroom group can do what its job needs, and no more."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page

from dateline.articles.models import ArticlePage
from dateline.core.worker import scheduled_publishing_run
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(group_name.lower().replace(" ", "_"), password="pw", is_staff=False)
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_groups_exist_after_migrate():
    """The migration creates the four newsroom groups and removes Wagtail's starter ones."""
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Reporter", "Editor", "Comment moderator", "Administrator"} <= names
    assert not {"Moderators", "Editors"} & names


def test_reporter_writes_and_submits_but_cannot_publish(member):
    """A reporter may create articles in a section and edit their own, but not publish."""
    reporter = member("Reporter")
    section = f.make_section("World")
    assert section.permissions_for_user(reporter).can_add_subpage()
    article = f.make_article(section=section, publish=False, owner=reporter)
    perms = article.permissions_for_user(reporter)
    assert perms.can_edit()
    assert not perms.can_publish()
    assert not perms.can_unpublish()
    someone_elses = f.make_article(section=section)
    assert not someone_elses.permissions_for_user(reporter).can_edit()
    assert reporter.has_perm("wagtailadmin.access_admin")


def test_editor_publishes_and_edits_anyones_work(member):
    """An editor can edit, publish, unpublish and lock any article."""
    editor = member("Editor")
    article = f.make_article(owner=member("Reporter"))
    perms = article.permissions_for_user(editor)
    assert perms.can_edit() and perms.can_publish() and perms.can_unpublish() and perms.can_lock() and perms.can_unlock()
    assert not editor.has_perm("auth.change_user")


def test_comment_moderator_reaches_the_admin_but_not_articles(member):
    """A comment moderator can sign in to the admin but cannot edit or publish articles."""
    moderator = member("Comment moderator")
    article = f.make_article()
    assert moderator.has_perm("wagtailadmin.access_admin")
    perms = article.permissions_for_user(moderator)
    assert not perms.can_edit() and not perms.can_publish()


def test_administrator_manages_people_and_pages(member):
    """An administrator can manage users and groups, and publish."""
    admin = member("Administrator")
    assert admin.has_perm("auth.change_user") and admin.has_perm("auth.change_group")
    assert f.make_article().permissions_for_user(admin).can_publish()


def test_articles_go_through_the_newsroom_review_workflow():
    """Submitting an article starts 'Newsroom review', whose task is reviewed by Editors."""
    article = f.make_article(publish=False)
    workflow = article.get_workflow()
    assert workflow.name == "Newsroom review"
    task = workflow.tasks.first().specific
    assert set(task.groups.values_list("name", flat=True)) == {"Editor", "Administrator"}


def test_reporter_submission_is_approved_and_published_by_an_editor(member):
    """A reporter submits for review; an editor's approval publishes the article."""
    reporter, editor = member("Reporter"), member("Editor")
    article = f.make_article(publish=False, owner=reporter)
    workflow_state = article.get_workflow().start(article, reporter)
    assert not ArticlePage.objects.get(pk=article.pk).live
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "approve")
    assert ArticlePage.objects.get(pk=article.pk).live


def test_scheduled_publishing_needs_no_button(member):
    """A revision approved to go live in the past is published by the worker's periodic job."""
    article = f.make_article(publish=False)
    revision = article.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    assert not Page.objects.get(pk=article.pk).live
    scheduled_publishing_run()
    assert ArticlePage.objects.get(pk=article.pk).live


def test_preview_renders_a_draft():
    """Editors can preview an unpublished draft through Wagtail's preview."""
    article = f.make_article("Draft headline for preview", publish=False)
    response = article.make_preview_request()
    assert response.status_code == 200
    assert "Draft headline for preview" in response.content.decode()


def test_editor_can_lock_an_article(member):
    """Locking an article keeps others from editing it."""
    editor = member("Editor")
    article = f.make_article()
    article.locked, article.locked_by, article.locked_at = True, editor, timezone.now()
    article.save()
    other = member("Administrator")
    assert ArticlePage.objects.get(pk=article.pk).get_lock().for_user(other)
