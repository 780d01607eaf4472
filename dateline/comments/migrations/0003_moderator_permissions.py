"""The Comment moderator, Editor and Administrator groups may moderate reader comments."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Comment moderator": ["moderate_comment", "change_comment", "delete_comment", "view_comment",
                          "add_blockedword", "change_blockedword", "delete_blockedword", "view_blockedword",
                          "add_blockedemail", "change_blockedemail", "delete_blockedemail", "view_blockedemail",
                          "change_discussion", "view_discussion"],
}
GROUPS["Editor"] = GROUPS["Comment moderator"]
GROUPS["Administrator"] = GROUPS["Comment moderator"] + ["add_comment", "add_discussion", "delete_discussion",
                                                          "view_digestlog", "delete_digestlog"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("dateline_comments")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="dateline_comments", codename__in=codenames)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("dateline_comments", "0002_comment_kinds_discussion_blocklists"),
        ("newsroom", "0002_groups_and_workflow"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
