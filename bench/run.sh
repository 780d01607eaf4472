#!/usr/bin/env bash
# Run dateline's benchmarks, one after another (this machine's loopback only).
# Results go to bench/results/. Each script also runs on its own; see its --help.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
echo "== Article page, uncached (issue: newsroom site)";  $PY bench/article_page.py
echo "== Beacon ingestion (readership)";                 $PY bench/beacon_ingest.py --database sqlite --vary user-agent
echo "== Top 5 selector at 10 million views";            $PY bench/popular_selector.py --database sqlite
echo "== Related posts precision@5";                     $PY bench/related_eval.py
echo "== WordPress import (posts/s, peak memory)";       $PY bench/wordpress_import.py
echo "== Feeds, sitemaps, search and API (distribution)";   $PY bench/distribution.py
echo "== Reader comments: 200 concurrent posts (SQLite and PostgreSQL)"; $PY bench/comments_post.py --database both
