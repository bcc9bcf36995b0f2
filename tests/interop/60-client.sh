#!/usr/bin/env bash
# The ferry client as a real process: credentials from the environment and stdin, plain output
# off a terminal, and the tests that matter for resume: a 200 MiB download and a 200 MiB upload
# killed with SIGKILL mid-way and finished with -c (checksums match, "verified sha256"), and the
# same with the server killed and restarted mid-transfer (--retries reconnects and resumes).
. "$(dirname "$0")/lib.sh"
check_tool sha256sum || exit 0

# A server on a port we choose, so that it can come back on the same one.
serve_on() { # $1 = port (0 = any)
  FERRY_SFTP_PORT=off "$FERRY" serve --data "$DATA" --ftp-port "$1" --bind 127.0.0.1 --login-failure-delay 100ms --shutdown-grace 0s \
    >>"$WORK/server.out" 2>>"$WORK/server.err" &
  SERVER_PID=$!
  local i
  for i in $(seq 1 300); do
    [ "$(grep -c 'FTP listening' "$WORK/server.out")" -ge "$2" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.err"; return 1; }
    sleep 0.1
  done
  return 1
}
DATA="$WORK/data"; mkdir -p "$DATA"
serve_on 0 1 || { fail "server did not start"; exit 0; }
FTP_PORT=$(sed -n 's/^FTP listening on .*:\([0-9]*\)$/\1/p' "$WORK/server.out" | head -n 1)
add_user dana 'dana-password-1'
HOME_D="$DATA/home/dana"
URL="ftp://dana:dana-password-1@127.0.0.1:$FTP_PORT"
sum() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1" 2>/dev/null || echo 0; }
# wait_size FILE BYTES SECONDS: until FILE has grown past BYTES
wait_size() { local i; for i in $(seq 1 $(($3 * 10))); do [ "$(size "$1")" -gt "$2" ] && return 0; sleep 0.1; done; return 1; }
MiB=$((1024 * 1024))

test_case password-from-env
echo hello >"$HOME_D/hello.txt"
out=$(FERRY_PASSWORD=dana-password-1 "$FERRY" ls -1 "ftp://dana@127.0.0.1:$FTP_PORT/" 2>&1)
if grep -qx 'hello.txt' <<<"$out"; then pass; else fail "$out"; fi

test_case password-from-stdin
out=$(printf 'dana-password-1\n' | "$FERRY" ls -1 --password-stdin "ftp://dana@127.0.0.1:$FTP_PORT/" 2>&1)
if grep -qx 'hello.txt' <<<"$out"; then pass; else fail "$out"; fi

test_case no-password-off-a-terminal-is-a-clear-error
out=$("$FERRY" ls "ftp://dana@127.0.0.1:$FTP_PORT/" </dev/null 2>&1); rc=$?
if [ "$rc" = 4 ] && [ "$(wc -l <<<"$out")" = 1 ] && grep -q 'no password for dana@127.0.0.1' <<<"$out"; then pass; else fail "exit $rc: $out"; fi

test_case exit-codes
"$FERRY" get "$URL/absent" "$WORK/x" 2>/dev/null; a=$?
"$FERRY" ls "ftp://dana:wrong@127.0.0.1:$FTP_PORT/" 2>/dev/null; b=$?
"$FERRY" ls "gopher://x/" 2>/dev/null; c=$?
if [ "$a$b$c" = 342 ]; then pass; else fail "not-found $a, auth $b, usage $c (expected 3, 4, 2)"; fi

head -c $((200 * MiB)) /dev/urandom >"$HOME_D/big.bin"
head -c $((200 * MiB)) /dev/urandom >"$WORK/up.bin"
BIG_SUM=$(sum "$HOME_D/big.bin"); UP_SUM=$(sum "$WORK/up.bin")

test_case non-tty-output-has-no-control-characters
"$FERRY" get --progress=lines --limit-rate 100MiB/s "$URL/big.bin" "$WORK/plain.bin" >"$WORK/plain.out" 2>"$WORK/plain.err"; rc=$?
if [ "$rc" = 0 ] && ! grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$WORK/plain.out" "$WORK/plain.err" &&
   grep -q '^get big.bin: 200 MiB$' "$WORK/plain.err" && grep -q '^get big.bin: done, 200 MiB in' "$WORK/plain.err" &&
   grep -qE '^get big.bin: [0-9]+% ' "$WORK/plain.err"; then
  pass "$(tail -n 1 "$WORK/plain.err")"
else
  fail "exit $rc: $(od -c "$WORK/plain.err" | head -n 5)"
fi
rm -f "$WORK/plain.bin"

test_case download-sigkill-then-continue
"$FERRY" get --limit-rate 40MiB/s "$URL/big.bin" "$WORK/big.bin" >/dev/null 2>"$WORK/kill1.err" &
pid=$!
if wait_size "$WORK/big.bin" $((30 * MiB)) 60; then
  kill -KILL "$pid"; wait "$pid" 2>/dev/null
  part=$(size "$WORK/big.bin")
  out=$("$FERRY" get -c "$URL/big.bin" "$WORK/big.bin" 2>&1); rc=$?
  if [ "$rc" = 0 ] && [ "$part" -lt $((200 * MiB)) ] && [ "$(sum "$WORK/big.bin")" = "$BIG_SUM" ] && grep -q 'verified sha256' <<<"$out"; then
    pass "killed at $((part / MiB)) MiB; $(tail -n 1 <<<"$out")"
  else
    fail "exit $rc, killed at $part: $out"
  fi
else
  kill -KILL "$pid" 2>/dev/null; fail "download did not start: $(cat "$WORK/kill1.err")"
fi

test_case upload-sigkill-then-continue
"$FERRY" put --limit-rate 40MiB/s "$WORK/up.bin" "$URL/up.bin" >/dev/null 2>"$WORK/kill2.err" &
pid=$!
if wait_size "$HOME_D/up.bin" $((30 * MiB)) 60; then
  kill -KILL "$pid"; wait "$pid" 2>/dev/null
  sleep 0.5 # the server notices the dropped data connection and closes the partial file
  part=$(size "$HOME_D/up.bin")
  out=$("$FERRY" put -c "$WORK/up.bin" "$URL/up.bin" 2>&1); rc=$?
  if [ "$rc" = 0 ] && [ "$part" -lt $((200 * MiB)) ] && [ "$(sum "$HOME_D/up.bin")" = "$UP_SUM" ] && grep -q 'verified sha256' <<<"$out"; then
    pass "killed at $((part / MiB)) MiB; $(tail -n 1 <<<"$out")"
  else
    fail "exit $rc, killed at $part: $out"
  fi
else
  kill -KILL "$pid" 2>/dev/null; fail "upload did not start: $(cat "$WORK/kill2.err")"
fi

# restart_mid_transfer FILE-THAT-GROWS: kills the server once FILE passed 30 MiB, starts it again.
restart_mid_transfer() {
  wait_size "$1" $((30 * MiB)) 60 || return 1
  kill -KILL "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
  sleep 1
  serve_on "$FTP_PORT" "$2"
}

# expect_survived PID GROWING-FILE RESTART-ARG RESULT EXPECTED-SUM ERR-FILE: restarts the server
# under the transfer PID once GROWING-FILE passed 30 MiB, then judges the transfer by its result.
expect_survived() {
  local pid=$1 growing=$2 arg=$3 result=$4 want=$5 err=$6 rc=0
  if restart_mid_transfer "$growing" "$arg"; then
    wait "$pid" || rc=$?
    if [ "$rc" = 0 ] && [ "$(sum "$result")" = "$want" ] && grep -q 'retrying in' "$err" &&
       grep -q 'verified sha256' "$err"; then
      pass "$(grep -m1 'retrying' "$err")"
    else
      fail "exit $rc: $(cat "$err")"
    fi
  else
    kill -KILL "$pid" 2>/dev/null; fail "restart failed: $(cat "$err")"
  fi
}

test_case download-survives-server-restart
rm -f "$WORK/big2.bin"
"$FERRY" get --retries 8 --limit-rate 40MiB/s "$URL/big.bin" "$WORK/big2.bin" >/dev/null 2>"$WORK/restart1.err" &
expect_survived $! "$WORK/big2.bin" 2 "$WORK/big2.bin" "$BIG_SUM" "$WORK/restart1.err"

test_case upload-survives-server-restart
"$FERRY" rm "$URL/up.bin" 2>/dev/null
"$FERRY" put --retries 8 --limit-rate 40MiB/s "$WORK/up.bin" "$URL/up.bin" >/dev/null 2>"$WORK/restart2.err" &
expect_survived $! "$HOME_D/up.bin" 3 "$HOME_D/up.bin" "$UP_SUM" "$WORK/restart2.err"

test_case get-to-stdout
if "$FERRY" get "$URL/hello.txt" - 2>/dev/null | grep -qx hello; then pass; else fail "get URL - did not print the file"; fi

test_case debug-shows-the-dialog-with-the-password-masked
"$FERRY" ls --debug "$URL/" >/dev/null 2>"$WORK/debug.err"
if grep -q '^> USER dana$' "$WORK/debug.err" && grep -q '^> PASS \*\*\*\*\*\*\*\*$' "$WORK/debug.err" &&
   grep -q '^< 230 ' "$WORK/debug.err" && ! grep -q 'dana-password-1' "$WORK/debug.err"; then pass
else fail "$(head -n 8 "$WORK/debug.err" | tr '\n' ' ')"; fi

test_case put-from-stdin
if printf 'from a pipe\n' | "$FERRY" put - "$URL/piped.txt" 2>"$WORK/pipe.err" &&
   [ "$(cat "$DATA/home/dana/piped.txt" 2>/dev/null)" = "from a pipe" ]; then pass; else fail "$(tr '\n' ' ' <"$WORK/pipe.err")"; fi

test_case shell-script-stops-at-the-first-failure
out=$(printf 'mkdir scripted\nget no-such-file\nmkdir never-made\n' | "$FERRY" shell "$URL/" 2>&1); rc=$?
if [ "$rc" = 1 ] && [ -d "$DATA/home/dana/scripted" ] && [ ! -e "$DATA/home/dana/never-made" ] &&
   ! grep -q 'ferry:/>' <<<"$out"; then pass; else fail "exit $rc: $(tr '\n' ' ' <<<"$out")"; fi

test_case get-to-a-full-stdout-fails
if [ -w /dev/full ]; then
  if "$FERRY" get "$URL/hello.txt" - >/dev/full 2>"$WORK/full.err"; then fail "exit 0 though nothing could be written"
  elif grep -q "cannot write to standard output" "$WORK/full.err"; then pass
  else fail "$(tr '\n' ' ' <"$WORK/full.err")"; fi
else skip "no writable /dev/full"; fi

stop_server
