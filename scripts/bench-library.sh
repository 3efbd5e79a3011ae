#!/usr/bin/env bash
# Library benchmark: `byline fetch` of 50 feeds × 1,000 items (annotation included) from a
# loopback server, peak memory, a second (all 304) fetch, library search, export; newsboat beside
# it when installed. Figures go to docs/PERFORMANCE.md ("Library").
#
#   scripts/bench-library.sh [FEEDS] [ITEMS]      (default 50 1000; needs ../shared/bench)
#
# Uses target/release/byline (run `cargo build --release` first), a scratch dir in /tmp, port 8765.
set -euo pipefail
cd "$(dirname "$0")/.."
feeds=${1:-50}
items=${2:-1000}
shared="$(pwd)/../shared/bench"
bin="$(pwd)/target/release/byline"
work=${BENCH_DIR:-/tmp/byline-bench-library}
port=${BENCH_PORT:-8765}
[ -f "$shared/genfeed.py" ] || { echo "skip: $shared/genfeed.py not found"; exit 0; }
[ -x "$bin" ] || { echo "build first: cargo build --release"; exit 1; }

mkdir -p "$work"
if [ ! -f "$work/feeds-$feeds-$items/feed-000.xml" ]; then
  python3 "$shared/genfeed.py" --out "$work/feeds-$feeds-$items" --feeds "$feeds" --items "$items" \
    --base-url "http://127.0.0.1:$port/" >/dev/null
fi
timeout 900 python3 "$shared/serve.py" --bind 127.0.0.1 --port "$port" --directory "$work/feeds-$feeds-$items" \
  >"$work/serve.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
sleep 1

{
  echo '<?xml version="1.0"?><opml version="2.0"><body>'
  for f in "$work/feeds-$feeds-$items"/*.xml; do
    echo "<outline text=\"$(basename "$f")\" xmlUrl=\"http://127.0.0.1:$port/$(basename "$f")\"/>"
  done
  echo '</body></opml>'
} >"$work/feeds.opml"

data="$work/data"
rm -rf "$data"
"$bin" --data "$data" import "$work/feeds.opml" >/dev/null

measure() { # label, command…
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err"
  read -r secs kb <"$work/time"
  printf '%-28s %8s s %8s MB   %s\n' "$label" "$secs" "$((kb / 1024))" "$(tail -n 1 "$work/out")"
}

echo "byline $("$bin" --version | cut -d' ' -f2), $feeds feeds × $items items, $(nproc) cores"
measure "fetch (first, all new)" "$bin" --data "$data" fetch
measure "fetch (again, 304s)" "$bin" --data "$data" fetch
echo "library file: $(du -sh "$data/library.sqlite3" | cut -f1)"

# Library search and list queries (divan, in-process) on the library just fetched.
BYLINE_BENCH_DATA="$data" cargo bench -q --bench library 2>/dev/null | grep -E '^(├|╰|library)' || true

measure "export json (all)" "$bin" --data "$data" export --format json -o "$work/export.jsonl"
measure "export w3c (all)" "$bin" --data "$data" export --format w3c -o "$work/export.w3c.json"

if command -v newsboat >/dev/null; then
  nb="$work/newsboat"
  rm -rf "$nb" && mkdir -p "$nb"
  sed -n 's/.*xmlUrl="\([^"]*\)".*/\1/p' "$work/feeds.opml" >"$nb/urls"
  measure "newsboat -x reload (first)" newsboat -u "$nb/urls" -c "$nb/cache.db" -C /dev/null -x reload
  measure "newsboat -x reload (again)" newsboat -u "$nb/urls" -c "$nb/cache.db" -C /dev/null -x reload
fi
