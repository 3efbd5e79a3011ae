#!/usr/bin/env bash
# End-to-end over the library: add the sample articles to a fresh data dir, start the reader on
# it in a private tmux server, open the speakers view (S), a speaker's quotes (Enter), the first
# quote (Enter) and expect the reader to show it as current; then Esc back, a library search (/),
# q and exit status 0. No network. Time-bounded: it never hangs.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${BYLINE_BIN:-target/release/byline}
[ -x "$bin" ] || { echo "tmux-library-e2e: $bin not found; run cargo build --release first" >&2; exit 2; }
command -v tmux >/dev/null || { echo "tmux-library-e2e: tmux is not installed" >&2; exit 2; }

sock="byline-lib-e2e-$$"
data=$(mktemp -d)
rcfile=$(mktemp)
tmux_() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { tmux_ kill-server 2>/dev/null || true; rm -rf "$data" "$rcfile"; }
trap cleanup EXIT

"$bin" --data "$data" add assets/articles >/dev/null
tmux_ new-session -d -x 120 -y 40 "TERM=xterm-256color '$bin' --data '$data'; echo \$? > '$rcfile'; sleep 30"

screen() { tmux_ capture-pane -p -J; }
expect() { # expect WHAT PATTERN: wait up to 10 s for PATTERN on screen
  local deadline=$((SECONDS + 10))
  until screen | grep -q -- "$2"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "tmux-library-e2e: $1 never appeared (looked for '$2')" >&2
      screen >&2
      exit 1
    fi
    sleep 0.1
  done
}

expect "the library list" 'Files and pages'
tmux_ send-keys S
expect "the speakers view" 'Speakers [0-9]'
tmux_ send-keys Enter
expect "a speaker's quotes" 'Quotes of '
tmux_ send-keys Enter
expect "the quote, current in the reader" 'quote [0-9]*/[0-9]*'
tmux_ send-keys BTab Escape
expect "the speakers again (Esc steps back)" 'Speakers [0-9]'
tmux_ send-keys Escape
expect "the article list again" 'Articles [0-9]*/[0-9]*'
tmux_ send-keys / r a i l Enter
expect "library search results" "Search 'rail'"
tmux_ send-keys q
deadline=$((SECONDS + 10))
until [ -s "$rcfile" ]; do
  [ "$SECONDS" -lt "$deadline" ] || { echo "tmux-library-e2e: byline did not exit after q" >&2; screen >&2; exit 1; }
  sleep 0.1
done
rc=$(cat "$rcfile")
[ "$rc" = 0 ] || { echo "tmux-library-e2e: byline exited with status $rc" >&2; exit 1; }
echo "tmux-library-e2e: ok (exit 0)"
