#!/usr/bin/env bash
# Load test of `imapferry batch`: many small accounts at once through one JVM, as a provider
# migration runs them. Prints the batch's wall time and peak RSS and how many accounts came out
# exact.
#
#   bench/e2e/batch-load.sh                  # after `mvn -q -DskipTests package`; 200 accounts
#   ACCOUNTS=20 bench/e2e/batch-load.sh      # a small batch, to try it out
#
# Environment:
#   ACCOUNTS     account pairs in the batch (default 200)
#   MESSAGES     messages per account (default 40, over FOLDERS folders)
#   FOLDERS      folders per account (default 5, CorpusGenerator's first N)
#   SIZES        message sizes in bytes, MIN-MAX (default 2000-30000)
#   CONCURRENCY  accounts migrated at once (default 8)
#   CONNECTIONS  copying pairs per account (default 2)
#   VERIFY       accounts checked with `imapferry verify` after the batch, from the first (default 10;
#                `all` for every one; each is a JVM of its own, about a second)
#   SEED         corpus seed (default fixed)
#   KEEP=1       keep the temporary folder (batch output, per-account logs, Dovecot logs)
#
# What it does: starts a private Dovecot pair on free loopback ports (bench/e2e/lib.sh), writes one
# account's corpus as Maildir files with CorpusGenerator and copies it into every source account
# (user0001, user0002, ...; the same messages, which changes nothing for the copy), writes the
# accounts file and runs `imapferry batch --concurrency $CONCURRENCY -- --connections $CONNECTIONS`
# under `/usr/bin/time -v`, with user.home in the temporary folder so the state files land there. Then
# it checks every account: the messages in each folder of the target's Maildir against the
# source's, folder by folder, and `imapferry verify` for the first VERIFY accounts. It fails
# (exit 1) when the batch does not exit 0 or any account is not exact.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
accounts="${ACCOUNTS:-200}"
messages="${MESSAGES:-40}"
folders="${FOLDERS:-5}"
sizes="${SIZES:-2000-30000}"
concurrency="${CONCURRENCY:-8}"
connections="${CONNECTIONS:-2}"
verify="${VERIFY:-10}"
seed="${SEED:-20260101}"

# shellcheck source=bench/e2e/lib.sh
source "$root/bench/e2e/lib.sh"

if [[ ! -x /usr/bin/time ]]; then
  echo "$me: /usr/bin/time is missing: apt-get install -y time" >&2
  exit 1
fi
[[ "$verify" == all ]] && verify="$accounts"

users=()
for i in $(seq "$accounts"); do
  users+=("$(printf 'user%04d' "$i")")
done

start_dovecot source
start_dovecot target
for user in "${users[@]}"; do
  add_user source "$user"
  add_user target "$user"
done
src_port="$(cat "$work/source/port")"
dst_port="$(cat "$work/target/port")"

echo "corpus of one account (seed $seed), copied into $accounts source accounts:"
java -cp "$bench_jar" org.imapferry.bench.e2e.CorpusGenerator "$work/corpus" "$work/extra" "$messages" "$seed" \
  "--folders=$folders" "--sizes=$sizes" | sed 's/^/  /'
for user in "${users[@]}"; do
  mkdir -p "$work/source/mail/$user"
  cp -a "$work/corpus" "$work/source/mail/$user/Maildir"
done
chown -R "$mail_uid:$mail_gid" "$work/source/mail"

accounts_file="$work/accounts.csv"
for user in "${users[@]}"; do
  echo "127.0.0.1;$user;$password;127.0.0.1;$user;$password"
done >"$accounts_file"
chmod 600 "$accounts_file"

mkdir -p "$work/home"
echo "batch: $accounts accounts, --concurrency $concurrency, --connections $connections"
rc=0
tracked /usr/bin/time -v -o "$work/time.txt" java ${JAVA_OPTS:-} "-Duser.home=$work/home" -jar "$ferry_jar" \
  batch "$accounts_file" --concurrency "$concurrency" --logdir "$work/logs" --failed "$work/failed.csv" -- \
  --port1 "$src_port" --nossl1 --notls1 --port2 "$dst_port" --nossl2 --notls2 \
  --connections "$connections" --no-progress || rc=$?

# folder_counts SERVER USER: "folder count" per folder of an account's Maildir (LAYOUT=fs: one
# directory per folder, its messages in cur/ and new/), sorted; folders without messages left out.
folder_counts() {
  local base="$work/$1/mail/$2/Maildir"
  [[ -d "$base" ]] || return 0
  find "$base" -type f \( -path '*/cur/*' -o -path '*/new/*' \) -printf '%h\n' |
    sed -e "s|^$base/\?||" -e 's:/\?\(cur\|new\)$::' -e 's:^$:INBOX:' | sort | uniq -c |
    awk '{ print $2, $1 }'
}

exact=0
wrong=()
for user in "${users[@]}"; do
  if [[ "$(folder_counts source "$user")" == "$(folder_counts target "$user")" ]]; then
    exact=$((exact + 1))
  else
    wrong+=("$user")
  fi
done

verified=0
verify_failed=()
for user in "${users[@]:0:$verify}"; do
  if tracked java ${JAVA_OPTS:-} "-Duser.home=$work/home" -jar "$ferry_jar" verify \
      --host1 127.0.0.1 --port1 "$src_port" --user1 "$user" --password1 "$password" --nossl1 --notls1 \
      --host2 127.0.0.1 --port2 "$dst_port" --user2 "$user" --password2 "$password" --nossl2 --notls2 \
      --no-progress; then
    verified=$((verified + 1))
  else
    verify_failed+=("$user")
  fi
done

wall="$(sed -n 's/^\tElapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")"
rss_kb="$(sed -n 's/^\tMaximum resident set size (kbytes): //p' "$work/time.txt")"
echo
echo "| accounts | messages each | concurrency | connections | batch exit | wall time | peak RSS | exact (counts per folder) | verified |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '| %s | %s | %s | %s | %s | %s | %s MB | %s of %s | %s of %s |\n' "$accounts" "$messages" "$concurrency" \
  "$connections" "$rc" "$wall" "$((rss_kb / 1024))" "$exact" "$accounts" "$verified" "$verify"

if ((rc != 0 || exact != accounts || verified != verify)); then
  ((${#wrong[@]} == 0)) || echo "$me: folder counts differ for: ${wrong[*]}" >&2
  ((${#verify_failed[@]} == 0)) || echo "$me: verify found differences for: ${verify_failed[*]}" >&2
  echo "$me: the end of the tools' output:" >&2
  tail -n 30 "$log" >&2
  exit 1
fi
