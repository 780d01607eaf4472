from dateline import conf
from dateline.core.cache import Lazy


def site(request):
    """The publication's name, the header's sections and their fragment key, for every template."""
    from dateline.articles.selectors import section_list_for_nav, site_chrome_key

    return {
        "site_name": conf.get("SITE_NAME"),
        "site_tagline": conf.get("SITE_TAGLINE"),
        "beacon_path": conf.get("BEACON_PATH"),
        "nav_sections": section_list_for_nav,  # called lazily by the template
        # The header and footer are cached fragments; a cached copy reads no sections.
        "site_chrome_key": Lazy(lambda: site_chrome_key(path=request.path)),
    }
