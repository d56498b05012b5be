# Shared by the end-to-end benchmarks (run.sh, second-run.sh, large-folder.sh); sourced, not run.
# The caller sets `root` (the repository root) and, before using start_proxy or
# deliver_extra/remove_extra, `latency_ms` and `src_maildir`; it checks the jars and Dovecot, makes
# the temporary folder $work (deleted on exit, with every Dovecot in it stopped by its master.pid,
# unless KEEP=1), and provides: start_dovecot NAME, add_user SERVER USER, add_accounts TOOL...,
# start_proxy PORT,
# warm_source, start_proxies, message_count SERVER USER, tracked/timed COMMAND..., expect_copied,
# deliver_extra/remove_extra TAG, median/cell KEY, ratio A B, start_sampler FILE SERVER USER
# [PATTERN...]/stop_sampler, uidlist_count SERVER USER, cpu_seconds PATTERN. TARGET_FORMAT=mdbox
# makes the target Dovecot store mail as mdbox.

me="$(basename "$0")"
bench_jar="$root/bench/target/benchmarks.jar"
# IMAPFERRY_JAR: the build second-run.sh times (a copy of an earlier one, say); default the one
# bin/imapferry runs, which run.sh uses.
ferry_jar="${IMAPFERRY_JAR:-$root/cli/target/imapferry.jar}"
mail_user=imapferry-mail
password=bench

for jar in "$bench_jar" "$ferry_jar"; do
  if [[ ! -f "$jar" ]]; then
    echo "$me: $jar is missing; build first: (cd \"$root\" && mvn -q -DskipTests package)" >&2
    exit 1
  fi
done
# BEFORE_JAR: an earlier build a script may time in turns with this one, for a before/after ratio.
before_jar="${BEFORE_JAR:-}"
if [[ -n "$before_jar" && ! -f "$before_jar" ]]; then
  echo "$me: BEFORE_JAR $before_jar is missing" >&2
  exit 1
fi
dovecot_bin="$(command -v dovecot || echo /usr/sbin/dovecot)"
if [[ ! -x "$dovecot_bin" ]]; then
  echo "$me: dovecot is missing: apt-get install -y dovecot-imapd" >&2
  exit 1
fi

work="$(mktemp -d /tmp/imapferry-e2e.XXXXXX)"
# Dovecot's auth process (user dovecot) must traverse to the passwd files.
chmod 755 "$work"
proxy_pids=()
tool_pid=""
sampler_pid=""

cleanup() {
  local pid_file pid
  # A tool still running would write into the folder being deleted.
  if [[ -n "$tool_pid" ]]; then
    # Under GNU time the tool is time's child, and time dies of SIGTERM without passing it on.
    pkill -TERM -P "$tool_pid" 2>/dev/null || true
    kill "$tool_pid" 2>/dev/null || true
    wait "$tool_pid" 2>/dev/null || true
  fi
  [[ -n "$sampler_pid" ]] && kill "$sampler_pid" 2>/dev/null || true
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

# TARGET_FORMAT=mdbox: the target stores mail as Dovecot's mdbox instead of Maildir (the source
# stays Maildir, which CorpusGenerator writes); message_count and uidlist_count then ask doveadm.
target_format="${TARGET_FORMAT:-maildir}"
if [[ "$target_format" != maildir && "$target_format" != mdbox ]]; then
  echo "$me: TARGET_FORMAT must be maildir or mdbox, not $target_format" >&2
  exit 1
fi

# start_dovecot NAME: a Dovecot in $work/NAME on a free port, written to $work/NAME/port.
start_dovecot() {
  local dir="$work/$1" port location="maildir:$work/$1/mail/%u/Maildir:LAYOUT=fs"
  if [[ "$1" == target && "$target_format" == mdbox ]]; then
    location="mdbox:$dir/mail/%u/mdbox"
  fi
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
mail_location = $location
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
# A Maildir of 1,000,000 messages needs more than the default 256 MB a process: Dovecot's STATUS
# of such an INBOX maps its 155 MB cache file and builds a UID table besides.
default_vsz_limit = 2G
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
  echo "$me: Dovecot $1 did not start; see below" >&2
  cat "$dir/start.log" "$dir/dovecot.log" >&2 2>/dev/null || true
  exit 1
}

add_user() { # SERVER USER
  echo "$2:{PLAIN}$password" >>"$work/$1/users"
}

# add_accounts TOOL...: the source account "bench", the target account "warmup", and a target
# account TOOL-LABEL-RUN for each tool, each label in $labels and each run up to $runs, all up
# front (Dovecot may miss a passwd-file change made while it runs); sets src_maildir, src_port
# and dst_port. Both Dovecots must be started.
add_accounts() {
  local label tool r
  add_user source bench
  add_user target warmup
  for label in "${labels[@]}"; do
    for tool in "$@"; do
      for r in $(seq "$runs"); do
        add_user target "$tool-$label-$r"
      done
    done
  done
  src_maildir="$work/source/mail/bench/Maildir"
  src_port="$(cat "$work/source/port")"
  dst_port="$(cat "$work/target/port")"
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
  echo "$me: the latency proxy did not start:" >&2
  cat "$out" >&2
  exit 1
}

# warm_source: reads the source account "bench" once, untimed, into the target account "warmup"
# (then deleted). Dovecot indexes a Maildir on first access; that first pass is not what any
# timed copy should pay. Needs src_port and dst_port.
warm_source() {
  echo "warming up the source (untimed)"
  tracked java -cp "$bench_jar" org.imapferry.bench.e2e.ServerPairLimit \
    127.0.0.1 "$src_port" bench "$password" 127.0.0.1 "$dst_port" warmup "$password"
  rm -rf "$work/target/mail/warmup"
}

# start_proxies: with latency_ms > 0, a LatencyProxy in front of each server; sets src_proxy and
# dst_proxy. Needs src_port and dst_port.
start_proxies() {
  ((latency_ms > 0)) || return 0
  start_proxy "$src_port"
  src_proxy="$proxy_port"
  start_proxy "$dst_port"
  dst_proxy="$proxy_port"
}

# message_count SERVER USER: messages in an account's Maildir (seeded files are in cur/,
# appended ones may be in new/).
message_count() {
  if [[ "$1" == target && "$target_format" == mdbox ]]; then
    doveadm -c "$work/$1/dovecot.conf" mailbox status -u "$2" -t messages '*' | sed 's/^messages=//'
    return 0
  fi
  find "$work/$1/mail/$2/Maildir" -type f \( -path '*/cur/*' -o -path '*/new/*' \) | wc -l
}

# start_sampler FILE SERVER USER [PATTERN...]: in the background, about once a second until
# stop_sampler, appends "EPOCH-SECONDS MESSAGES LOAD [CPU...]" to FILE: the messages in the
# account's INBOX, the 1-minute load average, and for each PATTERN the CPU seconds (user + system)
# used so far by the processes whose command line matches it (pgrep -f), to tell whose work
# grows. The count is the lines of the Maildir's dovecot-uidlist less its header: Dovecot adds a
# message's line when it commits the APPEND (it needs the UID for APPENDUID) and replaces the
# file by a rename, so a read sees a whole file. Reading it takes no lock; `doveadm mailbox status`
# or a STATUS would sync the mailbox under the uidlist lock the APPENDs need, and counting the
# files reads the whole directory (large-folder.sh HUGE=1 times all three once at the end).
start_sampler() {
  local file="$1" server="$2" user="$3"
  shift 3
  (
    # Not the shell's cleanup: that belongs to the script.
    trap - EXIT INT TERM
    while :; do
      t="$EPOCHREALTIME"
      n="$(uidlist_count "$server" "$user")"
      read -r load _ </proc/loadavg
      line="$t $n $load"
      for pattern in "$@"; do
        line+=" $(cpu_seconds "$pattern")"
      done
      echo "$line" >>"$file"
      sleep 1
    done
  ) &
  sampler_pid=$!
}

# cpu_seconds PATTERN: the CPU seconds (user + system) of the live processes whose command line
# matches PATTERN, from /proc/PID/stat (fields 14 and 15, in clock ticks, counted after the
# command name, which may hold spaces).
cpu_seconds() {
  local pid stat ticks=0
  local -a fields
  for pid in $(pgrep -f -- "$1"); do
    stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || continue
    read -r -a fields <<<"${stat##*) }"
    ticks=$((ticks + fields[11] + fields[12]))
  done
  awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz }'
}

# uidlist_count SERVER USER: the messages in the INBOX's dovecot-uidlist, 0 before it exists; on
# an mdbox target, as doveadm counts them.
uidlist_count() {
  local uidlist="$work/$1/mail/$2/Maildir/dovecot-uidlist" n=0
  if [[ "$1" == target && "$target_format" == mdbox ]]; then
    n="$(doveadm -c "$work/$1/dovecot.conf" mailbox status -u "$2" -t messages INBOX 2>/dev/null)" || n=0
    echo "${n#messages=}"
    return 0
  fi
  [[ -f "$uidlist" ]] && n="$(($(wc -l <"$uidlist") - 1))"
  echo "$((n < 0 ? 0 : n))"
}

stop_sampler() {
  [[ -n "$sampler_pid" ]] || return 0
  kill "$sampler_pid" 2>/dev/null || true
  wait "$sampler_pid" 2>/dev/null || true
  sampler_pid=""
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

# timed KEY COMMAND...: runs it, adds its wall time to the list in seconds[KEY], and, where GNU
# time is installed, its CPU seconds (user + system, children included) to seconds[KEY cpu] and
# its peak RSS in MB to seconds[KEY rss]; output goes to $log. The sync first: the previous
# run's writeback must not land in this one's time.
timed() {
  local key="$1" start end took usage="$work/usage" cpu rss
  shift
  echo "== $key (run $run): $*" >>"$log"
  sync
  rm -f "$usage"
  local -a measure=()
  [[ -x /usr/bin/time ]] && measure=(/usr/bin/time -o "$usage" -f '%U %S %M')
  start="$EPOCHREALTIME"
  if ! tracked "${measure[@]}" "$@"; then
    echo "$me: $key failed; the end of its output:" >&2
    tail -n 30 "$log" >&2
    exit 1
  fi
  end="$EPOCHREALTIME"
  took="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
  seconds[$key]+="$took "
  if [[ -s "$usage" ]]; then
    read -r cpu rss < <(awk 'END { printf "%.2f %.0f\n", $1 + $2, $3 / 1024 }' "$usage")
    seconds["$key cpu"]+="$cpu "
    seconds["$key rss"]+="$rss "
    printf '  %-28s %8s s  %6s CPU-s  %5s MB peak RSS\n' "$key" "$took" "$cpu" "$rss"
  else
    printf '  %-28s %8s s\n' "$key" "$took"
  fi
}

# expect_copied SERVER USER COUNT KEY: a timed copy that copied the wrong number is no result.
expect_copied() {
  local got
  got="$(message_count "$1" "$2")"
  if [[ "$got" -ne "$3" ]]; then
    echo "$me: after $4 the target holds $got messages, expected $3" >&2
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
