#!/usr/bin/env bash
# `ferry serve` on its embedded default, `ferry user` while it runs, and a clean SIGTERM.
. "$(dirname "$0")/lib.sh"

test_case help-lists-commands
out=$("$FERRY" --help 2>&1)
if grep -q 'serve' <<<"$out" && grep -q 'user' <<<"$out"; then pass; else fail "help output: $out"; fi

test_case first-start-creates-admin
start_server || { fail "server did not start"; exit 0; }
if [ -n "$ADMIN_PASS" ] && [ ${#ADMIN_PASS} -ge 20 ]; then pass "password of ${#ADMIN_PASS} characters"; else fail "no password printed: $(cat "$WORK/server.out")"; fi

test_case password-never-in-log
if grep -qF "$ADMIN_PASS" "$WORK/server.err"; then fail "password found in the log"; else pass; fi

test_case admin-can-log-in
check_tool curl && expect "curl lists / as ferry" curl -sS --fail "ftp://ferry:$ADMIN_PASS@127.0.0.1:$FTP_PORT/"

test_case user-add-while-running
if check_tool curl; then
  add_user alice 'alice-secret-1' && echo hi >"$WORK/hi.txt" &&
    expect "new user logs in and uploads without restart" curl -sS --fail -T "$WORK/hi.txt" "ftp://alice:alice-secret-1@127.0.0.1:$FTP_PORT/hi.txt"
fi

test_case user-list
if "$FERRY" user list --data "$DATA" | grep -q '^alice'; then pass; else fail "alice not listed"; fi

test_case user-passwd-while-running
if check_tool curl; then
  printf 'alice-secret-2\n' | "$FERRY" user passwd alice --data "$DATA" --password-stdin >/dev/null
  if curl -sS --fail "ftp://alice:alice-secret-1@127.0.0.1:$FTP_PORT/" >/dev/null 2>&1; then
    fail "old password still works"
  elif curl -sS --fail "ftp://alice:alice-secret-2@127.0.0.1:$FTP_PORT/" >/dev/null 2>&1; then
    pass
  else
    fail "new password refused"
  fi
fi

test_case wrong-password-and-unknown-user-look-alike
if check_tool curl; then
  a=$(curl -sS -v "ftp://alice:nope@127.0.0.1:$FTP_PORT/" 2>&1 | grep -E '^< 5[0-9][0-9]' | tail -n 1)
  b=$(curl -sS -v "ftp://nobody:nope@127.0.0.1:$FTP_PORT/" 2>&1 | grep -E '^< 5[0-9][0-9]' | tail -n 1)
  if [ -n "$a" ] && [ "$a" = "$b" ]; then pass "both: $a"; else fail "replies differ: '$a' vs '$b'"; fi
fi

test_case user-del-while-running
if check_tool curl; then
  "$FERRY" user del alice --data "$DATA" >/dev/null
  if curl -sS --fail "ftp://alice:alice-secret-2@127.0.0.1:$FTP_PORT/" >/dev/null 2>&1; then fail "deleted user still logs in"; else pass; fi
fi

test_case user-errors-have-exit-codes
"$FERRY" user del nobody --data "$DATA" >/dev/null 2>&1; rc=$?
if [ "$rc" = 3 ]; then pass; else fail "deleting a missing user exited $rc, expected 3"; fi

test_case sigterm-exits-zero
rc=0; stop_server || rc=$?
if [ "$rc" = 0 ] && grep -q 'Stopped' "$WORK/server.out"; then pass; else fail "exit status $rc"; fi

test_case restart-keeps-users-and-prints-no-password
start_server || { fail "restart failed"; exit 0; }
if grep -q 'First start' "$WORK/server.out"; then fail "printed a new password on restart"; else pass; fi

test_case sigint-exits-zero
kill -INT "$SERVER_PID"; rc=0; wait "$SERVER_PID" || rc=$?; SERVER_PID=""
if [ "$rc" = 0 ]; then pass; else fail "exit status $rc"; fi

test_case bad-flag-is-a-clear-error
out=$("$FERRY" serve --data "$DATA" --ftp-port nope 2>&1); rc=$?
if [ "$rc" = 78 ] && grep -q "ftp-port" <<<"$out"; then pass; else fail "exit $rc: $out"; fi

test_case sigterm-aborting-an-upload-keeps-its-usage
# A SIGTERM whose grace period ends during an upload aborts it; the upload's bytes must still be
# recorded in the user store, which the shutdown closes only after the aborted transfers end.
if check_tool python3; then
  start_server --shutdown-grace 1s || { fail "restart failed"; exit 0; }
  printf 'held-pass-123\n' | "$FERRY" user add holder --data "$DATA" --password-stdin --quota-bytes 50MiB >/dev/null
  python3 - "$FTP_PORT" "$DATA/home/holder/held.bin" "$SERVER_PID" >"$WORK/held.out" 2>&1 <<'PY'
import ftplib, os, signal, sys, time
port, path, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
f = ftplib.FTP(); f.connect("127.0.0.1", port, timeout=30); f.login("holder", "held-pass-123"); f.voidcmd("TYPE I")
conn, _ = f.ntransfercmd("STOR held.bin")
conn.sendall(os.urandom(3_000_000))
deadline = time.time() + 20
while time.time() < deadline and (not os.path.exists(path) or os.path.getsize(path) < 3_000_000):
    time.sleep(0.05)
os.kill(pid, signal.SIGTERM)  # the data connection stays open: the grace period runs out
try:
    while f.getline():  # the 426 and the 421, until the server closes the control connection
        pass
except Exception:
    pass
time.sleep(0.5)
PY
  rc=0; wait "$SERVER_PID" || rc=$?; SERVER_PID=""
  usage=$("$FERRY" user show holder --data "$DATA" | grep -i '^usage')
  size=$(stat -c %s "$DATA/home/holder/held.bin" 2>/dev/null || echo none)
  if [ "$size" = 3000000 ] && grep -q '(3000000 bytes) in 1 files' <<<"$usage"; then pass "$usage"
  else fail "file $size bytes, stored $usage, server exit $rc: $(tail -c 300 "$WORK/held.out") $(grep -i quota "$WORK/server.err" | tail -n 2)"; fi
fi
