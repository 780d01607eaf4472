"""Put the newsroom's home page and author index where Wagtail's welcome page was."""

from django.db import migrations

HOME_PATH = "00010001"
AUTHORS_PATH = "000100010001"


def create_site_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("articles.HomePage")
    AuthorIndexPage = apps.get_model("authors.AuthorIndexPage")

    if HomePage.objects.exists():
        return
    locale = Locale.objects.order_by("pk").first()
    welcome = Page.objects.filter(path=HOME_PATH).first()
    if welcome is not None:
        if welcome.numchild:
            raise RuntimeError("The page under the root already has children; create the home page by hand.")
        Site.objects.filter(root_page_id=welcome.pk).delete()
        welcome.delete()

    home_ct, _ = ContentType.objects.get_or_create(app_label="articles", model="homepage")
    authors_ct, _ = ContentType.objects.get_or_create(app_label="authors", model="authorindexpage")
    home = HomePage.objects.create(
        title="Home", draft_title="Home", slug="home", content_type=home_ct,
        path=HOME_PATH, depth=2, numchild=1, url_path="/home/", live=True, locale=locale,
    )
    AuthorIndexPage.objects.create(
        title="Authors", draft_title="Authors", slug="authors", content_type=authors_ct,
        path=AUTHORS_PATH, depth=3, numchild=0, url_path="/home/authors/", live=True, locale=locale,
        intro="The reporters, photographers and editors who make this paper.",
    )
    Page.objects.filter(path="0001").update(numchild=1)
    if not Site.objects.exists():
        Site.objects.create(hostname="localhost", port=80, root_page_id=home.pk, is_default_site=True, site_name="")
    else:
        Site.objects.filter(is_default_site=True).update(root_page_id=home.pk)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("articles", "0003_initial"),
        ("authors", "0002_initial"),
    ]
    operations = [migrations.RunPython(create_site_tree, migrations.RunPython.noop)]
