#!/usr/bin/env bash
# End-to-end benchmark of one very large folder: the whole account in INBOX, copied with the
# default three connection pairs (the folder cut by UID range into slices that the other pairs
# copy) and with one pair. Prints a table of times and ratios.
#
#   bench/e2e/large-folder.sh                       # after `mvn -q -DskipTests package`
#   MESSAGES=2000 RUNS=1 bench/e2e/large-folder.sh  # a small folder, once, for trying it out
#
# Environment:
#   MESSAGES     messages in the folder (default 5000, about 280 MB with the default sizes)
#   SIZES        message sizes in bytes, MIN-MAX (default: run.sh's corpus, mostly small, some large)
#   SEED         corpus seed (default fixed)
#   LATENCY_MS   round trip added by a proxy for the second round of runs (default 20; 0 skips it)
#   RUNS         how often each copy is repeated, taking turns (default 3); the table gives medians
#   IMAPFERRY_JAR  the build to time (default cli/target/imapferry.jar, as bin/imapferry runs it)
#   BEFORE_JAR   another build (a copy of an earlier cli/target/imapferry.jar), timed with three
#                connections in turns with this one, for a before/after ratio
#   KEEP=1       keep the temporary folder (tool output in tools.log, Dovecot logs) after the run
#
# What it does: starts a private Dovecot pair on free loopback ports (with lib.sh, as run.sh
# does), writes the folder into the source as Maildir files and reads it once untimed, then
# copies it into fresh target accounts: --connections 3, --connections 1, and BEFORE_JAR with
# --connections 3 if given. Every copy is checked: the target's message count, and for this
# build with three connections, that the statistics show more than two pairs connected.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
messages="${MESSAGES:-5000}"
sizes="${SIZES:-}"
seed="${SEED:-20260101}"
latency_ms="${LATENCY_MS:-20}"
runs="${RUNS:-3}"

# shellcheck source=bench/e2e/lib.sh
source "$root/bench/e2e/lib.sh"

tools=(pairs3 pairs1)
[[ -n "$before_jar" ]] && tools+=(before3)

start_dovecot source
start_dovecot target
labels=(loopback)
((latency_ms > 0)) && labels+=("rtt${latency_ms}ms")
add_accounts "${tools[@]}"

echo "folder (seed $seed):"
generator=(java -cp "$bench_jar" org.imapferry.bench.e2e.CorpusGenerator
  "$src_maildir" "$work/extra" "$messages" "$seed" --folders=1)
[[ -n "$sizes" ]] && generator+=("--sizes=$sizes")
"${generator[@]}" | sed 's/^/  /'
chown -R "$mail_uid:$mail_gid" "$work/source/mail"
total="$(message_count source bench)"

# copy TOOL LABEL SOURCE_PORT TARGET_PORT: one timed copy into the account TOOL-LABEL-RUN.
copy() {
  local user="$1-$2-$run" jar="$ferry_jar" connections=3 used
  case "$1" in
    pairs1) connections=1 ;;
    before3) jar="$before_jar" ;;
  esac
  timed "$1 $2" java ${JAVA_OPTS:-} -jar "$jar" \
    --host1 127.0.0.1 --port1 "$3" --user1 bench --password1 "$password" --nossl1 --notls1 \
    --host2 127.0.0.1 --port2 "$4" --user2 "$user" --password2 "$password" --nossl2 --notls2 \
    --nolog --no-progress --no-state --connections "$connections"
  expect_copied target "$user" "$total" "$1 $2"
  if [[ "$1" == pairs3 ]]; then
    used="$(awk '/^== /{ c = "" ; next } /^Connections used *:/{ c = $NF } END { print c }' "$log")"
    if ((used <= 4)); then
      echo "$me: $1 $2 used $used connections: the folder was not shared between pairs" >&2
      exit 1
    fi
  fi
  rm -rf "$work/target/mail/$user"
}

warm_source
start_proxies
for run in $(seq "$runs"); do
  echo "run $run of $runs, loopback:"
  for tool in "${tools[@]}"; do
    copy "$tool" loopback "$src_port" "$dst_port"
  done
  if ((latency_ms > 0)); then
    echo "run $run of $runs, through a proxy adding ${latency_ms} ms round trip:"
    for tool in "${tools[@]}"; do
      copy "$tool" "${labels[1]}" "$src_proxy" "$dst_proxy"
    done
  fi
done

echo
echo "## One large folder: $total messages, $(du -sm "$src_maildir" | cut -f1) MB on disk, $(date -u +%Y-%m-%d)"
echo
echo "Seconds of wall time per whole command (JVM start-up included), medians of $runs runs (min-max); ratios of medians."
echo
header="| network | 3 pairs | 1 pair | 3 pairs / 1 pair |"
rule="|---|---|---|---|"
if [[ -n "$before_jar" ]]; then
  header+=" BEFORE_JAR, 3 pairs | 3 pairs / BEFORE_JAR |"
  rule+="---|---|"
fi
echo "$header"
echo "$rule"
for label in "${labels[@]}"; do
  three="$(median "pairs3 $label")"
  one="$(median "pairs1 $label")"
  line="| $label | $(cell "pairs3 $label") | $(cell "pairs1 $label") | $(ratio "$three" "$one") |"
  if [[ -n "$before_jar" ]]; then
    line+=" $(cell "before3 $label") | $(ratio "$three" "$(median "before3 $label")") |"
  fi
  echo "$line"
done
