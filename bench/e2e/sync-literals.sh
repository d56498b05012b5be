#!/usr/bin/env bash
# End-to-end benchmark: a target on which every APPEND waits for its "+", as on Courier-IMAP (no
# LITERAL+, no MULTIAPPEND) and on Gmail past 4 KB (LITERAL- only), answering through NagleProxy:
# each line the server sends is a write of its own on a socket with Nagle's algorithm on, as a
# server behind a listener that leaves Nagle on answers. Prints one table of times.
#
#   bench/e2e/sync-literals.sh                             # from the repository root, after a build
#   BEFORE_JAR=/tmp/old-imapferry.jar bench/e2e/sync-literals.sh   # and an earlier build, in turns
#
# Environment:
#   MESSAGES     messages in the source corpus (default 1500, about 90 MB in 14 folders)
#   SEED         corpus seed (default fixed)
#   RUNS         how often each copy is repeated, the tools taking turns (default 1)
#   CONNECTIONS  the --connections values tried through the proxy (default "1 3")
#   KEEP=1       keep the temporary folder (tool output in tools.log, Dovecot logs)
#   BEFORE_JAR   an earlier build, run as `java $BEFORE_OPTS -jar BEFORE_JAR`
#
# The target Dovecot advertises its usual capabilities less LITERAL+ and MULTIAPPEND
# (imap_capability), so a client must send every APPEND's literal as {n} and wait for "+". Each
# copy goes into an empty target account and is checked by counting the target's messages. Needs
# dovecot-imapd and Java 17, and root (Dovecot stores mail as an unprivileged user).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
messages="${MESSAGES:-1500}"
seed="${SEED:-20260101}"
runs="${RUNS:-1}"
read -r -a connections <<<"${CONNECTIONS:-1 3}"
latency_ms=0

# shellcheck source=bench/e2e/lib.sh
source "$root/bench/e2e/lib.sh"

start_dovecot source
start_dovecot target
labels=(direct1)
for n in "${connections[@]}"; do
  labels+=("nagle$n")
done
tools=(ferry)
[[ -n "$before_jar" ]] && tools+=(before)
add_accounts "${tools[@]}"
# Dovecot's own list, less LITERAL+ (RFC 7888) and MULTIAPPEND (RFC 3502); a reload applies it
# to every later login.
cat >>"$work/target/dovecot.conf" <<'CONF'
imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED CONDSTORE QRESYNC ESEARCH LIST-STATUS MOVE SPECIAL-USE
CONF
kill -HUP "$(cat "$work/target/run/master.pid")"
sleep 1

echo "corpus (seed $seed):"
java -cp "$bench_jar" org.imapferry.bench.e2e.CorpusGenerator \
  "$src_maildir" "$work/extra" "$messages" "$seed" | sed 's/^/  /'
chown -R "$mail_uid:$mail_gid" "$work/source/mail" "$work/extra"
total="$(message_count source bench)"
warm_source

out="$work/nagle-proxy.out"
java -cp "$bench_jar" org.imapferry.bench.e2e.NagleProxy 0 127.0.0.1 "$dst_port" >"$out" 2>&1 &
proxy_pids+=($!)
for _ in $(seq 100); do
  grep -q '^port=' "$out" && break
  sleep 0.1
done
nagle_port="$(sed -n 's/^port=//p' "$out")"
[[ -n "$nagle_port" ]] || { echo "$me: NagleProxy did not start:" >&2; cat "$out" >&2; exit 1; }

copy() { # TOOL LABEL PORT CONNECTIONS
  local tool="$1" user="$1-$2-$run"
  local -a launch=("$root/bin/imapferry")
  # shellcheck disable=SC2086 # BEFORE_OPTS is a list of JVM options
  [[ "$tool" == before ]] && launch=(java ${BEFORE_OPTS:-} -jar "$before_jar")
  timed "$tool $2" "${launch[@]}" \
    --host1 127.0.0.1 --port1 "$src_port" --user1 bench --password1 "$password" --nossl1 --notls1 \
    --host2 127.0.0.1 --port2 "$3" --user2 "$user" --password2 "$password" --nossl2 --notls2 \
    --nolog --no-progress --no-state --connections "$4"
  expect_copied target "$user" "$total" "$tool $2"
  rm -rf "$work/target/mail/$user"
}

for run in $(seq "$runs"); do
  echo "run $run of $runs:"
  for tool in "${tools[@]}"; do
    copy "$tool" direct1 "$dst_port" 1
    for n in "${connections[@]}"; do
      copy "$tool" "nagle$n" "$nagle_port" "$n"
    done
  done
done

echo
echo "## Synchronizing literals: $total messages, $(du -sm "$src_maildir" | cut -f1) MB, $(date -u +%Y-%m-%d)"
echo
echo "Seconds of wall time per whole copy, medians of $runs run(s) (min-max). direct: the target"
echo "without LITERAL+ and MULTIAPPEND, reached straight; nagle N: the same through NagleProxy, N connections."
echo
echo "| copy | imapferry | ms per message | before | before/imapferry |"
echo "|---|---|---|---|---|"
for label in "${labels[@]}"; do
  ferry="$(median "ferry $label")"
  echo "| $label | $(cell "ferry $label") | $(awk -v s="$ferry" -v n="$total" 'BEGIN { printf "%.1f", 1000 * s / n }')" \
    "| $(cell "before $label") | $(ratio "$(median "before $label")" "$ferry") |"
done
