#!/usr/bin/env bash
# End-to-end benchmark of imapferry's re-runs: what a second run costs on an account that did not
# change, and on one that received 1% new messages, with the state file and without it. Prints a
# table of times and ratios.
#
#   bench/e2e/second-run.sh                     # after `mvn -q -DskipTests package`; 100,000 messages
#   MESSAGES=5000 RUNS=1 bench/e2e/second-run.sh  # a small account, once, for trying it out
#
# Environment:
#   MESSAGES   messages in the source account (default 100000, about 350 MB)
#   FOLDERS    folders they are spread over (default 20)
#   SIZES      message sizes in bytes, MIN-MAX, plain text (default 2000-5000)
#   SEED       corpus seed (default fixed)
#   RUNS       how often each timing is repeated (default 3); the table gives medians
#   IMAPFERRY_JAR  a build to time as `java $JAVA_OPTS -jar` (default: bin/imapferry, with the JVM,
#              flags and trained archive it picks, running cli/target/imapferry.jar)
#   BEFORE_JAR another build (a copy of an earlier cli/target/imapferry.jar) whose unchanged re-run
#              with state is timed in turns with this one's, for a before/after ratio
#   KEEP=1     keep the temporary folder (tool output in tools.log, Dovecot logs) after the run
#
# What it does: starts a private Dovecot pair on free loopback ports (as run.sh does, with
# lib.sh), writes the account into the source as Maildir files, and copies it once with
# imapferry and --state (timed for reference; it includes Dovecot indexing the fresh source).
# Then, RUNS times each, in turns: `imapferry --version` (JVM start-up), a --justlogin run (start-up
# plus connecting and logging in to both servers), the re-run with the state file and the re-run
# with --no-state, nothing changed. Then RUNS times: 1% new messages delivered to the source and
# a re-run with the state file; those messages taken out of both accounts again and the 1% new
# delivered anew for a re-run with --no-state; taken out again. Before each round one untimed run
# with the state file brings the state up to date with the removals, so the state run starts
# from "everything known". Every run is checked: the target's message count, and for the
# unchanged re-run with state, that no folder was selected.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
messages="${MESSAGES:-100000}"
folders="${FOLDERS:-20}"
sizes="${SIZES:-2000-5000}"
seed="${SEED:-20260101}"
runs="${RUNS:-3}"
latency_ms=0

# shellcheck source=bench/e2e/lib.sh
source "$root/bench/e2e/lib.sh"

start_dovecot source
start_dovecot target
add_user source bench
add_user target ferry
src_maildir="$work/source/mail/bench/Maildir"
dst_maildir="$work/target/mail/ferry/Maildir"
src_port="$(cat "$work/source/port")"
dst_port="$(cat "$work/target/port")"

echo "account (seed $seed):"
java -cp "$bench_jar" org.imapferry.bench.e2e.CorpusGenerator \
  "$src_maildir" "$work/extra" "$messages" "$seed" "--folders=$folders" "--sizes=$sizes" | sed 's/^/  /'
chown -R "$mail_uid:$mail_gid" "$work/source/mail" "$work/extra"
total="$(message_count source bench)"
extra_count="$(find "$work/extra" -type f -path '*/cur/*' | wc -l)"

# bin/imapferry itself (its JVM, flags and any trained archive), or, with IMAPFERRY_JAR, that jar
# as plain java -jar.
imapferry=("$root/bin/imapferry")
[[ -n "${IMAPFERRY_JAR:-}" ]] && imapferry=(java ${JAVA_OPTS:-} -jar "$ferry_jar")
ferry=("${imapferry[@]}"
  --host1 127.0.0.1 --port1 "$src_port" --user1 bench --password1 "$password" --nossl1 --notls1
  --host2 127.0.0.1 --port2 "$dst_port" --user2 ferry --password2 "$password" --nossl2 --notls2
  --nolog --no-progress)
with_state=("${ferry[@]}" --state "$work/ferry.state")
stateless=("${ferry[@]}" --no-state)

# remove_copied_extra: takes the copies of the extra messages out of the target (found by their
# Message-IDs, which end in .extra@), so the next 1% run copies them again.
remove_copied_extra() {
  find "$dst_maildir" -type f \( -path '*/cur/*' -o -path '*/new/*' \) -print0 |
    xargs -0 grep -lZF '.extra@bench.example.org>' | xargs -0 -r rm -f || true
  expect_copied target ferry "$total" "removing the copied extra messages"
}

# expect_all_skipped KEY: the last run selected no folder. Its statistics say so: it used no
# connections besides the pair that lists and STATUSes (one pair more per folder worker).
expect_all_skipped() {
  local used
  used="$(awk '/^== /{ c = "" ; next } /^Connections used *:/{ c = $NF } END { print c }' "$log")"
  if [[ "$used" != 2 ]]; then
    echo "$me: $1 did not skip every folder (connections used: $used); the end of its output:" >&2
    tail -n 40 "$log" >&2
    exit 1
  fi
}

run=0
echo "first copy (reference; includes Dovecot indexing the fresh source):"
timed "first copy" "${with_state[@]}"
expect_copied target ferry "$total" "the first copy"

for run in $(seq "$runs"); do
  echo "run $run of $runs, nothing changed:"
  timed "start-up (--version)" "${imapferry[@]}" --version
  timed "login (--justlogin)" "${stateless[@]}" --justlogin
  timed "unchanged state" "${with_state[@]}"
  expect_all_skipped "the unchanged re-run with state"
  expect_copied target ferry "$total" "the unchanged re-run with state"
  if [[ -n "$before_jar" ]]; then
    timed "unchanged state before" java ${JAVA_OPTS:-} -jar "$before_jar" "${with_state[@]:${#imapferry[@]}}"
    expect_all_skipped "the unchanged re-run with state (BEFORE_JAR)"
  fi
  timed "unchanged no-state" "${stateless[@]}"
  expect_copied target ferry "$total" "the unchanged re-run without state"
done

for run in $(seq "$runs"); do
  echo "run $run of $runs, $extra_count new messages:"
  tracked "${with_state[@]}"
  deliver_extra "s$run"
  timed "1%-new state" "${with_state[@]}"
  expect_copied target ferry "$((total + extra_count))" "the 1%-new re-run with state"
  remove_extra "s$run"
  remove_copied_extra
  deliver_extra "n$run"
  timed "1%-new no-state" "${stateless[@]}"
  expect_copied target ferry "$((total + extra_count))" "the 1%-new re-run without state"
  remove_extra "n$run"
  remove_copied_extra
done

startup="$(median "start-up (--version)")"
login="$(median "login (--justlogin)")"
first="$(median "first copy")"
above() { # A B: A-B, or "-"
  if [[ -z "$1" || -z "$2" ]]; then echo "-"; else awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a - b }'; fi
}

echo
echo "## Re-runs: $total messages in $folders folders, $(du -sm "$src_maildir" | cut -f1) MB on disk, $(date -u +%Y-%m-%d)"
echo
echo "Seconds of wall time per whole command on loopback Dovecot, medians of $runs runs (min-max); ratios of medians."
echo "Constants: --version (JVM start-up) $(cell "start-up (--version)") s; --justlogin (start-up, connect and log in to both)" \
  "$(cell "login (--justlogin)") s. First copy, once, for reference: $first s."
echo
echo "| scenario | with state | --no-state | no-state/state | state - justlogin | no-state - justlogin |"
echo "|---|---|---|---|---|---|"
for scenario in unchanged 1%-new; do
  s="$(median "$scenario state")"
  n="$(median "$scenario no-state")"
  label="$scenario"
  [[ "$scenario" == 1%-new ]] && label="1% new ($extra_count messages)"
  echo "| $label | $(cell "$scenario state") | $(cell "$scenario no-state") | $(ratio "$n" "$s")" \
    "| $(above "$s" "$login") | $(above "$n" "$login") |"
done
echo
s_unchanged="$(median "unchanged state")"
s_new="$(median "1%-new state")"
echo "1% new with state minus unchanged with state: $(above "$s_new" "$s_unchanged") s for $extra_count messages;" \
  "the first copy's rate would take $(awk -v f="$first" -v e="$extra_count" -v t="$total" -v c="$startup" \
  'BEGIN { printf "%.2f", (f - c) * e / t }') s for as many (its time less start-up, pro rata)."
if [[ -n "$before_jar" ]]; then
  before="$(median "unchanged state before")"
  echo "unchanged with state, BEFORE_JAR ($before_jar): $(cell "unchanged state before") s; this build/BEFORE_JAR:" \
    "$(ratio "$s_unchanged" "$before")."
fi
echo "unchanged with state / --justlogin: $(ratio "$s_unchanged" "$login"); / --version: $(ratio "$s_unchanged" "$startup")."
echo "CPU seconds (user + system) and peak RSS (MB), medians: unchanged with state $(cell "unchanged state cpu") CPU-s," \
  "$(cell "unchanged state rss") MB; --version $(cell "start-up (--version) cpu") CPU-s, $(cell "start-up (--version) rss") MB."
if [[ -n "$before_jar" ]]; then
  echo "BEFORE_JAR unchanged with state: $(cell "unchanged state before cpu") CPU-s, $(cell "unchanged state before rss") MB;" \
    "this build/BEFORE_JAR CPU: $(ratio "$(median "unchanged state cpu")" "$(median "unchanged state before cpu")")."
fi
