"""WordPress import speed and peak memory on generated exports of growing size.

    .venv/bin/python bench/wordpress_import.py [--posts 1000,4000] [--comments 10] [--keep]

For each size, writes a fictional WXR 1.2 export to a temporary folder (N
posts with --comments comments each, a third of them replies, plus authors,
categories, tags and view-count meta), then runs `dateline import-wordpress`
on it in a fresh data folder (a child process, so its peak memory is its
own: ru_maxrss and CPU time of the child) and reports posts per second of
wall time and of CPU time (the fairer figure on a machine shared with other
work), and peak memory. The import forks a process that reads and converts
the file; its CPU time and peak RSS are reported beside the importer's (its
RSS counts the pages it shares with the importer after the fork), and the
peak of the two processes' summed PSS (each shared page counted once), the
figure to hold against the memory target.
Two sizes or more show whether memory stays flat as the file grows.

The issue's target run is `--posts 50000 --comments 10`; on this shared
two-core machine it takes long, so the default is two smaller sizes.

Set DATELINE_DATABASE_URL to measure on PostgreSQL (the database must exist
and be empty; it is migrated, and not emptied between sizes, so give one size).
Results are printed as a Markdown table and written to bench/results/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results"

WORDS = (
    "harbour tide ferry council quay gull lantern market budget storm pier net boat skipper "
    "island school bridge road vote festival rain fog lighthouse orchard mill station library"
).split()
SECTIONS = ["harbour", "council", "schools", "weather", "culture", "sport"]


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def wxr_generate(path: Path, *, posts: int, comments: int, seed: int = 7) -> int:
    """Write a fictional export; returns its size in bytes. Streams, so any size fits in memory."""
    rng = random.Random(seed)
    site = "https://bench-gazette.example"
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n<title>Bench Gazette</title>\n'
            f"<link>{site}</link>\n<wp:wxr_version>1.2</wp:wxr_version>\n<wp:base_site_url>{site}</wp:base_site_url>\n"
            f"<wp:base_blog_url>{site}</wp:base_blog_url>\n"
        )
        for i in range(20):
            out.write(
                f"<wp:author><wp:author_login>writer{i}</wp:author_login><wp:author_email>writer{i}@example.org</wp:author_email>"
                f"<wp:author_display_name>{_cdata(f'Writer Number {i}')}</wp:author_display_name></wp:author>\n"
            )
        for slug in SECTIONS:
            out.write(f"<wp:category><wp:category_nicename>{slug}</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>{slug.title()}</wp:cat_name></wp:category>\n")
        for word in WORDS:
            out.write(f"<wp:tag><wp:tag_slug>{word}</wp:tag_slug><wp:tag_name>{word.title()}</wp:tag_name></wp:tag>\n")
        comment_id = 0
        for n in range(1, posts + 1):
            title = _sentence(rng, 6)
            paragraphs = "\n\n".join(
                f"<!-- wp:paragraph -->\n<p>{_sentence(rng, 30)} <strong>{rng.choice(WORDS)}</strong> {_sentence(rng, 20)}</p>\n<!-- /wp:paragraph -->"
                for _ in range(6)
            )
            day = 1 + n % 28
            month = 1 + n % 12
            date = f"2023-{month:02d}-{day:02d} {n % 24:02d}:{n % 60:02d}:00"
            slug = f"story-{n}"
            parts = [
                "<item>",
                f"<title>{_cdata(title)}</title>",
                f"<link>{site}/2023/{month:02d}/{day:02d}/{slug}/</link>",
                f"<dc:creator>writer{n % 20}</dc:creator>",
                f"<content:encoded>{_cdata(paragraphs)}</content:encoded>",
                f"<excerpt:encoded>{_cdata(_sentence(rng, 12))}</excerpt:encoded>",
                f"<wp:post_id>{n}</wp:post_id><wp:post_date>{date}</wp:post_date><wp:post_date_gmt>{date}</wp:post_date_gmt>",
                f"<wp:post_name>{slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>",
                f'<category domain="category" nicename="{SECTIONS[n % len(SECTIONS)]}">{SECTIONS[n % len(SECTIONS)].title()}</category>',
                f'<category domain="post_tag" nicename="{WORDS[n % len(WORDS)]}">{WORDS[n % len(WORDS)].title()}</category>',
                f"<wp:postmeta><wp:meta_key>post_views_count</wp:meta_key><wp:meta_value>{rng.randint(10, 90000)}</wp:meta_value></wp:postmeta>",
            ]
            first_of_post = comment_id + 1
            for c in range(comments):
                comment_id += 1
                parent = rng.randint(first_of_post, comment_id - 1) if c and rng.random() < 0.33 else 0
                parts.append(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{_cdata(f'Reader {comment_id % 500}')}</wp:comment_author>"
                    f"<wp:comment_author_email>reader{comment_id % 500}@example.org</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
                    f"<wp:comment_date>{date}</wp:comment_date><wp:comment_date_gmt>{date}</wp:comment_date_gmt>"
                    f"<wp:comment_content>{_cdata(_sentence(rng, 18))}</wp:comment_content><wp:comment_approved>1</wp:comment_approved>"
                    f"<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
            parts.append("</item>\n")
            out.write("\n".join(parts))
        out.write("</channel>\n</rss>\n")
    return path.stat().st_size


# Runs the command in this child process and reports its own CPU time and peak memory (not the migrate's).
CHILD = r"""
import json, resource, sys, time
from dateline.cli import cli
started = time.monotonic()
try:
    cli.main(["import-wordpress", sys.argv[1]], standalone_mode=False)
finally:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    reader = resource.getrusage(resource.RUSAGE_CHILDREN)  # the forked process that reads and converts the file
    print("BENCH" + json.dumps({
        "wall": time.monotonic() - started, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss,
        "reader_cpu": reader.ru_utime + reader.ru_stime, "reader_maxrss_kb": reader.ru_maxrss,
    }))
"""


def run_import(wxr: Path, *, data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))}
    env["DATELINE_DATA_DIR"] = str(data_dir)
    if os.environ.get("DATELINE_DATABASE_URL"):
        env["DATELINE_DATABASE_URL"] = os.environ["DATELINE_DATABASE_URL"]
    subprocess.run([str(BIN / "dateline"), "manage", "migrate", "-v0"], env=env, check=True)
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(wxr)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = PssSampler(child.pid)
    sampler.start()
    stdout, stderr = child.communicate()
    sampler.stop()
    line = next((x for x in stdout.splitlines() if x.startswith("BENCH")), None)
    if child.returncode != 0 or line is None:
        sys.exit(f"import failed:\n{stdout}\n{stderr}")
    figures = json.loads(line[5:])
    return {
        "seconds": figures["wall"], "cpu": figures["cpu"], "peak_mb": figures["maxrss_kb"] / 1024,
        "reader_cpu": figures.get("reader_cpu", 0.0), "reader_peak_mb": figures.get("reader_maxrss_kb", 0) / 1024,
        "pss_peak_mb": sampler.peak_kb / 1024, "output": stdout,
    }


class PssSampler(threading.Thread):
    """Peak of the summed proportional set size (PSS) of a process and all its descendants.

    The importer forks a reader; after the fork the two share most pages, so their
    ru_maxrss figures overlap and cannot be added. PSS divides each shared page
    among the processes that map it, so the sum over the tree is the memory the
    import really holds. Sampled from /proc every 50 ms (Linux only; 0 elsewhere).
    """

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.peak_kb = max(self.peak_kb, sum(self._pss_kb(pid) for pid in self._tree(self.pid)))
            self._done.wait(self.interval)

    def stop(self) -> None:
        self._done.set()
        self.join()

    @classmethod
    def _tree(cls, pid: int) -> list[int]:
        pids = [pid]
        try:
            for task in Path(f"/proc/{pid}/task").iterdir():
                for child in (task / "children").read_text().split():
                    pids += cls._tree(int(child))
        except OSError:
            pass
        return pids

    @staticmethod
    def _pss_kb(pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", default="1000,4000", help="Comma-separated sizes, in posts (default 1000,4000).")
    parser.add_argument("--comments", type=int, default=10, help="Comments per post (default 10).")
    parser.add_argument("--keep", action="store_true", help="Keep the generated files and data folders.")
    args = parser.parse_args()
    sizes = [int(s) for s in args.posts.split(",") if s.strip()]
    work = Path(tempfile.mkdtemp(prefix="wxr-bench-"))
    rows = []
    try:
        for posts in sizes:
            wxr = work / f"export-{posts}.xml"
            size = wxr_generate(wxr, posts=posts, comments=args.comments)
            print(f"{posts} posts × {args.comments} comments: {size / 1e6:.1f} MB of WXR; importing…", flush=True)
            result = run_import(wxr, data_dir=work / f"var-{posts}")
            cpu = result["cpu"] + result["reader_cpu"]
            rate, cpu_rate = posts / result["seconds"], posts / cpu
            rows.append((posts, args.comments, size / 1e6, result["seconds"], rate, result["cpu"], result["reader_cpu"], cpu_rate, result["peak_mb"], result["reader_peak_mb"], result["pss_peak_mb"]))
            print(
                f"  {result['seconds']:.1f} s, {rate:.1f} posts/s; {result['cpu']:.1f} CPU s + {result['reader_cpu']:.1f} in the reading process, "
                f"{cpu_rate:.1f} posts per CPU s; peak {result['peak_mb']:.0f} MB, reading process {result['reader_peak_mb']:.0f} MB, "
                f"both together (summed PSS) {result['pss_peak_mb']:.0f} MB",
                flush=True,
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"kept {work}")
    database = "PostgreSQL" if os.environ.get("DATELINE_DATABASE_URL") else "SQLite"
    table = [
        f"WordPress import on {database} ({os.cpu_count()} cores), `dateline import-wordpress`, fresh data folder per size",
        "",
        "| posts | comments/post | WXR MB | wall s | posts/s | CPU s | reader CPU s | posts per CPU s | peak RSS MB | reader peak RSS MB | peak summed PSS MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    table += [
        f"| {p} | {c} | {mb:.1f} | {s:.1f} | {r:.1f} | {cpu:.1f} | {rcpu:.1f} | {cr:.1f} | {m:.0f} | {rm:.0f} | {pss:.0f} |"
        for p, c, mb, s, r, cpu, rcpu, cr, m, rm, pss in rows
    ]
    text = "\n".join(table)
    print(text)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"wordpress_import-{database.lower()}.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
