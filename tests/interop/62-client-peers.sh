#!/usr/bin/env bash
# The ferry client against servers that are not ours: pyftpdlib (plain FTP, and FTPS with explicit
# TLS) and a private OpenSSH sshd for SFTP (loopback, temporary host key and authorized_keys; the
# system's sshd and its configuration are never touched). Against servers without a hash (FTP
# without HASH; OpenSSH with sftp only) the client must say "not verified" instead of claiming
# success; against OpenSSH with a shell it verifies with sha256sum run there.
. "$(dirname "$0")/lib.sh"
free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_port() { local i; for i in $(seq 1 100); do (echo >"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; cleanup' EXIT
head -c 3000000 /dev/urandom >"$WORK/a.bin"
mkdir -p "$WORK/tree/sub" && echo one >"$WORK/tree/one.txt" && head -c 70000 /dev/urandom >"$WORK/tree/sub/two.bin"

# verify_cases NAME BASE-URL [extra ferry options...]: a resume and a --verify against a server
# that can hash (HASHES=yes: "verified sha256") or cannot ("not verified", and --verify exits 5).
verify_cases() {
  local name="$1" base="$2"; shift 2
  local opts=("$@")
  if [ "$HASHES" = yes ]; then
    test_case "$name-get-continue-is-verified"
    head -c 1000000 "$WORK/a.bin" >"$WORK/$name-part.bin"
    out=$("$FERRY" get -c "${opts[@]}" "$base/a.bin" "$WORK/$name-part.bin" 2>&1); rc=$?
    if [ "$rc" = 0 ] && cmp -s "$WORK/a.bin" "$WORK/$name-part.bin" && grep -q 'resuming at' <<<"$out" &&
       grep -q 'verified sha256' <<<"$out"; then pass; else fail "exit $rc: $out"; fi

    test_case "$name-get-verify"
    out=$("$FERRY" get --verify "${opts[@]}" "$base/a.bin" "$WORK/$name-v.bin" 2>&1); rc=$?
    if [ "$rc" = 0 ] && cmp -s "$WORK/a.bin" "$WORK/$name-v.bin" && grep -q 'verified sha256' <<<"$out"; then pass; else fail "exit $rc: $out"; fi
    return
  fi
  test_case "$name-get-continue-says-not-verified"
  head -c 1000000 "$WORK/a.bin" >"$WORK/$name-part.bin"
  out=$("$FERRY" get -c "${opts[@]}" "$base/a.bin" "$WORK/$name-part.bin" 2>&1); rc=$?
  if [ "$rc" = 0 ] && cmp -s "$WORK/a.bin" "$WORK/$name-part.bin" && grep -q 'not verified: the server offers no file hashes (sizes match: 3000000 bytes)' <<<"$out" &&
     ! grep -q 'verified sha256' <<<"$out"; then pass; else fail "exit $rc: $out"; fi

  test_case "$name-get-verify-asked-but-impossible-fails"
  out=$("$FERRY" get --verify "${opts[@]}" "$base/a.bin" "$WORK/$name-v.bin" 2>&1); rc=$?
  if [ "$rc" = 5 ] && cmp -s "$WORK/a.bin" "$WORK/$name-v.bin" && grep -q 'could not be verified as asked: the server offers no file hashes' <<<"$out"
  then pass; else fail "exit $rc: $out"; fi
}

# peer_suite NAME BASE-URL SERVER-DIR [extra ferry options...]: the verbs against one server.
peer_suite() {
  local name="$1" base="$2" dir="$3"; shift 3
  local opts=("$@")
  test_case "$name-put-ls-get"
  "$FERRY" put -q "${opts[@]}" "$WORK/a.bin" "$base/a.bin" &&
    "$FERRY" ls "${opts[@]}" "$base/" | grep -qE '^-\s+3000000 .* a\.bin$' &&
    "$FERRY" get -q "${opts[@]}" "$base/a.bin" "$WORK/$name-a.bin" && cmp -s "$WORK/a.bin" "$WORK/$name-a.bin" &&
    cmp -s "$WORK/a.bin" "$dir/a.bin" && pass || fail "put/ls/get"

  verify_cases "$name" "$base" "${opts[@]}"

  test_case "$name-put-continue"
  head -c 1200000 "$WORK/a.bin" >"$dir/b.bin"
  out=$("$FERRY" put -c "${opts[@]}" "$WORK/a.bin" "$base/b.bin" 2>&1); rc=$?
  if [ "$rc" = 0 ] && cmp -s "$WORK/a.bin" "$dir/b.bin" && grep -q 'resuming at' <<<"$out"; then pass; else fail "exit $rc: $out"; fi

  test_case "$name-mkdir-mv-rm"
  "$FERRY" mkdir -p "${opts[@]}" "$base/x/y" && "$FERRY" mv "${opts[@]}" "$base/b.bin" "x/y/c.bin" &&
    [ -f "$dir/x/y/c.bin" ] && "$FERRY" rm -r "${opts[@]}" "$base/x" && [ ! -e "$dir/x" ] && pass || fail "mkdir/mv/rm"

  test_case "$name-mirror-both-ways"
  "$FERRY" mirror -q -P 2 "${opts[@]}" "$WORK/tree" "$base/tree" && "$FERRY" mirror -q "${opts[@]}" "$base/tree" "$WORK/$name-back" &&
    diff -r "$WORK/tree" "$WORK/$name-back" >/dev/null &&
    "$FERRY" mirror "${opts[@]}" "$WORK/tree" "$base/tree" 2>&1 | grep -q 'mirror: 0 copied, 2 unchanged' && pass || fail "mirror"

  test_case "$name-missing-file-exit-3"
  "$FERRY" get "${opts[@]}" "$base/nope" "$WORK/nope" 2>/dev/null; rc=$?
  if [ "$rc" = 3 ]; then pass; else fail "exit $rc"; fi
}

if "$PY" -c 'import pyftpdlib' 2>/dev/null; then
  P=$(free_port); mkdir -p "$WORK/pyftpd"
  "$PY" -m pyftpdlib -i 127.0.0.1 -p "$P" -d "$WORK/pyftpd" -u peer -P peer-pass -w >"$WORK/pyftpd.log" 2>&1 &
  PIDS+=($!)
  if wait_port "$P"; then
    HASHES=no peer_suite pyftpdlib "ftp://peer:peer-pass@127.0.0.1:$P" "$WORK/pyftpd"
  else
    test_case pyftpdlib; fail "pyftpdlib did not start: $(cat "$WORK/pyftpd.log")"
  fi
else
  test_case pyftpdlib; skip "python3-pyftpdlib is not installed (.ci/run installs it)"
fi

if "$PY" -c 'import pyftpdlib, OpenSSL' 2>/dev/null && command -v openssl >/dev/null; then
  P=$(free_port); mkdir -p "$WORK/ftps"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/key.pem" -out "$WORK/cert.pem" -days 1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
  cat >"$WORK/ftps.py" <<'PYEOF'
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import TLS_FTPHandler
from pyftpdlib.servers import FTPServer
port, root, cert, key = sys.argv[1:]
auth = DummyAuthorizer()
auth.add_user("peer", "peer-pass", root, perm="elradfmwMT")
h = TLS_FTPHandler
h.certfile, h.keyfile, h.authorizer = cert, key, auth
h.tls_control_required = h.tls_data_required = True
FTPServer(("127.0.0.1", int(port)), h).serve_forever()
PYEOF
  "$PY" "$WORK/ftps.py" "$P" "$WORK/ftps" "$WORK/cert.pem" "$WORK/key.pem" >"$WORK/ftps.log" 2>&1 &
  PIDS+=($!)
  if wait_port "$P"; then
    HASHES=no peer_suite ftps "ftps://peer:peer-pass@127.0.0.1:$P" "$WORK/ftps" --cacert "$WORK/cert.pem"
    test_case ftps-untrusted-certificate-is-refused
    out=$("$FERRY" ls "ftps://peer:peer-pass@127.0.0.1:$P/" 2>&1); rc=$?
    if [ "$rc" = 6 ] && grep -q 'TLS with 127.0.0.1' <<<"$out"; then pass; else fail "exit $rc: $out"; fi
    test_case ftps-insecure-accepts-it
    "$FERRY" ls -k "ftps://peer:peer-pass@127.0.0.1:$P/" >/dev/null 2>&1 && pass || fail "-k refused"
    test_case ftps-plain-ftp-is-refused-by-a-tls-only-server
    "$FERRY" ls "ftp://peer:peer-pass@127.0.0.1:$P/" >/dev/null 2>&1; rc=$?
    if [ "$rc" != 0 ]; then pass "exit $rc"; else fail "plain FTP login accepted"; fi
  else
    test_case ftps; fail "pyftpdlib TLS did not start: $(cat "$WORK/ftps.log")"
  fi
else
  test_case ftps; skip "python3-pyftpdlib, python3-openssl or openssl is not installed (.ci/run installs them)"
fi

if [ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null; then
  P=$(free_port); S="$WORK/ssh"; mkdir -p "$S" "$WORK/sftp"
  ssh-keygen -q -t ed25519 -N '' -f "$S/host_key" && ssh-keygen -q -t ed25519 -N '' -f "$S/client_key" &&
    ssh-keygen -q -t ed25519 -N '' -f "$S/other_key"
  cp "$S/client_key.pub" "$S/authorized_keys"; chmod 600 "$S/authorized_keys"
  cat >"$S/sshd_config" <<CFG
Port $P
ListenAddress 127.0.0.1
HostKey $S/host_key
PidFile $S/sshd.pid
AuthorizedKeysFile $S/authorized_keys
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
Subsystem sftp internal-sftp
CFG
  [ -d /run/sshd ] || mkdir -p /run/sshd # sshd's privilege-separation directory; normally made by its service
  /usr/sbin/sshd -D -e -f "$S/sshd_config" >"$S/sshd.log" 2>&1 &
  PIDS+=($!)
  if wait_port "$P"; then
    me=$(id -un)
    HASHES=yes peer_suite sftp "sftp://$me@127.0.0.1:$P$WORK/sftp" "$WORK/sftp" -i "$S/client_key" --known-hosts "$S/known_hosts"
    test_case sftp-host-key-was-recorded
    if grep -q "127.0.0.1\]:$P" "$S/known_hosts" 2>/dev/null; then pass; else fail "known_hosts: $(cat "$S/known_hosts" 2>&1)"; fi
    test_case sftp-changed-host-key-is-refused
    echo "[127.0.0.1]:$P $(cut -d' ' -f1,2 "$S/other_key.pub")" >"$S/wrong_hosts"
    out=$("$FERRY" ls -i "$S/client_key" --known-hosts "$S/wrong_hosts" "sftp://$me@127.0.0.1:$P/" 2>&1); rc=$?
    if [ "$rc" = 6 ] && grep -q 'host key' <<<"$out"; then pass; else fail "exit $rc: $out"; fi
    test_case sftp-wrong-key-is-auth-failure
    out=$("$FERRY" ls -i "$S/other_key" --known-hosts "$S/known_hosts" "sftp://$me@127.0.0.1:$P/" 2>&1); rc=$?
    if [ "$rc" = 4 ]; then pass; else fail "exit $rc: $out"; fi
  else
    test_case sftp; fail "sshd did not start: $(cat "$S/sshd.log")"
  fi
  # The same account where only SFTP is allowed (ForceCommand internal-sftp): no shell, no hash.
  P2=$(free_port)
  sed -e "s/^Port .*/Port $P2/" -e "s|^PidFile .*|PidFile $S/sshd2.pid|" "$S/sshd_config" >"$S/sshd2_config"
  echo 'ForceCommand internal-sftp' >>"$S/sshd2_config"
  /usr/sbin/sshd -D -e -f "$S/sshd2_config" >"$S/sshd2.log" 2>&1 &
  PIDS+=($!)
  if wait_port "$P2"; then
    HASHES=no verify_cases sftp-only "sftp://$me@127.0.0.1:$P2$WORK/sftp" -i "$S/client_key" --known-hosts "$S/known_hosts"
  else
    test_case sftp-only; fail "sshd did not start: $(cat "$S/sshd2.log")"
  fi
else
  test_case sftp; skip "openssh-server (/usr/sbin/sshd) is not installed (.ci/run installs it)"
fi
