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
bench_jar="$root/bench/target/benchmarks.jar"
ferry_jar="$root/cli/target/imapferry.jar"
mail_user=imapferry-mail
password=bench
# imapferry's default --connections; the limit is also measured writing over that many.
ferry_connections=3

for jar in "$bench_jar" "$ferry_jar"; do
  if [[ ! -f "$jar" ]]; then
    echo "run.sh: $jar is missing; build first: (cd \"$root\" && mvn -q -DskipTests package)" >&2
    exit 1
  fi
done
dovecot_bin="$(command -v dovecot || echo /usr/sbin/dovecot)"
if [[ ! -x "$dovecot_bin" ]]; then
  echo "run.sh: dovecot is missing: apt-get install -y dovecot-imapd" >&2
  exit 1
fi
if ! command -v mbsync >/dev/null; then
  if [[ $EUID -eq 0 ]]; then
    apt-get install -y -q isync >/dev/null
  else
    echo "run.sh: mbsync is missing: apt-get install -y isync (its column stays empty)" >&2
  fi
fi

work="$(mktemp -d /tmp/imapferry-e2e.XXXXXX)"
# Dovecot's auth process (user dovecot) must traverse to the passwd files.
chmod 755 "$work"
proxy_pids=()
tool_pid=""

cleanup() {
  local pid_file pid
  # A tool still running would write into the folder being deleted.
  if [[ -n "$tool_pid" ]]; then
    kill "$tool_pid" 2>/dev/null || true
    wait "$tool_pid" 2>/dev/null || true
  fi
  for pid in "${proxy_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid_file in "$work"/*/run/master.pid; do
    [[ -f "$pid_file" ]] || continue
    pid="$(cat "$pid_file")"
    kill "$pid" 2>/dev/null || true
    # The master removes its pid file last; wait for that rather than for the reaping.
    for _ in $(seq 100); do
      [[ -f "$pid_file" ]] && kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  done
  [[ -n "${KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT
# Through the EXIT trap on Ctrl-C and kill too, so nothing is left running.
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $EUID -eq 0 ]]; then
  # Dovecot refuses to store mail as root.
  id -u "$mail_user" >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin "$mail_user"
  mail_uid="$(id -u "$mail_user")"
  mail_gid="$(id -g "$mail_user")"
  service_users=""
else
  mail_uid="$(id -u)"
  mail_gid="$(id -g)"
  service_users="default_login_user = $(id -un)
default_internal_user = $(id -un)"
fi

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# start_dovecot NAME: a Dovecot in $work/NAME on a free port, written to $work/NAME/port.
start_dovecot() {
  local dir="$work/$1" port
  mkdir -p "$dir/mail"
  chown "$mail_uid:$mail_gid" "$dir/mail"
  : >"$dir/users"
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    port_is_free "$port" || continue
    cat >"$dir/dovecot.conf" <<EOF
base_dir = $dir/run
state_dir = $dir/state
instance_name = imapferry-e2e-$1-$$
log_path = $dir/dovecot.log
protocols = imap
listen = 127.0.0.1
$service_users
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/users
}
userdb {
  driver = static
  args = uid=$mail_uid gid=$mail_gid home=$dir/mail/%u
}
first_valid_uid = $mail_uid
mail_location = maildir:$dir/mail/%u/Maildir:LAYOUT=fs
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Junk {
    special_use = \\Junk
    auto = subscribe
  }
}
mail_max_userip_connections = 100
# Without the mailbox list index: Dovecot 2.3.19 can panic ("fcntl(dovecot.list.index.log,
# write-lock) locking failed: Resource deadlock avoided") when one connection CREATEs a folder
# while others APPEND, which a multi-connection copy does; a crashed run times nothing.
mailbox_list_index = no
service imap-login {
  inet_listener imap {
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
EOF
    if "$dovecot_bin" -c "$dir/dovecot.conf" >"$dir/start.log" 2>&1; then
      for _ in $(seq 100); do
        if ! port_is_free "$port"; then
          echo "$port" >"$dir/port"
          return 0
        fi
        sleep 0.1
      done
    fi
    # Most likely the port was taken between the check and the bind; try another.
    [[ -f "$dir/run/master.pid" ]] && kill "$(cat "$dir/run/master.pid")" 2>/dev/null || true
    sleep 0.5
  done
  echo "run.sh: Dovecot $1 did not start; see below" >&2
  cat "$dir/start.log" "$dir/dovecot.log" >&2 2>/dev/null || true
  exit 1
}

add_user() { # SERVER USER
  echo "$2:{PLAIN}$password" >>"$work/$1/users"
}

# start_proxy TARGET_PORT: a LatencyProxy on a free port in front of it; sets proxy_port.
# (Not in a command substitution: the proxy's pid must reach proxy_pids in this shell.)
start_proxy() {
  local out="$work/proxy-$1.out"
  java -cp "$bench_jar" org.imapferry.bench.e2e.LatencyProxy 0 127.0.0.1 "$1" "$((latency_ms / 2))" \
    >"$out" 2>&1 &
  proxy_pids+=($!)
  for _ in $(seq 100); do
    if grep -q '^port=' "$out"; then
      proxy_port="$(sed -n 's/^port=//p' "$out")"
      return 0
    fi
    sleep 0.1
  done
  echo "run.sh: the latency proxy did not start:" >&2
  cat "$out" >&2
  exit 1
}

# message_count SERVER USER: messages in an account's Maildir (seeded files are in cur/,
# appended ones may be in new/).
message_count() {
  find "$work/$1/mail/$2/Maildir" -type f \( -path '*/cur/*' -o -path '*/new/*' \) | wc -l
}

declare -A seconds=()
log="$work/tools.log"

# tracked COMMAND...: runs it with its output in $log, in the background so that a signal
# reaches the traps at once and cleanup can stop it.
tracked() {
  local rc=0
  "$@" >>"$log" 2>&1 &
  tool_pid=$!
  wait "$tool_pid" || rc=$?
  tool_pid=""
  return "$rc"
}

# timed KEY COMMAND...: runs it, adds its wall time to the list in seconds[KEY]; output goes to
# $log. The sync first: the previous run's writeback must not land in this one's time.
timed() {
  local key="$1" start end took
  shift
  echo "== $key (run $run): $*" >>"$log"
  sync
  start="$EPOCHREALTIME"
  if ! tracked "$@"; then
    echo "run.sh: $key failed; the end of its output:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  end="$EPOCHREALTIME"
  took="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  seconds[$key]+="$took "
  printf '  %-28s %8s s\n' "$key" "$took"
}

# expect_copied SERVER USER COUNT KEY: a timed copy that copied the wrong number is no result.
expect_copied() {
  local got
  got="$(message_count "$1" "$2")"
  if [[ "$got" -ne "$3" ]]; then
    echo "run.sh: after $4 the target holds $got messages, expected $3" >&2
    exit 1
  fi
}

# deliver_extra TAG: copies the extra messages into the source under names carrying TAG; with
# names used before, Dovecot would log them as expunged messages reappearing.
deliver_extra() {
  local file
  while IFS= read -r -d '' file; do
    cp -p "$work/extra/$file" "$src_maildir/${file/.extra,/.extra-$1,}"
  done < <(cd "$work/extra" && find . -type f -path '*/cur/*' -print0)
}

# remove_extra TAG: takes them out again, so the next tool starts from the same account.
remove_extra() {
  local file
  while IFS= read -r -d '' file; do
    rm -f "$src_maildir/${file/.extra,/.extra-$1,}"
  done < <(cd "$work/extra" && find . -type f -path '*/cur/*' -print0)
}

start_dovecot source
start_dovecot target
labels=(loopback)
((latency_ms > 0)) && labels+=("rtt${latency_ms}ms")
# Every target account up front: Dovecot may miss a passwd-file change made while it runs.
add_user source bench
add_user target warmup
for label in "${labels[@]}"; do
  for tool in limit1 "limit$ferry_connections" ferry mbsync; do
    for run in $(seq "$runs"); do
      add_user target "$tool-$label-$run"
    done
  done
done
src_maildir="$work/source/mail/bench/Maildir"
src_port="$(cat "$work/source/port")"
dst_port="$(cat "$work/target/port")"

echo "corpus (seed $seed):"
java -cp "$bench_jar" org.imapferry.bench.e2e.CorpusGenerator \
  "$src_maildir" "$work/extra" "$messages" "$seed" | sed 's/^/  /'
chown -R "$mail_uid:$mail_gid" "$work/source/mail" "$work/extra"
total="$(message_count source bench)"
extra_count="$(find "$work/extra" -type f -path '*/cur/*' | wc -l)"

# Each run_* copies into the account TOOL-LABEL-RUN, empty until then.
run_imapferry() { # LABEL SOURCE_PORT TARGET_PORT
  local user="ferry-$1-$run" state="$work/ferry-$1-$run.state"
  local -a cmd=("$root/bin/imapferry"
    --host1 127.0.0.1 --port1 "$2" --user1 bench --password1 "$password" --nossl1 --notls1
    --host2 127.0.0.1 --port2 "$3" --user2 "$user" --password2 "$password" --nossl2 --notls2
    --nolog --no-progress --state "$state")
  timed "imapferry $1 full" "${cmd[@]}"
  expect_copied target "$user" "$total" "imapferry $1 full"
  timed "imapferry $1 second" "${cmd[@]}"
  deliver_extra "$user"
  timed "imapferry $1 1%-new" "${cmd[@]}"
  expect_copied target "$user" "$((total + extra_count))" "imapferry $1 1%-new"
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
  run_mbsync "$1" "$2" "$3"
}

# Dovecot indexes a Maildir on first access; that first pass is not what any tool should pay.
echo "warming up the source (untimed)"
tracked java -cp "$bench_jar" org.imapferry.bench.e2e.ServerPairLimit \
  127.0.0.1 "$src_port" bench "$password" 127.0.0.1 "$dst_port" warmup "$password"
rm -rf "$work/target/mail/warmup"

if ((latency_ms > 0)); then
  start_proxy "$src_port"
  src_proxy="$proxy_port"
  start_proxy "$dst_port"
  dst_proxy="$proxy_port"
fi
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

median() { # KEY: the median of the times recorded under KEY, or nothing
  [[ -n "${seconds[$1]:-}" ]] || return 0
  tr ' ' '\n' <<<"${seconds[$1]}" | grep . | sort -n |
    awk '{ v[NR] = $1 } END { if (NR % 2) printf "%.2f", v[(NR + 1) / 2]; else printf "%.2f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

cell() { # KEY: "median (min-max)" of the times under KEY, just the median for one run, "-" for none
  [[ -n "${seconds[$1]:-}" ]] || { echo "-"; return 0; }
  tr ' ' '\n' <<<"${seconds[$1]}" | grep . | sort -n |
    awk -v m="$(median "$1")" '{ v[NR] = $1 } END { if (NR > 1) printf "%s (%s-%s)", m, v[1], v[NR]; else printf "%s", m }'
}

ratio() { # A B: A/B, or "-" when either is missing
  if [[ -z "$1" || -z "$2" ]]; then
    echo "-"
  else
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'
  fi
}

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
  for n in 1 "$ferry_connections"; do
    echo "limit $n $label: read $(median "limit$n $label read") s, write $(median "limit$n $label write") s" \
      "(inside the JVM, without its start-up)"
  done
done
