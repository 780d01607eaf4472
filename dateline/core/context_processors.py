from dateline import conf


def site(request):
    """The publication's name and the header's sections, for every template."""
    from dateline.articles.selectors import section_list_for_nav

    return {
        "site_name": conf.get("SITE_NAME"),
        "site_tagline": conf.get("SITE_TAGLINE"),
        "beacon_path": conf.get("BEACON_PATH"),
        "nav_sections": section_list_for_nav,  # called lazily by the template
    }
