#!/usr/bin/env bash
# End-to-end benchmark: imapferry against mbsync and against the server pair's own limit, on a
# private pair of Dovecot instances and a generated corpus. Prints a table of times and ratios.
#
#   bench/e2e/run.sh                     # from the repository root, after `mvn -q -DskipTests package`
#   MESSAGES=300 RUNS=1 bench/e2e/run.sh # a small corpus, once, for trying it out
#
# Environment:
#   MESSAGES     messages in the source corpus (default 3000, about 170 MB in 14 folders)
#   SEED         corpus seed (default fixed, so every run copies the same bytes)
#   LATENCY_MS   round trip added by a proxy for the second round of runs (default 20; 0 skips it)
#   RUNS         how often each tool's sequence is repeated, the tools taking turns (default 3);
#                the table gives medians
#   KEEP=1       keep the temporary folder (tool output in tools.log, Dovecot logs) after the run
#   BEFORE_JAR   an earlier build (a copy of an earlier cli/target/imapferry.jar), run in turns with
#                the others as an earlier bin/imapferry did, `java $BEFORE_OPTS -jar BEFORE_JAR`,
#                for before/after ratios of time, CPU and memory
#
# What it does: starts two Dovecot instances (source and target) on free loopback ports in a
# temporary folder, writes the corpus into the source as Maildir files and reads it once untimed,
# then for each tool copies into a fresh (empty) target account: a full copy, a second run with
# nothing changed, and a run after 1% new messages arrived in the source (they are taken out
# again before the next tool). Tools: imapferry (bin/imapferry, with --state), mbsync (Debian's
# isync, installed if missing and run as root), and ServerPairLimit (raw pipelined FETCH, then
# MULTIAPPEND in batches of 100, writing over 1 and over 3 connections). With LATENCY_MS > 0 the
# same is repeated through LatencyProxy in front of both servers. imapsync is not compared: it is
# not in Debian's repositories. Needs dovecot-imapd and Java 17. Everything it starts is stopped,
# and its temporary folder deleted, on exit. bench/README.md says more.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
messages="${MESSAGES:-3000}"
seed="${SEED:-20260101}"
latency_ms="${LATENCY_MS:-20}"
runs="${RUNS:-3}"
# imapferry's default --connections; the limit is also measured writing over that many.
ferry_connections=3

# shellcheck source=bench/e2e/lib.sh
source "$root/bench/e2e/lib.sh"
if ! command -v mbsync >/dev/null; then
  if [[ $EUID -eq 0 ]]; then
    apt-get install -y -q isync >/dev/null
  else
    echo "$me: mbsync is missing: apt-get install -y isync (its column stays empty)" >&2
  fi
fi

start_dovecot source
start_dovecot target
labels=(loopback)
((latency_ms > 0)) && labels+=("rtt${latency_ms}ms")
tools=(limit1 "limit$ferry_connections" ferry mbsync)
[[ -n "$before_jar" ]] && tools+=(before)
add_accounts "${tools[@]}"

echo "corpus (seed $seed):"
java -cp "$bench_jar" org.imapferry.bench.e2e.CorpusGenerator \
  "$src_maildir" "$work/extra" "$messages" "$seed" | sed 's/^/  /'
chown -R "$mail_uid:$mail_gid" "$work/source/mail" "$work/extra"
total="$(message_count source bench)"
extra_count="$(find "$work/extra" -type f -path '*/cur/*' | wc -l)"

# Each run_* copies into the account TOOL-LABEL-RUN, empty until then.
run_imapferry() { # LABEL SOURCE_PORT TARGET_PORT [TOOL COMMAND...]
  local label="$1" from="$2" to="$3" tool="${4:-imapferry}"
  local -a launch=("$root/bin/imapferry")
  (($# > 4)) && launch=("${@:5}")
  local user="ferry-$label-$run" state="$work/ferry-$label-$run.state"
  [[ "$tool" == imapferry ]] || user="$tool-$label-$run" state="$work/$tool-$label-$run.state"
  local -a options=(
    --host1 127.0.0.1 --port1 "$from" --user1 bench --password1 "$password" --nossl1 --notls1
    --host2 127.0.0.1 --port2 "$to" --user2 "$user" --password2 "$password" --nossl2 --notls2
    --nolog --no-progress)
  local -a cmd=("${launch[@]}" "${options[@]}" --state "$state")
  timed "$tool $label full" "${cmd[@]}"
  expect_copied target "$user" "$total" "$tool $label full"
  # The proof of the copy reads every message on both sides; it exits 0 only when nothing differs.
  if [[ "$tool" == imapferry ]]; then
    timed "imapferry $label verify" "${launch[@]}" verify "${options[@]}"
  fi
  timed "$tool $label second" "${cmd[@]}"
  deliver_extra "$user"
  timed "$tool $label 1%-new" "${cmd[@]}"
  expect_copied target "$user" "$((total + extra_count))" "$tool $label 1%-new"
  remove_extra "$user"
  rm -rf "$work/target/mail/$user"
}

run_mbsync() { # LABEL SOURCE_PORT TARGET_PORT
  command -v mbsync >/dev/null || return 0
  local user="mbsync-$1-$run" rc="$work/mbsync-$1-$run.rc"
  mkdir -p "$work/mbsync-$1-$run.state"
  # Far is the source, Near the target; Pull copies far to near only. CopyArrivalDate keeps
  # INTERNALDATE as imapferry does. AuthMechs LOGIN: mbsync will not log in in the clear otherwise.
  cat >"$rc" <<EOF
IMAPAccount source
Host 127.0.0.1
Port $2
User bench
Pass $password
SSLType None
AuthMechs LOGIN

IMAPStore source
Account source

IMAPAccount target
Host 127.0.0.1
Port $3
User $user
Pass $password
SSLType None
AuthMechs LOGIN

IMAPStore target
Account target

Channel copy
Far :source:
Near :target:
Patterns *
Create Near
Sync Pull
CopyArrivalDate yes
SyncState $work/mbsync-$1-$run.state/
EOF
  timed "mbsync $1 full" mbsync -q -c "$rc" -a
  expect_copied target "$user" "$total" "mbsync $1 full"
  timed "mbsync $1 second" mbsync -q -c "$rc" -a
  deliver_extra "$user"
  timed "mbsync $1 1%-new" mbsync -q -c "$rc" -a
  expect_copied target "$user" "$((total + extra_count))" "mbsync $1 1%-new"
  remove_extra "$user"
  rm -rf "$work/target/mail/$user"
}

run_limit() { # LABEL SOURCE_PORT TARGET_PORT CONNECTIONS
  local user="limit$4-$1-$run" key="limit$4 $1" line
  timed "$key" java -cp "$bench_jar" org.imapferry.bench.e2e.ServerPairLimit \
    127.0.0.1 "$2" bench "$password" 127.0.0.1 "$3" "$user" "$password" "$4"
  expect_copied target "$user" "$total" "$key"
  line="$(grep '^messages=' "$log" | tail -n 1)"
  seconds["$key read"]+="$(sed 's/.*read_seconds=\([0-9.]*\).*/\1/' <<<"$line") "
  seconds["$key write"]+="$(sed 's/.*write_seconds=\([0-9.]*\).*/\1/' <<<"$line") "
  rm -rf "$work/target/mail/$user"
}

run_all() { # LABEL SOURCE_PORT TARGET_PORT
  run_limit "$1" "$2" "$3" 1
  run_limit "$1" "$2" "$3" "$ferry_connections"
  run_imapferry "$1" "$2" "$3"
  if [[ -n "$before_jar" ]]; then
    # shellcheck disable=SC2086 # BEFORE_OPTS is a list of JVM options
    run_imapferry "$1" "$2" "$3" before java ${BEFORE_OPTS:-} -jar "$before_jar"
  fi
  run_mbsync "$1" "$2" "$3"
}

warm_source
start_proxies
for run in $(seq "$runs"); do
  echo "run $run of $runs, loopback:"
  # What every imapferry figure carries that mbsync's do not: starting the JVM.
  timed "imapferry start-up" "$root/bin/imapferry" --version
  run_all loopback "$src_port" "$dst_port"
  if ((latency_ms > 0)); then
    echo "run $run of $runs, through a proxy adding ${latency_ms} ms round trip:"
    run_all "${labels[1]}" "$src_proxy" "$dst_proxy"
  fi
done

echo
echo "## End-to-end: $total messages, $(du -sm "$src_maildir" | cut -f1) MB on disk, $(date -u +%Y-%m-%d)"
echo
echo "Seconds of wall time per whole command; imapferry's include its JVM start-up (--version: $(median "imapferry start-up") s)."
echo "Medians of $runs runs (min-max); ratios of medians; second: nothing changed; 1%-new: $extra_count new messages in the source."
echo "limit N: raw pipelined FETCH of everything, then MULTIAPPEND in batches of 100 over N connections (read + write)."
echo
echo "| network | scenario | imapferry | mbsync | limit 1 | limit $ferry_connections | imapferry/mbsync | imapferry/limit 1 | imapferry/limit $ferry_connections |"
echo "|---|---|---|---|---|---|---|---|---|"
for label in "${labels[@]}"; do
  for scenario in full second 1%-new; do
    ferry="$(median "imapferry $label $scenario")"
    mbsync="$(median "mbsync $label $scenario")"
    limit1=""
    limitn=""
    limit_cells="| - | - |"
    if [[ "$scenario" == full ]]; then
      limit1="$(median "limit1 $label")"
      limitn="$(median "limit$ferry_connections $label")"
      limit_cells="| $(cell "limit1 $label") | $(cell "limit$ferry_connections $label") |"
    fi
    echo "| $label | $scenario | $(cell "imapferry $label $scenario") | $(cell "mbsync $label $scenario") $limit_cells" \
      "$(ratio "$ferry" "$mbsync") | $(ratio "$ferry" "$limit1") | $(ratio "$ferry" "$limitn") |"
  done
done
echo
for label in "${labels[@]}"; do
  echo "imapferry verify $label (both sides read and compared): $(cell "imapferry $label verify") s;" \
    "verify/limit-1-read $(ratio "$(median "imapferry $label verify")" "$(median "limit1 $label read")")"
done
for label in "${labels[@]}"; do
  for n in 1 "$ferry_connections"; do
    echo "limit $n $label: read $(median "limit$n $label read") s, write $(median "limit$n $label write") s" \
      "(inside the JVM, without its start-up)"
  done
done
echo
echo "CPU seconds (user + system) and peak RSS (MB) per whole command, medians of $runs runs (min-max):"
echo
echo "| network | scenario | imapferry CPU-s | imapferry RSS | before CPU-s | before RSS | mbsync CPU-s | mbsync RSS | imapferry/before CPU | imapferry/before RSS |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for label in "${labels[@]}"; do
  for scenario in full second 1%-new; do
    key="$label $scenario"
    echo "| $label | $scenario | $(cell "imapferry $key cpu") | $(cell "imapferry $key rss") | $(cell "before $key cpu")" \
      "| $(cell "before $key rss") | $(cell "mbsync $key cpu") | $(cell "mbsync $key rss")" \
      "| $(ratio "$(median "imapferry $key cpu")" "$(median "before $key cpu")")" \
      "| $(ratio "$(median "imapferry $key rss")" "$(median "before $key rss")") |"
  done
done
if [[ -n "$before_jar" ]]; then
  echo
  echo "before: java ${BEFORE_OPTS:-} -jar $before_jar. Wall time, imapferry/before:" \
    "$(for label in "${labels[@]}"; do for scenario in full second 1%-new; do
      printf '%s %s %s; ' "$label" "$scenario" "$(ratio "$(median "imapferry $label $scenario")" \
        "$(median "before $label $scenario")")"; done; done)"
fi
