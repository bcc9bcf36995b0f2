#!/usr/bin/env bash
# Accounts an administrator can trust, with real clients: read-only and drop-box users, a quota
# cut-off, imported bcrypt hashes, anonymous FTP, and bans (which survive a restart).
. "$(dirname "$0")/lib.sh"
check_tool curl || exit 0
ANON="$WORK/mirror"
mkdir -p "$ANON/pub" && echo 'public file' >"$ANON/pub/readme.txt"
# Loopback is safelisted by default; these tests connect from it, so they empty the safelist.
FLAGS=(--ban-safelist none --ban-after 3 --ban-for 1h --anonymous "$ANON" --anonymous-upload incoming)
start_server "${FLAGS[@]}" || { fail "server did not start"; exit 0; }
user() { "$FERRY" user "$@" --data "$DATA"; }
printf 'reader-pass-1\n' | user add reader --password-stdin --read-only >/dev/null
printf 'drop-pass-1\n' | user add drop --password-stdin --write-only >/dev/null
printf 'quota-pass-1\n' | user add quota --password-stdin --quota-bytes 1MiB >/dev/null
head -c 3000000 /dev/urandom >"$WORK/big.bin"
echo hello >"$DATA/home/reader/hello.txt"
F="ftp://127.0.0.1:$FTP_PORT"

test_case read-only-user-cannot-upload
out=$(curl -sS -T "$WORK/big.bin" "ftp://reader:reader-pass-1@127.0.0.1:$FTP_PORT/up.bin" 2>&1); rc=$?
if [ "$rc" != 0 ] && grep -q 550 <<<"$out" && [ ! -e "$DATA/home/reader/up.bin" ]; then pass; else fail "exit $rc, $out"; fi

test_case read-only-user-can-download
[ "$(curl -sS --fail "ftp://reader:reader-pass-1@127.0.0.1:$FTP_PORT/hello.txt")" = hello ] && pass || fail "download"

test_case drop-box-uploads-but-cannot-list
if curl -sS --fail -T "$WORK/big.bin" "ftp://drop:drop-pass-1@127.0.0.1:$FTP_PORT/in.bin" &&
   cmp -s "$WORK/big.bin" "$DATA/home/drop/in.bin" &&
   ! curl -sS --fail "ftp://drop:drop-pass-1@127.0.0.1:$FTP_PORT/" >/dev/null 2>&1 &&
   ! curl -sS --fail -o /dev/null "ftp://drop:drop-pass-1@127.0.0.1:$FTP_PORT/in.bin" 2>/dev/null; then pass; else fail "drop box"; fi

test_case quota-cuts-off-at-the-limit
curl -sS -T "$WORK/big.bin" "ftp://quota:quota-pass-1@127.0.0.1:$FTP_PORT/big.bin" >"$WORK/q.out" 2>&1; rc=$?
size=$(stat -c %s "$DATA/home/quota/big.bin" 2>/dev/null || echo missing)
if [ "$rc" != 0 ] && [ "$size" = 1048576 ] && cmp -s -n 1048576 "$WORK/big.bin" "$DATA/home/quota/big.bin" &&
   user show quota | grep -q 'usage: *1.0 MiB (1048576 bytes) in 1 files'; then pass; else fail "exit $rc, size $size: $(cat "$WORK/q.out"; user show quota)"; fi

test_case imported-bcrypt-hash-logs-in-and-is-upgraded
if check_tool htpasswd; then
  htpasswd -nbB -C 5 legacy 'legacy-pass-1' >"$WORK/htpasswd"
  user import --format passwd "$WORK/htpasswd" >/dev/null &&
    curl -sS --fail "ftp://legacy:legacy-pass-1@127.0.0.1:$FTP_PORT/" >/dev/null &&
    user show legacy | grep -q 'password hash: argon2id$' && pass || fail "$(user show legacy)"
fi

test_case export-to-a-full-disk-fails
if [ -w /dev/full ]; then
  user export >/dev/full 2>"$WORK/full.err"; rc=$?
  if [ "$rc" != 0 ] && grep -q 'cannot write' "$WORK/full.err"; then pass; else fail "exit $rc: $(cat "$WORK/full.err")"; fi
else
  skip "no writable /dev/full"
fi

test_case anonymous-reads-but-cannot-write
if [ "$(curl -sS --fail "$F/pub/readme.txt")" = 'public file' ] &&
   ! curl -sS --fail -T "$WORK/big.bin" "$F/pub/x.bin" 2>/dev/null && [ ! -e "$ANON/pub/x.bin" ]; then pass; else fail "anonymous"; fi

test_case anonymous-upload-directory-is-write-only
if curl -sS --fail -T "$WORK/big.bin" "$F/incoming/report.bin" && cmp -s "$WORK/big.bin" "$ANON/incoming/report.bin" &&
   ! curl -sS --fail "$F/incoming/" >/dev/null 2>&1; then pass; else fail "anonymous upload"; fi

if check_tool lftp; then
  test_case lftp-anonymous-listing
  if lftp -c "set net:max-retries 1; set cmd:fail-exit yes; open -p $FTP_PORT 127.0.0.1; ls pub" | grep -q 'readme.txt'; then pass; else fail "lftp ls"; fi
fi

test_case ban-after-3-failures
for i in 1 2 3; do curl -sS "ftp://reader:wrong-$i@127.0.0.1:$FTP_PORT/" >/dev/null 2>&1; done
# curl reports a 421 greeting as a timeout (exit 28); -v shows the reply itself.
out=$(curl -sS -v "ftp://reader:reader-pass-1@127.0.0.1:$FTP_PORT/hello.txt" 2>&1); rc=$?
if [ "$rc" != 0 ] && grep -q '^< 421 Too many failed logins' <<<"$out"; then pass; else fail "exit $rc: $out"; fi

test_case ban-is-logged-for-fail2ban
grep -q 'ban network=127.0.0.1 until=.* offences=1' "$WORK/server.err" && pass || fail "no ban line in the log"

test_case ban-survives-a-restart
stop_server && start_server "${FLAGS[@]}" || { fail "restart"; exit 0; }
out=$(curl -sS -v "ftp://reader:reader-pass-1@127.0.0.1:$FTP_PORT/hello.txt" 2>&1)
grep -q '^< 421 Too many failed logins' <<<"$out" && pass || fail "$out"

test_case ferry-ban-list-and-del
if "$FERRY" ban list --data "$DATA" | grep -q '^127\.0\.0\.1	' && "$FERRY" ban del 127.0.0.1 --data "$DATA" >/dev/null; then
  ok=""
  for i in $(seq 1 30); do
    if [ "$(curl -sS "ftp://reader:reader-pass-1@127.0.0.1:$FTP_PORT/hello.txt" 2>/dev/null)" = hello ]; then ok=1; break; fi
    sleep 0.2
  done
  [ -n "$ok" ] && pass || fail "still refused after ferry ban del"
else
  fail "ban list/del: $("$FERRY" ban list --data "$DATA" 2>&1)"
fi

stop_server || fail "server exit status"
