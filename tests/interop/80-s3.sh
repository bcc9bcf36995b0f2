#!/usr/bin/env bash
# Ferry on object storage with real clients: s3proxy (in memory, a real S3 API over HTTP with
# SigV4; run from the test classpath) as the bucket, two Ferry nodes on it, and lftp, curl,
# python3 ftplib, OpenSSH sftp and scp, and the ferry client against them.
. "$(dirname "$0")/lib.sh"
check_tool curl || exit 0
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; stop_server >/dev/null 2>&1; cleanup' EXIT

# The classpath of ferry-app's tests (s3proxy is a test dependency, from Maven Central).
. "$FERRY_ROOT/bin/lib/jdk.sh"
JAVA_BIN=$(ferry_find_jdk 2>/dev/null)/bin/java
test_case s3proxy
# With -am the sibling modules come from the reactor, so nothing needs to be installed; the file is
# written for each module in turn, ferry-app's last.
if ! (cd "$FERRY_ROOT" && mvn -q -o -B test-compile dependency:build-classpath -pl ferry-app -am -Dmdep.outputFile="$WORK/cp.txt" \
      >"$WORK/mvn.log" 2>&1) || [ ! -x "$JAVA_BIN" ]; then
  skip "cannot build the s3proxy classpath offline (bin/test builds it first): $(tail -n 3 "$WORK/mvn.log" | tr '\n' ' ')"
  exit 0
fi
"$JAVA_BIN" -cp "$FERRY_ROOT/ferry-app/target/test-classes:$(cat "$WORK/cp.txt")" dev.ferry.app.storage.S3ProxyMain \
  ferry-it it-access it-secret-key-12345 >"$WORK/s3.out" 2>"$WORK/s3.err" &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q '^S3 listening on' "$WORK/s3.out" 2>/dev/null && break; sleep 0.1; done
S3_PORT=$(sed -n 's/^S3 listening on //p' "$WORK/s3.out")
if [ -n "$S3_PORT" ]; then pass "port $S3_PORT"; else fail "s3proxy did not start: $(tail -n 5 "$WORK/s3.err")"; exit 0; fi

export FERRY_STORAGE=s3://ferry-it/homes FERRY_S3_ENDPOINT=http://127.0.0.1:$S3_PORT FERRY_S3_ACCESS_KEY=it-access \
  FERRY_S3_SECRET_KEY=it-secret-key-12345
FERRY_SFTP_PORT=0 start_server || { fail "server did not start"; exit 0; }
for _ in $(seq 1 300); do grep -q '^SFTP listening' "$WORK/server.out" && break; sleep 0.1; done
SFTP_PORT=$(sed -n 's/^SFTP listening on .*:\([0-9]*\)$/\1/p' "$WORK/server.out" | head -n 1)
test_case start-line-names-the-bucket
if grep -q "^Files in s3://ferry-it/homes at http://127.0.0.1:$S3_PORT" "$WORK/server.out"; then pass; else fail "$(cat "$WORK/server.out")"; fi
add_user alice 'alice-s3-pass-1'
URL="ftp://alice:alice-s3-pass-1@127.0.0.1:$FTP_PORT"
head -c 3000000 /dev/urandom >"$WORK/a.bin"
mkdir -p "$WORK/tree/sub" && echo one >"$WORK/tree/one.txt" && head -c 70000 /dev/urandom >"$WORK/tree/sub/two.bin"

if check_tool lftp; then
  test_case lftp-put-get-mirror-both-ways
  lftp -u alice,alice-s3-pass-1 -p "$FTP_PORT" 127.0.0.1 -e "set ftp:ssl-allow no; set net:max-retries 1; put $WORK/a.bin -o a.bin; get a.bin -o $WORK/lftp-a.bin; mirror -R $WORK/tree tree; mirror tree $WORK/lftp-tree; bye" \
    >"$WORK/lftp.out" 2>&1
  if cmp -s "$WORK/a.bin" "$WORK/lftp-a.bin" && diff -r "$WORK/tree" "$WORK/lftp-tree" >/dev/null; then pass; else fail "$(tail -n 5 "$WORK/lftp.out")"; fi
fi

test_case curl-upload-range-download
if curl -sS --max-time 60 -T "$WORK/a.bin" "$URL/curl.bin" &&
   curl -sS --max-time 60 -r 1000000-1000099 "$URL/curl.bin" -o "$WORK/range.bin" &&
   cmp -s "$WORK/range.bin" <(tail -c +1000001 "$WORK/a.bin" | head -c 100); then pass; else fail "curl"; fi

test_case ftplib-rest-stor-resume
"$PY" - "$FTP_PORT" "$WORK/a.bin" >"$WORK/py.out" 2>&1 <<'PYEOF'
import ftplib, io, sys
port, path = int(sys.argv[1]), sys.argv[2]
data = open(path, 'rb').read()
f = ftplib.FTP(); f.connect('127.0.0.1', port, timeout=30); f.login('alice', 'alice-s3-pass-1')
f.storbinary('STOR r.bin', io.BytesIO(data[:1200000]))
f.storbinary('STOR r.bin', io.BytesIO(data[1200000:]), rest=1200000)
got = io.BytesIO(); f.retrbinary('RETR r.bin', got.write)
assert got.getvalue() == data, (len(got.getvalue()), len(data))
assert f.sendcmd('HASH r.bin').startswith('213 SHA-256 0-2999999 ')
print('ok')
PYEOF
if grep -qx ok "$WORK/py.out"; then pass; else fail "$(tail -n 3 "$WORK/py.out")"; fi

if check_tool sftp && check_tool ssh-keygen && check_tool ssh-keyscan; then
  ssh-keygen -q -t ed25519 -N '' -f "$WORK/id_alice"
  "$FERRY" user key add alice --data "$DATA" <"$WORK/id_alice.pub" >/dev/null
  ssh-keyscan -p "$SFTP_PORT" 127.0.0.1 2>/dev/null >"$WORK/known_hosts"
  SSHOPTS=(-o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes -o LogLevel=ERROR -i "$WORK/id_alice"
           -o IdentitiesOnly=yes -o PasswordAuthentication=no -o BatchMode=yes -P "$SFTP_PORT")
  test_case openssh-sftp-put-reput-get-ls
  head -c 1000000 "$WORK/a.bin" >"$WORK/part.bin"
  printf 'put %s s.bin\nreput %s s.bin\nget s.bin %s\nmkdir d\nrename s.bin d/s.bin\nls -l d\n' \
    "$WORK/part.bin" "$WORK/a.bin" "$WORK/sftp-back.bin" >"$WORK/b1"
  if timeout 120 sftp -q "${SSHOPTS[@]}" -b "$WORK/b1" alice@127.0.0.1 >"$WORK/b1.out" 2>&1 &&
     cmp -s "$WORK/a.bin" "$WORK/sftp-back.bin" && grep -qE ' 3000000 .*s\.bin' "$WORK/b1.out"; then pass
  else fail "$(tail -n 4 "$WORK/b1.out" | tr '\n' ' ')"; fi
  test_case openssh-scp-both-ways
  if timeout 120 scp -q -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes -o LogLevel=ERROR -i "$WORK/id_alice" \
       -o IdentitiesOnly=yes -o BatchMode=yes -P "$SFTP_PORT" "$WORK/a.bin" alice@127.0.0.1:scp.bin >"$WORK/scp.out" 2>&1 &&
     timeout 120 scp -q -o UserKnownHostsFile="$WORK/known_hosts" -o StrictHostKeyChecking=yes -o LogLevel=ERROR -i "$WORK/id_alice" \
       -o IdentitiesOnly=yes -o BatchMode=yes -P "$SFTP_PORT" alice@127.0.0.1:scp.bin "$WORK/scp-back.bin" >>"$WORK/scp.out" 2>&1 &&
     cmp -s "$WORK/a.bin" "$WORK/scp-back.bin"; then pass; else fail "$(tail -n 3 "$WORK/scp.out" | tr '\n' ' ')"; fi
  test_case ferry-client-sftp-get-verify
  out=$(timeout 120 "$FERRY" get --verify -i "$WORK/id_alice" --known-hosts "$WORK/known_hosts" \
    "sftp://alice@127.0.0.1:$SFTP_PORT/d/s.bin" "$WORK/v.bin" 2>&1); rc=$?
  if [ "$rc" = 0 ] && cmp -s "$WORK/a.bin" "$WORK/v.bin" && grep -q 'verified sha256' <<<"$out"; then pass; else fail "exit $rc: $out"; fi
fi

test_case ferry-client-ftp-put-continue-verified
head -c 2000000 "$WORK/a.bin" | curl -sS --max-time 60 -T - "$URL/c.bin"
out=$(timeout 120 "$FERRY" put -c "$WORK/a.bin" "$URL/c.bin" 2>&1); rc=$?
if [ "$rc" = 0 ] && grep -q 'resuming at' <<<"$out" && grep -q 'verified sha256' <<<"$out"; then pass; else fail "exit $rc: $out"; fi

# A second node: its own data directory and user store, the same bucket.
test_case second-node-serves-the-same-files
D2="$WORK/data2"; mkdir -p "$D2"; P2=$(free_port)
FERRY_SFTP_PORT=off "$FERRY" serve --data "$D2" --ftp-port "$P2" --bind 127.0.0.1 >"$WORK/n2.out" 2>"$WORK/n2.err" &
PIDS+=($!)
for _ in $(seq 1 300); do grep -q 'FTP listening' "$WORK/n2.out" && break; sleep 0.1; done
printf '%s\n' 'alice-s3-pass-1' | "$FERRY" user add alice --data "$D2" --password-stdin >/dev/null
if curl -sS --max-time 60 "ftp://alice:alice-s3-pass-1@127.0.0.1:$P2/curl.bin" -o "$WORK/n2.bin" && cmp -s "$WORK/a.bin" "$WORK/n2.bin" &&
   curl -sS --max-time 60 --list-only "ftp://alice:alice-s3-pass-1@127.0.0.1:$P2/tree/" | grep -qx one.txt; then pass
else fail "$(tail -n 3 "$WORK/n2.err")"; fi

test_case stop
if stop_server; then pass; else fail "server exit status $?"; fi
