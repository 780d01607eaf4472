"""Commenters' addresses are stored lower-cased, so "has this email an approved comment" is an indexed exact match."""

from django.db import migrations
from django.db.models.functions import Lower


def lower_emails(apps, schema_editor):
    Comment = apps.get_model("dateline_comments", "Comment")
    Comment.objects.exclude(author_email="").update(author_email=Lower("author_email"))


class Migration(migrations.Migration):
    dependencies = [("dateline_comments", "0003_moderator_permissions")]
    operations = [migrations.RunPython(lower_emails, migrations.RunPython.noop)]
