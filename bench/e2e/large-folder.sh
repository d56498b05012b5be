#!/usr/bin/env bash
# End-to-end benchmark of one very large folder: the whole account in INBOX, copied with the
# default three connection pairs (the folder cut by UID range into slices that the other pairs
# copy) and with one pair. Prints a table of times and ratios.
#
#   bench/e2e/large-folder.sh                       # after `mvn -q -DskipTests package`
#   MESSAGES=2000 RUNS=1 bench/e2e/large-folder.sh  # a small folder, once, for trying it out
#   HUGE=1 bench/e2e/large-folder.sh                # 300,000 messages: does the rate hold?
#
# Environment:
#   MESSAGES     messages in the folder (default 5000, about 280 MB with the default sizes;
#                with HUGE=1, 300000)
#   SIZES        message sizes in bytes, MIN-MAX (default: run.sh's corpus, mostly small, some large;
#                with HUGE=1, 2000-3000)
#   HUGE=1       instead of the comparison below: one copy with bin/imapferry as users run it
#                (its defaults, --state), the target's message count sampled every second while it
#                runs, then the unchanged re-run; prints the rate over each tenth of the folder,
#                the last tenth against the first, CPU seconds and peak RSS. RUNS, LATENCY_MS and
#                BEFORE_JAR do not apply; IMAPFERRY_JAR times that jar as `java $JAVA_OPTS -jar`.
#   TARGET_FORMAT  maildir (default) or mdbox: how the target Dovecot stores mail (with mdbox the
#                count is sampled with doveadm mailbox status)
#   CONNECTIONS  with HUGE=1, --connections for the copy (default: imapferry's own, 3)
#   LIMIT=1      with HUGE=1, also the server pair's limit (ServerPairLimit, the folder held in
#                memory, then MULTIAPPEND on one connection) into another account, sampled the
#                same way: whether a falling rate is the client's or the server's
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
huge="${HUGE:-}"
if [[ -n "$huge" ]]; then
  messages="${MESSAGES:-300000}"
  sizes="${SIZES:-2000-3000}"
else
  messages="${MESSAGES:-5000}"
  sizes="${SIZES:-}"
fi
seed="${SEED:-20260101}"
latency_ms="${LATENCY_MS:-20}"
runs="${RUNS:-3}"

# shellcheck source=bench/e2e/lib.sh
source "$root/bench/e2e/lib.sh"

# huge_folder: the HUGE=1 run, from the Dovecot pair to the printed table.
huge_folder() {
  local last
  start_dovecot source
  start_dovecot target
  add_user source bench
  add_user target huge
  [[ -n "${LIMIT:-}" ]] && add_user target limit
  src_maildir="$work/source/mail/bench/Maildir"
  src_port="$(cat "$work/source/port")"
  dst_port="$(cat "$work/target/port")"

  echo "folder (seed $seed):"
  java -cp "$bench_jar" org.imapferry.bench.e2e.CorpusGenerator \
    "$src_maildir" "$work/extra" "$messages" "$seed" --folders=1 "--sizes=$sizes" | sed 's/^/  /'
  chown -R "$mail_uid:$mail_gid" "$work/source/mail"
  total="$(message_count source bench)"

  # A mailbox this size has been indexed long before anyone copies it. Dovecot indexes a fresh
  # Maildir on first access and caches what is fetched; the copy's metadata pass fetches these.
  # (warm_source would hold the whole folder in one JVM and write it to the target once more.)
  echo "indexing the source (untimed)"
  doveadm -c "$work/source/dovecot.conf" fetch -u bench \
    'uid flags date.received size.virtual hdr.message-id hdr.subject' mailbox INBOX all >/dev/null
  sync

  local -a imapferry=("$root/bin/imapferry")
  [[ -n "${IMAPFERRY_JAR:-}" ]] && imapferry=(java ${JAVA_OPTS:-} -jar "$ferry_jar")
  local -a command=("${imapferry[@]}"
    --host1 127.0.0.1 --port1 "$src_port" --user1 bench --password1 "$password" --nossl1 --notls1
    --host2 127.0.0.1 --port2 "$dst_port" --user2 huge --password2 "$password" --nossl2 --notls2
    --nolog --no-progress --state "$work/huge.state")
  [[ -n "${CONNECTIONS:-}" ]] && command+=(--connections "$CONNECTIONS")
  # Whose CPU the sampler follows: the target Dovecot's imap processes, and the copying client.
  local server_cpu="imapferry-e2e-target-$$/imap"

  run=1
  echo "copy ($total messages; load average before: $(cut -d' ' -f1-3 /proc/loadavg)):"
  sampled_copy copy huge "$work/huge.state" "${command[@]}"
  echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

  echo "unchanged re-run with the state file:"
  timed rerun "${command[@]}"
  expect_copied target huge "$total" "the re-run"
  # Its statistics: nothing transferred, and no connection besides the pair that lists and
  # STATUSes, so no folder was selected.
  local rerun_stats
  rerun_stats="$(awk '/^== rerun /{ p = 1 } p' "$log")"
  if ! grep -Eq '^Messages transferred +: 0$' <<<"$rerun_stats" \
    || ! grep -Eq '^Connections used +: 2$' <<<"$rerun_stats"; then
    echo "$me: the unchanged re-run copied or selected something; its statistics:" >&2
    grep -E '^(Folders|Messages|Connections)' <<<"$rerun_stats" >&2
    exit 1
  fi

  # What one sample costs now, against the other ways to count (milliseconds, one try each).
  local uidlist_ms find_ms doveadm_ms="-"
  if [[ "$target_format" == maildir ]]; then
    uidlist_ms="$(milliseconds uidlist_count target huge)"
    find_ms="$(milliseconds message_count target huge)"
    if doveadm -c "$work/target/dovecot.conf" mailbox status -u huge messages INBOX >/dev/null 2>&1; then
      doveadm_ms="$(milliseconds doveadm -c "$work/target/dovecot.conf" mailbox status -u huge messages INBOX)"
    fi
  fi

  if [[ -n "${LIMIT:-}" ]]; then
    echo "the server pair's limit (raw pipelined FETCH into memory, then MULTIAPPEND on one connection):"
    sampled_copy limit limit "ServerPairLimit.*$dst_port limit" java -cp "$bench_jar" \
      org.imapferry.bench.e2e.ServerPairLimit 127.0.0.1 "$src_port" bench "$password" \
      127.0.0.1 "$dst_port" limit "$password"
  fi

  echo
  echo "## One huge folder: $total messages in INBOX, $(du -sm "$src_maildir" | cut -f1) MB on disk, $(date -u +%Y-%m-%d)"
  echo
  echo "Target stored as $target_format; its message count sampled every second; rates in messages/s."
  echo
  echo "| copy | first tenth | last tenth | last/first | whole copy | wall s | CPU-s | peak RSS MB |"
  echo "|---|---|---|---|---|---|---|---|"
  local key label first_at first_rate last_rate ratio_last
  for key in copy limit; do
    [[ -f "$work/$key.rates" ]] || continue
    read -r first_at first_rate last_rate ratio_last <"$work/$key.rates"
    label="bin/imapferry, ${CONNECTIONS:+--connections $CONNECTIONS, }--state"
    [[ "$key" == limit ]] && label="server pair's limit"
    echo "| $label | $first_rate | $last_rate | $ratio_last" \
      "| $(awk -v n="$total" -v w="$(median "$key")" 'BEGIN { printf "%.0f", n / w }')" \
      "| $(median "$key") | $(median "$key cpu") | $(megabytes "$key") |"
  done
  echo
  echo "Unchanged re-run with the state file: $(median rerun) s, $(median "rerun cpu") CPU-s," \
    "$(megabytes rerun) MB peak RSS; nothing transferred, no folder selected."
  for key in copy limit; do
    [[ -f "$work/$key.rates" ]] || continue
    read -r first_at _ <"$work/$key.rates"
    echo
    echo "$key: first message stored ${first_at} s after the start."
    echo "- messages/s over each tenth: $(sed -n 2p "$work/$key.rates")"
    echo "- 1-minute load average at the end of each tenth: $(sed -n 3p "$work/$key.rates")"
    echo "- target Dovecot's CPU ms per message over each tenth: $(sed -n 4p "$work/$key.rates")"
    echo "- the client's CPU ms per message over each tenth: $(sed -n 5p "$work/$key.rates")"
  done
  if [[ "$target_format" == maildir ]]; then
    echo
    echo "One count of the target at the end: dovecot-uidlist lines ${uidlist_ms} ms, files in the Maildir" \
      "${find_ms} ms, doveadm mailbox status ${doveadm_ms} ms."
  fi
}

# sampled_copy KEY USER CLIENT-PATTERN COMMAND...: times COMMAND as KEY with the target account
# USER's count and the CPU of its Dovecot and of the client (the processes matching
# CLIENT-PATTERN) sampled all along, checks the account holds the whole folder, and writes the
# tenths (tenth_rates) to $work/KEY.rates.
sampled_copy() {
  local key="$1" user="$2" client="$3" samples="$work/$1.samples" started last
  shift 3
  : >"$samples"
  start_sampler "$samples" target "$user" "$server_cpu" "$client"
  started="$EPOCHREALTIME"
  timed "$key" "$@"
  stop_sampler
  expect_copied target "$user" "$total" "$key"
  # After the end, the sampler's way of counting must agree with the files it stands for.
  last="$(uidlist_count target "$user")"
  if [[ "$last" -ne "$total" ]]; then
    echo "$me: the sampler counted $last messages after $key, the Maildir holds $total" >&2
    exit 1
  fi
  tenth_rates "$samples" "$total" "$started" >"$work/$key.rates"
}

milliseconds() { # COMMAND...: how long it took, in milliseconds, its output dropped
  local t0="$EPOCHREALTIME"
  "$@" >/dev/null
  awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", (b - a) * 1000 }'
}

megabytes() { # KEY: the peak RSS timed recorded for KEY's one run, "-" without GNU time
  local v="${seconds[$1 rss]:--}"
  echo "${v% }"
}

# tenth_rates SAMPLES TOTAL START: from the sampler's "TIME COUNT LOAD SERVER-CPU CLIENT-CPU"
# lines, prints five lines: "FIRST-MESSAGE-AT FIRST-TENTH-RATE LAST-TENTH-RATE LAST/FIRST", the ten
# rates, the load average at the end of each tenth, and the server's and the client's CPU
# milliseconds per message over each tenth. Where a tenth ends between two samples its time is
# interpolated (the CPU is taken at the samples around it); the first tenth starts at the first
# sample with a message in it and the last ends at the last sample short of the total, so neither
# counts the start-up or the exit.
tenth_rates() {
  awk -v n="$2" -v t0="$3" '
    { t[NR] = $1 - t0; c[NR] = $2; load[NR] = $3; server[NR] = $4; client[NR] = $5 }
    function index_of(m,   i) {
      for (i = 1; i <= NR && c[i] < m; i++) {}
      return i > NR ? NR : i
    }
    function at(m,   i) {
      i = index_of(m)
      if (i == 1 || c[i] == c[i - 1]) return t[i]
      return t[i - 1] + (m - c[i - 1]) * (t[i] - t[i - 1]) / (c[i] - c[i - 1])
    }
    function per_message(cpu, a, b) {
      return c[b] > c[a] ? sprintf("%.2f", (cpu[b] - cpu[a]) * 1000 / (c[b] - c[a])) : "-"
    }
    END {
      for (f = 1; f <= NR && c[f] == 0; f++) {}
      for (l = NR; l >= 1 && c[l] >= n; l--) {}
      rates = ""; loads = ""; servers = ""; clients = ""
      for (k = 1; k <= 10; k++) {
        lo = n * (k - 1) / 10; hi = n * k / 10
        if (k == 1) { tlo = t[f]; clo = c[f]; ilo = f } else { tlo = at(lo); clo = lo; ilo = index_of(lo) }
        if (k == 10) { thi = t[l]; chi = c[l]; ihi = l } else { thi = at(hi); chi = hi; ihi = index_of(hi) }
        r[k] = (thi > tlo && chi > clo) ? (chi - clo) / (thi - tlo) : 0
        sep = k > 1 ? " " : ""
        rates = rates sep (r[k] > 0 ? sprintf("%.0f", r[k]) : "-")
        loads = loads sep load[index_of(hi)]
        servers = servers sep per_message(server, ilo, ihi)
        clients = clients sep per_message(client, ilo, ihi)
      }
      ratio = (r[1] > 0 && r[10] > 0) ? sprintf("%.2f", r[10] / r[1]) : "-"
      split(rates, shown, " ")
      printf "%.1f %s %s %s\n%s\n%s\n%s\n%s\n", t[f], shown[1], shown[10], ratio, rates, loads, servers, clients
    }' "$1"
}

if [[ -n "$huge" ]]; then
  huge_folder
  exit 0
fi

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
