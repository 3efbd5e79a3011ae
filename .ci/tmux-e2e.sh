#!/usr/bin/env bash
# End-to-end: drive the release binary in a private tmux server. Open the seed article, press `n`
# until the last quote ("…walk away from that effort.") is on screen and styled as the current
# quote (reverse video), press `q`, and expect exit status 0. Time-bounded: it never hangs.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${BYLINE_BIN:-target/release/byline}
article=assets/articles/seed-obama-putin-syria.txt
max_presses=${MAX_PRESSES:-60}
[ -x "$bin" ] || { echo "tmux-e2e: $bin not found; run cargo build --release first" >&2; exit 2; }
command -v tmux >/dev/null || apt-get install -y tmux >/dev/null
command -v tmux >/dev/null || { echo "tmux-e2e: tmux is not installed" >&2; exit 2; }

sock="byline-e2e-$$"
rcfile=$(mktemp)
tmux_() { tmux -L "$sock" -f /dev/null "$@"; }
cleanup() { tmux_ kill-server 2>/dev/null || true; rm -f "$rcfile"; }
trap cleanup EXIT

# The pane keeps running after byline exits so its status can be read.
tmux_ new-session -d -x 120 -y 40 "TERM=xterm-256color '$bin' '$article'; echo \$? > '$rcfile'; sleep 30"

wait_for() { # wait_for SECONDS COMMAND…: poll until COMMAND succeeds
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.1
  done
}
screen() { tmux_ capture-pane -p -J; }
styled() { tmux_ capture-pane -p -e; }

wait_for 10 bash -c "tmux -L '$sock' capture-pane -p | grep -q 'Gaps of trust'" ||
  { echo "tmux-e2e: the seed article never appeared" >&2; screen >&2; exit 1; }

# The last quote is current when its words are on screen in reverse video (SGR 7).
last_quote_current() {
  # Follow the SGR state along the line and read it where the word "walk" is drawn.
  styled | perl -ne '
    next unless /walk away/;
    my $rev = 0;
    while (/\G(?:\e\[([0-9;]*)m|([^\e]+)|\e)/gc) {
      if (defined $1) {
        my @p = split /;/, ($1 eq "" ? "0" : $1);
        for (my $i = 0; $i < @p; $i++) {
          my $v = $p[$i];
          if ($v == 38 || $v == 48 || $v == 58) { $i += (($p[$i + 1] // 0) == 5) ? 2 : 4; next }
          $rev = 0 if $v == 0 || $v == 27;
          $rev = 1 if $v == 7;
        }
      } elsif (defined $2 && $2 =~ /walk/) { $found = $rev; last }
    }
    END { exit($found ? 0 : 1) }'
}

found=no
for ((i = 1; i <= max_presses; i++)); do
  tmux_ send-keys n
  sleep 0.15
  if screen | grep -q 'quote [0-9]*/[0-9]*' && last_quote_current; then
    found=yes
    break
  fi
done
if [ "$found" != yes ]; then
  echo "tmux-e2e: after $max_presses presses of n the last quote ('…walk away from that effort.') is not on screen as the current quote" >&2
  screen >&2
  exit 1
fi
echo "tmux-e2e: last quote current after $i presses of n"

tmux_ send-keys q
wait_for 10 test -s "$rcfile" || { echo "tmux-e2e: byline did not exit after q" >&2; screen >&2; exit 1; }
rc=$(cat "$rcfile")
[ "$rc" = 0 ] || { echo "tmux-e2e: byline exited with status $rc" >&2; exit 1; }
echo "tmux-e2e: ok (exit 0)"
