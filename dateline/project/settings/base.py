"""Django settings for dateline, read from the environment once, here.

Every ``DATELINE_*`` variable is declared in :mod:`dateline.conf` with its
default and help text; this module turns them into Django settings. Nothing
else in the code base reads ``os.environ``.
"""

from pathlib import Path

import dj_database_url

from dateline import conf
from dateline.core.datadir import data_dir_path, secret_key_from_data_dir

ENV = conf.from_environ()

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent  # .../dateline
DATA_DIR = data_dir_path(ENV["DATA_DIR"])

# Every dateline setting is also a Django setting, so conf.get() can read it
# at call time and tests can override it.
for _name, _value in ENV.items():
    globals()[f"DATELINE_{_name}"] = _value

DEBUG = ENV["DEBUG"]
SECRET_KEY = ENV["SECRET_KEY"] or secret_key_from_data_dir(DATA_DIR)
ALLOWED_HOSTS = [h.strip() for h in ENV["ALLOWED_HOSTS"].split(",") if h.strip()]

INSTALLED_APPS = [
    "dateline.core",
    "dateline.images",
    "dateline.authors",
    "dateline.articles",
    "dateline.analytics",  # after articles: its slots replace the interim ones
    "dateline.related",
    "dateline.newsroom",
    "dateline.comments",
    "dateline.demo",
    # distribution apps (issue 7)
    "dateline.feeds",
    "dateline.sitemaps",
    "dateline.seo",
    "dateline.search",
    "dateline.api",

    # page cache app (issue 8)
    "dateline.pagecache",

    # importer apps (issue 9)
    "dateline.importers.wordpress",

    # security and operations apps (issue 10)
    "dateline.security",
    "dateline.operations",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",

    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # security middleware (issue 10)
    "dateline.security.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",  # outside the views, where it turns a lockout into the 429 page

    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "dateline.security.twofactor.TwoFactorMiddleware",  # issue 10: staff two-factor, admin paths only
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # importer middleware (issue 9)
    "dateline.importers.wordpress.middleware.WordPressLinkMiddleware",

]

ROOT_URLCONF = "dateline.project.urls"
WSGI_APPLICATION = "dateline.project.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dateline.core.context_processors.site",
            ],
        },
    },
]

if ENV["DATABASE_URL"]:
    DATABASES = {"default": dj_database_url.parse(ENV["DATABASE_URL"], conn_max_age=600)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "dateline.sqlite3",
            # Keep each server thread's connection: opening one (and its PRAGMAs) per request cost more than the query.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers run while a writer writes; IMMEDIATE takes the
                # write lock at BEGIN so concurrent writers queue instead of failing.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    f"PRAGMA synchronous={ENV['SQLITE_SYNCHRONOUS']};"  # docs/operations.md
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=5000;"
                    "PRAGMA temp_store=MEMORY;"
                    "PRAGMA mmap_size=268435456;"
                    "PRAGMA cache_size=-32000;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if ENV["REDIS_URL"]:
    _shared_cache = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": ENV["REDIS_URL"]}
else:
    # A file cache is shared by every worker process on the machine and needs no
    # server; versioned keys (dateline.core.cache) make clearing it cheap.
    _shared_cache = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
CACHES = {
    "default": {**_shared_cache, "KEY_PREFIX": "dateline"},
    # Renditions never change once made, so each process may keep its own.
    "renditions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": 3600, "OPTIONS": {"MAX_ENTRIES": 5000}},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = ENV["LANGUAGE_CODE"]
TIME_ZONE = ENV["TIME_ZONE"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# In development static files come straight from the apps; production
# (settings/production.py) serves collected, hashed and compressed copies.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 60  # unhashed names only; hashed names are cached for a year

# Two queues, each run by its own lane of `dateline worker`: "default" for the short tasks
# readers wait on indirectly (view flushes, purges, mail, index updates) and "bulk" for the
# long ones (the related-posts rebuild), so a rebuild never holds a flush behind it.
TASK_QUEUES = ["default", "bulk"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": TASK_QUEUES}}

LOGIN_URL = "wagtailadmin_login"

WAGTAIL_SITE_NAME = ENV["SITE_NAME"]
# Links in notification mail need a host; without a configured one, the address `dateline serve` uses.
WAGTAILADMIN_BASE_URL = ENV["BASE_URL"] or f"http://{ENV['HOST']}:{ENV['PORT']}"
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILREDIRECTS_AUTO_CREATE = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx", "zip"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Mail (reader comments, issue 6): the console in development and the demo, SMTP when configured.
EMAIL_BACKEND = ENV["EMAIL_BACKEND"]
EMAIL_HOST = ENV["EMAIL_HOST"]
EMAIL_PORT = ENV["EMAIL_PORT"]
EMAIL_HOST_USER = ENV["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = ENV["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = ENV["EMAIL_USE_TLS"]
DEFAULT_FROM_EMAIL = ENV["DEFAULT_FROM_EMAIL"]
SERVER_EMAIL = ENV["DEFAULT_FROM_EMAIL"]

# Security, logging, backups (issue 10): CSP, login lockout, logging; see dateline/security/profile.py.
from dateline.security.profile import common_settings  # noqa: E402

globals().update(common_settings(ENV))
