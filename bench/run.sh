#!/usr/bin/env bash
# Run dateline's benchmarks (this machine's loopback only). Results go to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python bench/article_page.py "$@"
