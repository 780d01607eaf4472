"""The newsroom's groups, their permissions, and the review workflow.

Reporter: writes and submits for review; cannot publish.
Editor: edits anyone's work, publishes, schedules, locks and unlocks; reviews.
Comment moderator: reaches the admin; the comments app adds its permissions.
Administrator: everything, including users and groups.

Wagtail's own starter groups ("Moderators", "Editors") and their workflow are
removed when no one belongs to them, so the admin shows one set of names.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_PERMS = {
    "Reporter": ["add_page"],
    "Editor": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
    "Administrator": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "bulk_delete_page"],
}
COLLECTION_PERMS = {
    "Reporter": [("wagtailimages", "add_image"), ("wagtailimages", "choose_image"),
                 ("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")],
    "Editor": [("wagtailimages", c) for c in ("add_image", "change_image", "delete_image", "choose_image")]
    + [("wagtaildocs", c) for c in ("add_document", "change_document", "delete_document", "choose_document")],
    "Administrator": [("wagtailimages", c) for c in ("add_image", "change_image", "delete_image", "choose_image")]
    + [("wagtaildocs", c) for c in ("add_document", "change_document", "delete_document", "choose_document")],
}
MODEL_PERMS = {
    "Reporter": [("wagtailadmin", "access_admin")],
    "Editor": [("wagtailadmin", "access_admin"), ("wagtailredirects", "add_redirect"),
               ("wagtailredirects", "change_redirect"), ("wagtailredirects", "delete_redirect")],
    "Comment moderator": [("wagtailadmin", "access_admin")],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrate; make them now so they can be granted.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore.GroupApprovalTask")

    def perm(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    groups = {}
    for name in ("Reporter", "Editor", "Comment moderator", "Administrator"):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        for codename in PAGE_PERMS.get(name, []):
            GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=perm("wagtailcore", codename))
        for app_label, codename in COLLECTION_PERMS.get(name, []):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=perm(app_label, codename)
            )
        for app_label, codename in MODEL_PERMS.get(name, []):
            group.permissions.add(perm(app_label, codename))
    groups["Administrator"].permissions.set(Permission.objects.all())

    # Wagtail's starter groups and workflow give way to the newsroom's.
    for name in ("Moderators", "Editors"):
        starter = Group.objects.filter(name=name).first()
        if starter is not None and not starter.user_set.exists():
            for task in GroupApprovalTask.objects.filter(groups=starter):
                for wt in WorkflowTask.objects.filter(task=task):
                    WorkflowPage.objects.filter(workflow=wt.workflow).delete()
                    wt.workflow.active = False
                    wt.workflow.save()
                task.active = False
                task.save()
            starter.delete()

    task_ct, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task, _ = GroupApprovalTask.objects.get_or_create(name="Editor review", defaults={"content_type": task_ct, "active": True})
    task.groups.set([groups["Editor"], groups["Administrator"]])
    workflow, _ = Workflow.objects.get_or_create(name="Newsroom review", defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.filter(page=root_page).delete()
    WorkflowPage.objects.create(workflow=workflow, page=root_page)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_site_tree"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
