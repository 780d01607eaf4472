"""Where accepted views wait before they are counted: a database table, or Redis.

``get_view_buffer()`` picks Redis when DATELINE_REDIS_URL is set, else the
database table, which always works. Both give the same guarantees:

- ``append`` returns only after the view is stored (a committed row, or a
  Redis write), and stores a given visitor hash once;
- ``take`` hands out the oldest views not yet counted, and ``commit_marker``
  records, inside the counting transaction, that they have been counted, so a
  flush interrupted at any point counts each view exactly once.
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from dateline import conf


@dataclass
class Taken:
    rows: list[tuple[int, datetime.datetime, str]]  # (article_id, viewed_at, referrer)
    marker: object = None
    extra: dict = field(default_factory=dict)


class ViewBufferBackend:
    """The interface; subclass it to keep views somewhere else."""

    def append(self, *, visitor: str, article_id: int, viewed_at: datetime.datetime, referrer: str) -> bool:
        raise NotImplementedError

    def take(self, *, batch: int) -> Taken:
        raise NotImplementedError

    def commit_marker(self, taken: Taken) -> None:
        """Inside the counting transaction: remember that ``taken`` is counted."""
        raise NotImplementedError

    def after_commit(self, taken: Taken) -> None:
        """After the counting transaction: let go of what was counted."""

    def prune(self, *, before: datetime.datetime) -> int:
        return 0

    def pending(self) -> int:
        raise NotImplementedError


class DatabaseViewBuffer(ViewBufferBackend):
    """The ``analytics_viewbuffer`` table: one row per visitor, article and day."""

    _sql = None

    def append(self, *, visitor, article_id, viewed_at, referrer):
        from dateline.analytics.models import ViewBuffer

        if DatabaseViewBuffer._sql is None:
            table = connection.ops.quote_name(ViewBuffer._meta.db_table)
            DatabaseViewBuffer._sql = (
                f"INSERT INTO {table} (visitor, article_id, viewed_at, referrer, flushed) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (visitor) DO NOTHING"
            )
        with connection.cursor() as cursor:
            cursor.execute(DatabaseViewBuffer._sql, [visitor, article_id, viewed_at, referrer, False])
            return cursor.rowcount == 1

    def take(self, *, batch):
        from dateline.analytics.models import ViewBuffer

        rows = list(ViewBuffer.objects.filter(flushed=False).order_by("id").values_list("id", "article_id", "viewed_at", "referrer")[:batch])
        return Taken(rows=[r[1:] for r in rows], marker=[r[0] for r in rows])

    def commit_marker(self, taken):
        from dateline.analytics.models import ViewBuffer

        ViewBuffer.objects.filter(id__in=taken.marker).update(flushed=True)

    def prune(self, *, before):
        from dateline.analytics.models import ViewBuffer

        deleted, _ = ViewBuffer.objects.filter(flushed=True, viewed_at__lt=before).delete()
        return deleted

    def pending(self):
        from dateline.analytics.models import ViewBuffer

        return ViewBuffer.objects.filter(flushed=False).count()


class RedisViewBuffer(ViewBufferBackend):
    """A sorted set of views scored by a sequence number, plus one expiring key per visitor.

    The highest sequence number counted is kept in the database
    (``BufferCheckpoint``) inside the counting transaction; views at or below
    it are skipped and then removed, so a crash between counting and removing
    counts nothing twice. Redis's own durability applies to views not yet
    counted: with ``appendfsync everysec`` a Redis crash can lose about the
    last second of them (see docs/readership.md).
    """

    name = "redis"
    SEEN_SECONDS = 60 * 60 * 48
    _APPEND = """
    if redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
      local seq = redis.call('INCR', KEYS[2])
      redis.call('ZADD', KEYS[3], seq, seq .. '|' .. ARGV[2])
      return seq
    end
    return 0
    """

    def __init__(self, url: str):
        self.url = url
        self._local = threading.local()

    @property
    def client(self):
        client = getattr(self._local, "client", None)
        if client is None:
            import redis

            client = self._local.client = redis.Redis.from_url(self.url)
            self._local.append = client.register_script(self._APPEND)
        return client

    def _keys(self):
        prefix = "dateline:views"
        return f"{prefix}:seq", f"{prefix}:buffer"

    def append(self, *, visitor, article_id, viewed_at, referrer):
        self.client  # noqa: B018  (connects and registers the script)
        seq_key, buffer_key = self._keys()
        payload = f"{article_id}|{viewed_at.timestamp():.6f}|{referrer}"
        return bool(self._local.append(keys=[f"dateline:views:seen:{visitor}", seq_key, buffer_key], args=[self.SEEN_SECONDS, payload]))

    def _checkpoint(self) -> int:
        from dateline.analytics.models import BufferCheckpoint

        return BufferCheckpoint.objects.filter(name=self.name).values_list("last_seq", flat=True).first() or 0

    def take(self, *, batch):
        _, buffer_key = self._keys()
        last = self._checkpoint()
        items = self.client.zrangebyscore(buffer_key, f"({last}", "+inf", start=0, num=batch)
        rows, top = [], last
        for item in items:
            seq, article_id, ts, referrer = item.decode().split("|", 3)
            top = max(top, int(seq))
            rows.append((int(article_id), datetime.datetime.fromtimestamp(float(ts), tz=datetime.UTC), referrer))
        return Taken(rows=rows, marker=top, extra={"previous": last})

    def commit_marker(self, taken):
        from dateline.analytics.models import BufferCheckpoint

        BufferCheckpoint.objects.update_or_create(name=self.name, defaults={"last_seq": taken.marker})

    def after_commit(self, taken):
        _, buffer_key = self._keys()
        self.client.zremrangebyscore(buffer_key, "-inf", taken.marker)

    def pending(self):
        _, buffer_key = self._keys()
        return self.client.zcount(buffer_key, f"({self._checkpoint()}", "+inf")


_buffers: dict[str, ViewBufferBackend] = {}


def get_view_buffer() -> ViewBufferBackend:
    url = conf.get("REDIS_URL")
    key = url or "database"
    if key not in _buffers:
        _buffers[key] = RedisViewBuffer(url) if url else DatabaseViewBuffer()
    return _buffers[key]


def start_of_today(now=None) -> datetime.datetime:
    return timezone.localtime(now or timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)
