"""Load the demo newsroom: sections, authors, articles, images, comments and accounts.

``demo_load`` is what ``dateline demo`` calls. It goes through Wagtail's page
tree and publishing, so the admin shows real revisions and history, then moves
each page's publication times back to when the story "ran". It is idempotent:
anything already there (found by slug, image title or username) is left exactly
as it is, so a second run creates no pages, revisions, images or users and
never resets a password.
"""

from __future__ import annotations

import datetime
import io
import random
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page, PageLogEntry, Revision

from dateline.articles.models import (
    ArticleByline,
    ArticleContributor,
    ArticleCorrection,
    ArticlePage,
    HomePage,
    SectionPage,
)
from dateline.authors.models import AuthorIndexPage, AuthorLink, AuthorPage
from dateline.comments.models import Comment
from dateline.demo import content, images
from dateline.images.models import NewsImage

ILLUSTRATION_CREDIT = "Illustration: Courier graphics desk"
PORTRAIT_CREDIT = "Courier graphics desk"
SITE_AGE_DAYS = 61  # sections and author pages "went up" before the oldest story


@dataclass(frozen=True)
class AccountSpec:
    username: str
    group: str
    label: str  # how the summary names it: "Editor login"
    superuser: bool = False


ACCOUNTS: tuple[AccountSpec, ...] = (
    AccountSpec("editor", "Editor", "Editor login"),
    AccountSpec("reporter", "Reporter", "Reporter login"),
    AccountSpec("moderator", "Comment moderator", "Comment moderator login"),
    AccountSpec("admin", "Administrator", "Administrator login", superuser=True),
)


@dataclass
class DemoAccount:
    username: str
    label: str
    password: str | None  # known only when this run created the account


@dataclass
class DemoResult:
    """What a load did, and what the newsroom holds afterwards."""

    sections_created: int = 0
    authors_created: int = 0
    articles_created: int = 0
    images_created: int = 0
    tags_created: int = 0
    comments_created: int = 0
    views_created: int = 0
    lead_article_set: bool = False
    accounts: list[DemoAccount] = field(default_factory=list)
    # Of the articles this run created: how many sections, authors and tags they span.
    new_article_sections: int = 0
    new_article_authors: int = 0
    new_article_tags: int = 0
    new_embargoed: int = 0
    # The demo's articles in the database afterwards, however they got there.
    articles_total: int = 0
    sections_total: int = 0
    authors_total: int = 0

    @property
    def users_created(self) -> int:
        return sum(1 for account in self.accounts if account.password is not None)

    @property
    def changed(self) -> bool:
        return bool(
            self.sections_created
            or self.authors_created
            or self.articles_created
            or self.images_created
            or self.comments_created
            or self.lead_article_set
            or self.users_created
        )

    def summary_lines(self) -> list[str]:
        lines: list[str] = []
        if not self.changed:
            lines.append(
                f"Nothing changed: the demo newsroom is already loaded ({self.articles_total} articles "
                f"in {self.sections_total} sections by {self.authors_total} authors)."
            )
        else:
            if self.articles_created:
                lines.append(
                    f"{self.articles_created} articles in {self.new_article_sections} sections by "
                    f"{self.new_article_authors} authors, {self.new_article_tags} tags."
                )
            extras = [
                (self.sections_created, "new section", "new sections"),
                (self.authors_created, "new author page", "new author pages"),
                (self.images_created, "image", "images"),
                (self.comments_created, "approved reader comment", "approved reader comments"),
                (self.views_created, "view of readership history", "views of readership history (60 days)"),
            ]
            parts = [f"{n} {one if n == 1 else many}" for n, one, many in extras if n]
            if parts:
                lines.append("Also: " + ", ".join(parts) + ".")
            if self.new_embargoed:
                lines.append(
                    f"{self.new_embargoed} of the articles are under embargo: editors see them in the admin, "
                    "readers when the embargo lifts."
                )
        created = [a for a in self.accounts if a.password is not None]
        kept = [a.username for a in self.accounts if a.password is None]
        for account in created:
            lines.append(f"{account.label}: {account.username} / {account.password}")
        if kept:
            names = kept[0] if len(kept) == 1 else ", ".join(kept[:-1]) + " and " + kept[-1]
            verb = "exists" if len(kept) == 1 else "exist"
            lines.append(f"Accounts {names} already {verb}; passwords left unchanged.")
        return lines


# -- the load ----------------------------------------------------------------------


def demo_load(*, password: str | None) -> DemoResult:
    """Create whatever part of the demo newsroom is missing; leave the rest alone.

    ``password`` (DATELINE_DEMO_PASSWORD) is given to the accounts this run
    creates; without one, a random password is made and reported once in
    ``DemoResult.summary_lines()``.
    """
    from dateline.articles.services import article_lists_clear

    result = DemoResult()
    now = timezone.now()
    with transaction.atomic():
        home = HomePage.objects.get()
        author_index = AuthorIndexPage.objects.get()
        users = _accounts_ensure(password=password, result=result)
        editor = users.get("editor")

        sections = {spec.slug: _section_ensure(spec=spec, home=home, user=editor, now=now, result=result) for spec in content.SECTIONS}
        authors = {spec.slug: _author_ensure(spec=spec, index=author_index, user=editor, now=now, result=result) for spec in content.AUTHORS}

        tags_before = Tag.objects.count()
        new_articles: list[tuple[content.ArticleSpec, ArticlePage]] = []
        for spec in content.ARTICLES:
            article = _article_ensure(spec=spec, section=sections[spec.section], authors=authors, user=editor, now=now, result=result)
            if article is not None:
                new_articles.append((spec, article))
        result.tags_created = Tag.objects.count() - tags_before

        result.articles_created = len(new_articles)
        result.new_article_sections = len({spec.section for spec, _ in new_articles})
        result.new_article_authors = len({slug for spec, _ in new_articles for slug, _role in spec.bylines})
        result.new_article_tags = len({tag for spec, _ in new_articles for tag in spec.tags})
        result.new_embargoed = sum(1 for spec, _ in new_articles if spec.embargo_hours)

        for spec, article in new_articles:
            result.comments_created += _comments_create(spec=spec, article=article, now=now)
            result.views_created += _views_history_create(article=article, lead=spec.slug == content.LEAD_SLUG, now=now)
        if new_articles:
            from dateline.comments.services import discussion_count_refresh

            _held_comments_create(now=now)
            discussion_count_refresh(article_ids=[article.pk for _spec, article in new_articles])

        if home.lead_article_id is None:
            lead = ArticlePage.objects.filter(slug=content.LEAD_SLUG).first()
            if lead is not None:
                home.lead_article = lead
                home.save_revision(user=editor).publish(user=editor)
                result.lead_article_set = True

        slugs = [spec.slug for spec in content.ARTICLES]
        result.articles_total = ArticlePage.objects.filter(slug__in=slugs).count()
        result.sections_total = SectionPage.objects.filter(slug__in=[s.slug for s in content.SECTIONS]).count()
        result.authors_total = AuthorPage.objects.filter(slug__in=[a.slug for a in content.AUTHORS]).count()

    article_lists_clear()
    from dateline.analytics.signals import popular_lists_clear

    popular_lists_clear()
    if result.articles_created:
        from dateline.related.services import related_rebuild

        related_rebuild()  # related lists ready on first start, not only once the worker catches up
    return result


DEMO_REFERRERS = ["search.example", "social.example", "newsletter.example", "aggregator.example"]


def _views_history_create(*, article: ArticlePage, lead: bool, now) -> int:
    """A plausible readership history: a peak on the first day, a decay, a long tail, a daily rhythm."""
    import math
    import random

    from dateline.analytics.models import ReferrerDaily
    from dateline.analytics.services import article_views_history_add

    rng = random.Random(f"views:{article.slug}")
    published_at = ArticlePage.objects.filter(pk=article.pk).values_list("published_at", flat=True).first()
    start = (published_at or now).replace(minute=0, second=0, microsecond=0)
    peak = rng.randint(900, 2600) * (3 if lead else 1)
    hourly = {}
    hour = start
    while published_at is not None and not (article.embargo_until and article.embargo_until > now) and hour <= now:
        age_days = (hour - start).total_seconds() / 86400
        rhythm = 0.35 + 0.65 * math.sin(math.pi * ((hour.hour + 18) % 24) / 24) ** 2
        expected = (peak * math.exp(-age_days / 1.6) + peak * 0.015) * rhythm / 12
        views = int(expected * rng.uniform(0.7, 1.3))
        if views:
            hourly[hour] = views
        hour += datetime.timedelta(hours=1)
    article_views_history_add(article_id=article.pk, hourly=hourly)
    day = timezone.localtime(start).date()
    if published_at is None or published_at > now or (article.embargo_until and article.embargo_until > now):
        return 0  # embargoed or scheduled: no readers yet
    ReferrerDaily.objects.bulk_create(
        [ReferrerDaily(article=article, day=day, domain=domain, views=int(peak * share)) for domain, share in zip(DEMO_REFERRERS, (0.3, 0.2, 0.08, 0.04), strict=True)],
        ignore_conflicts=True,
    )
    return sum(hourly.values())


# -- accounts ----------------------------------------------------------------------


def _accounts_ensure(*, password: str | None, result: DemoResult) -> dict:
    """Create the demo accounts that are missing; never touch one that exists."""
    User = get_user_model()
    new_password = password or secrets.token_urlsafe(9)
    users = {}
    for spec in ACCOUNTS:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            fields = {"email": f"{spec.username}@example.com", "first_name": "Demo", "last_name": spec.group.capitalize()}
            if spec.superuser:
                user = User.objects.create_superuser(spec.username, password=new_password, **fields)
            else:
                user = User.objects.create_user(spec.username, password=new_password, is_staff=True, **fields)
            user.groups.add(Group.objects.get(name=spec.group))
            result.accounts.append(DemoAccount(spec.username, spec.label, new_password))
        else:
            result.accounts.append(DemoAccount(spec.username, spec.label, None))
        users[spec.username] = user
    return users


# -- pages ---------------------------------------------------------------------------


def _publish(page: Page, *, user, at: datetime.datetime, last: datetime.datetime | None = None) -> None:
    """Publish through Wagtail, then date the page, its revision and its log to ``at``."""
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    last = last or at
    fields = {"first_published_at": at, "last_published_at": last, "latest_revision_created_at": at}
    if isinstance(page, ArticlePage):
        fields["published_at"] = at
    type(page).objects.filter(pk=page.pk).update(**fields)
    Revision.objects.filter(pk=revision.pk).update(created_at=at)
    PageLogEntry.objects.filter(page_id=page.pk).update(timestamp=at)


def _section_ensure(*, spec: content.SectionSpec, home: HomePage, user, now, result: DemoResult) -> SectionPage:
    existing = SectionPage.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    section = SectionPage(title=spec.title, slug=spec.slug, intro=spec.intro, show_in_menus=True)
    home.add_child(instance=section)
    _publish(section, user=user, at=now - datetime.timedelta(days=SITE_AGE_DAYS))
    result.sections_created += 1
    return section


def _author_ensure(*, spec: content.AuthorSpec, index: AuthorIndexPage, user, now, result: DemoResult) -> AuthorPage:
    existing = AuthorPage.objects.filter(slug=spec.slug).first()
    if existing is not None:
        return existing
    photo = _portrait_ensure(name=spec.name, result=result)
    author = AuthorPage(
        title=spec.name, slug=spec.slug, job_title=spec.job_title, bio=spec.bio, public_email=spec.email, photo=photo
    )
    for i, (label, url) in enumerate(spec.links):
        author.links.add(AuthorLink(label=label, url=url, sort_order=i))
    index.add_child(instance=author)
    _publish(author, user=user, at=now - datetime.timedelta(days=SITE_AGE_DAYS))
    result.authors_created += 1
    return author


def article_published_moment(*, spec: content.ArticleSpec, now: datetime.datetime) -> datetime.datetime:
    """When the story "ran": ``days_ago`` days back, on the weekday its lede names, at an hour drawn from its slug.

    A story dated today ran a few hours ago; any other ran during the working
    day, in the evening when its lede reports something that happened that day.
    """
    rng = random.Random(f"published:{spec.slug}")
    local_now = timezone.localtime(now)
    day = local_now - datetime.timedelta(days=spec.days_ago)
    weekday = content.lede_weekday(spec)
    if weekday is not None:
        day -= datetime.timedelta(days=(day.weekday() - weekday) % 7)
    if day.date() == local_now.date():
        return now - datetime.timedelta(hours=rng.randint(1, 5), minutes=rng.randint(0, 59))
    hour = rng.randint(17, 21) if weekday is not None else rng.randint(7, 20)
    return day.replace(hour=hour, minute=rng.randint(0, 59), second=0, microsecond=0)


def _article_ensure(
    *, spec: content.ArticleSpec, section: SectionPage, authors: dict, user, now, result: DemoResult
) -> ArticlePage | None:
    """Create and publish one article, or return None when its slug is already taken."""
    if ArticlePage.objects.filter(slug=spec.slug).exists():
        return None
    published = article_published_moment(spec=spec, now=now)
    lead_image = _illustration_ensure(
        title=spec.title,
        seed=spec.slug,
        section=spec.section,
        caption=f"{spec.kicker}: an abstract illustration in {images.PALETTES.get(spec.section, images.DEFAULT_PALETTE).name}.",
        result=result,
    )
    body = spec.body_blocks()
    for kind, value in body:
        if kind == "image":
            inline = _illustration_ensure(
                title=f"{spec.title} (inline)", seed=f"{spec.slug}:inline", section=spec.section, caption=value["caption"], result=result
            )
            value["image"] = inline
            value["alt"] = inline.description
    article = ArticlePage(
        title=spec.title,
        slug=spec.slug,
        kicker=spec.kicker,
        dek=spec.dek,
        body=body,
        lead_image=lead_image,
        dateline_place=spec.place,
        embargo_until=now + datetime.timedelta(hours=spec.embargo_hours) if spec.embargo_hours else None,
    )
    for i, (author_slug, role) in enumerate(spec.bylines):
        article.bylines.add(ArticleByline(author=authors[author_slug], role=role, sort_order=i))
    for i, (name, place, role) in enumerate(spec.contributors):
        article.contributors.add(ArticleContributor(name=name, place=place, role=role, sort_order=i))
    last = published
    for i, (kind, text, hours_after) in enumerate(spec.corrections):
        moment = min(published + datetime.timedelta(hours=hours_after), now - datetime.timedelta(minutes=10))
        last = max(last, moment)
        article.corrections.add(ArticleCorrection(kind=kind, text=text, published_at=moment, sort_order=i))
    if any(kind == "update" for kind, _text, _hours in spec.corrections):
        article.updated_at = last
    section.add_child(instance=article)
    article.tags.add(*spec.tags)
    _publish(article, user=user, at=published, last=last)
    return article


# -- images ------------------------------------------------------------------------


def _illustration_ensure(*, title: str, seed: str, section: str, caption: str, result: DemoResult) -> NewsImage:
    existing = NewsImage.objects.filter(title=title, credit=ILLUSTRATION_CREDIT).first()
    if existing is not None:
        return existing
    data, description = images.lead_image_render(seed=seed, section=section)
    result.images_created += 1
    return _image_save(title=title, data=data, filename=f"demo-{slugify(seed)[:60]}.jpg", description=description, caption=caption, credit=ILLUSTRATION_CREDIT)


def _portrait_ensure(*, name: str, result: DemoResult) -> NewsImage:
    title = f"Portrait placeholder: {name}"
    existing = NewsImage.objects.filter(title=title, credit=PORTRAIT_CREDIT).first()
    if existing is not None:
        return existing
    data, description = images.portrait_render(name=name)
    result.images_created += 1
    return _image_save(
        title=title, data=data, filename=f"demo-portrait-{slugify(name)}.jpg", description=description, caption="", credit=PORTRAIT_CREDIT
    )


def _image_save(*, title: str, data: bytes, filename: str, description: str, caption: str, credit: str) -> NewsImage:
    image = NewsImage(title=title, description=description[:255], caption=caption, credit=credit)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image.file_size = len(data)
    image.save()
    return image


# -- comments ------------------------------------------------------------------------


def _held_comments_create(*, now) -> int:
    """A few comments waiting in the moderation queue, each held for a reason a moderator would see."""
    made = 0
    for slug, name, body, reasons in content.HELD_COMMENTS:
        article = ArticlePage.objects.filter(slug=slug).first()
        if article is None:
            continue
        Comment.objects.create(
            article=article,
            author_name=name,
            author_email=f"{slugify(name).replace('-', '.')}@example.com",
            body=body,
            status=Comment.Status.PENDING,
            held_reasons=list(reasons),
            created_at=now - datetime.timedelta(minutes=20 + 7 * made),
        )
        made += 1
    return made


def _comments_create(*, spec: content.ArticleSpec, article: ArticlePage, now) -> int:
    """Approved reader comments for a new article, replies threaded under their parent.

    They are spread over the story's first day and a half (or the time since it
    ran, if less), in the order written, each approved a few minutes after posting.
    """
    threads = content.COMMENTS.get(spec.slug, ())
    if not threads:
        return 0
    rng = random.Random(f"comments:{spec.slug}")
    published = article_published_moment(spec=spec, now=now)
    window = min(now - published, datetime.timedelta(hours=36)) - datetime.timedelta(minutes=5)
    total = sum(1 + len(replies) for _name, _body, replies in threads)
    step = window / (total + 1)
    count = 0

    def add(name: str, body: str, parent: Comment | None) -> Comment:
        nonlocal count
        count += 1
        created = published + step * count + step * rng.uniform(-0.3, 0.3)
        return Comment.objects.create(
            article=article,
            parent=parent,
            depth=0 if parent is None else parent.depth + 1,
            author_name=name,
            author_email=f"{slugify(name).replace('-', '.')}@example.com",
            body=body,
            status=Comment.Status.APPROVED,
            created_at=created,
            approved_at=min(created + datetime.timedelta(minutes=rng.randint(3, 40)), now),
        )

    for name, body, replies in threads:
        top = add(name, body, None)
        for reply_name, reply_body in replies:
            add(reply_name, reply_body, top)
    return count
