import pytest

from dateline import conf


def test_every_setting_reads_from_its_environment_variable():
    """Each DATELINE_<NAME> variable sets that setting, typed like its default."""
    values = conf.from_environ({"DATELINE_ARTICLES_PER_PAGE": "7", "DATELINE_DEBUG": "yes", "DATELINE_SITE_NAME": "The Ledger"})
    assert values["ARTICLES_PER_PAGE"] == 7 and values["DEBUG"] is True and values["SITE_NAME"] == "The Ledger"
    assert values["PAGE_MAX_AGE"] == conf.DEFAULTS["PAGE_MAX_AGE"]


@pytest.mark.parametrize(("name", "raw"), [("ARTICLES_PER_PAGE", "ten"), ("DEBUG", "maybe")])
def test_unparseable_values_name_the_variable(name, raw):
    """A value that does not parse is refused with the variable's name."""
    with pytest.raises(ValueError, match=f"DATELINE_{name}"):
        conf.from_environ({f"DATELINE_{name}": raw})


def test_get_reads_at_call_time(settings):
    """conf.get() sees settings overridden after import."""
    settings.DATELINE_SIDEBAR_COUNT = 3
    assert conf.get("SIDEBAR_COUNT") == 3


def test_unknown_setting_is_an_error():
    """Asking for a setting that is not declared fails loudly."""
    with pytest.raises(KeyError, match="dateline.conf.SETTINGS"):
        conf.get("NO_SUCH_THING")
