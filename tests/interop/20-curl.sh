#!/usr/bin/env bash
# curl as the client: list, upload (-T), download, and resume both ways with -C -.
. "$(dirname "$0")/lib.sh"
check_tool curl || exit 0
start_server || { fail "server did not start"; exit 0; }
add_user bob 'bob-password-1'
URL="ftp://bob:bob-password-1@127.0.0.1:$FTP_PORT"
head -c 3000000 /dev/urandom >"$WORK/src.bin"

test_case upload
expect "curl -T" curl -sS --fail -T "$WORK/src.bin" "$URL/src.bin"

test_case list
if curl -sS --fail "$URL/" | grep -qE '^-rw.* 3000000 .* src\.bin$'; then pass; else fail "listing: $(curl -sS "$URL/")"; fi

test_case list-names-only
if curl -sS --fail -l "$URL/" | grep -qx 'src.bin'; then pass; else fail "NLST"; fi

test_case download
curl -sS --fail -o "$WORK/dl.bin" "$URL/src.bin" && cmp -s "$WORK/dl.bin" "$WORK/src.bin" && pass || fail "download differs"

test_case download-resume
head -c 1234567 "$WORK/src.bin" >"$WORK/part.bin"
curl -sS --fail -C - -o "$WORK/part.bin" "$URL/src.bin" && cmp -s "$WORK/part.bin" "$WORK/src.bin" && pass || fail "resumed download differs"

test_case upload-resume
head -c 1000000 "$WORK/src.bin" >"$WORK/first.bin"
curl -sS --fail -T "$WORK/first.bin" "$URL/up.bin" &&
  curl -sS --fail -C - -T "$WORK/src.bin" "$URL/up.bin" &&
  curl -sS --fail -o "$WORK/up-back.bin" "$URL/up.bin" && cmp -s "$WORK/up-back.bin" "$WORK/src.bin" && pass || fail "resumed upload differs"

test_case active-mode
curl -sS --fail -P - -o "$WORK/active.bin" "$URL/src.bin" && cmp -s "$WORK/active.bin" "$WORK/src.bin" && pass || fail "PORT/EPRT download"

test_case utf8-names
printf 'grüße\n' >"$WORK/u.txt"
curl -sS --fail -T "$WORK/u.txt" "$URL/gr%C3%BC%C3%9Fe%20%E2%9C%93.txt" &&
  curl -sS --fail -l "$URL/" | grep -qx 'grüße ✓.txt' && pass || fail "UTF-8 name not listed as sent"

test_case missing-file-is-550
out=$(curl -sS "$URL/no-such-file" 2>&1); rc=$?
if [ "$rc" = 78 ] || grep -q '550' <<<"$out"; then pass; else fail "exit $rc: $out"; fi

stop_server
