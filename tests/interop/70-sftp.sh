#!/usr/bin/env bash
# SFTP and SCP with real clients: OpenSSH sftp -b and scp (classic -O and the SFTP-based default),
# key and password logins (sshpass), paramiko, ssh-audit, and the host key fingerprints printed
# at start against ssh-keyscan's.
. "$(dirname "$0")/lib.sh"
check_tool sftp || exit 0
check_tool ssh-keygen || exit 0
# Every client call is bounded: a hang fails its case instead of the whole script's time.
sftp() { timeout 120 sftp "$@"; }
scp() { timeout 120 scp "$@"; }
ssh() { timeout 60 ssh "$@"; }
sshpass() { timeout 120 sshpass "$@"; }
start_server --sftp-port 0 || { fail "server did not start"; exit 0; }
for _ in $(seq 1 300); do grep -q '^SFTP host key ssh-rsa' "$WORK/server.out" && break; sleep 0.1; done
SFTP_PORT=$(sed -n 's/^SFTP listening on .*:\([0-9]*\)$/\1/p' "$WORK/server.out" | head -n 1)
test_case sftp-listening
if [ -n "$SFTP_PORT" ]; then pass "port $SFTP_PORT"; else fail "no 'SFTP listening' line: $(cat "$WORK/server.out")"; exit 0; fi

add_user alice 'alice-ssh-pass-1'
HOME_A="$DATA/home/alice"
ssh-keygen -q -t ed25519 -N '' -C 'alice@test' -f "$WORK/id_alice"
KNOWN="$WORK/known_hosts"
SSHOPTS=(-o UserKnownHostsFile="$KNOWN" -o StrictHostKeyChecking=yes -o LogLevel=ERROR -o ConnectTimeout=10)
KEYOPTS=(-i "$WORK/id_alice" -o IdentitiesOnly=yes -o PasswordAuthentication=no -o BatchMode=yes)
PASSOPTS=(-o PubkeyAuthentication=no -o BatchMode=no -o PreferredAuthentications=password)

test_case host-key-fingerprints-match-ssh-keyscan
if check_tool ssh-keyscan; then
  ssh-keyscan -p "$SFTP_PORT" 127.0.0.1 2>/dev/null >"$KNOWN.scan"
  scanned=$(ssh-keygen -lf "$KNOWN.scan" | awk '{print $2}' | sort)
  printed=$(sed -n 's/^SFTP host key [^ ]* //p' "$WORK/server.out" | sort)
  if [ -n "$printed" ] && [ "$scanned" = "$printed" ]; then pass "$(echo $printed)"; else fail "printed [$printed] vs keyscan [$scanned]"; fi
  # Trust exactly the keys whose fingerprints the server printed.
  cp "$KNOWN.scan" "$KNOWN"
fi

test_case host-keys-private
if [ "$(stat -c %a "$DATA/ssh/ssh_host_ed25519_key")" = 600 ] && [ "$(stat -c %a "$DATA/ssh/ssh_host_rsa_key")" = 600 ]; then pass; else fail "$(ls -l "$DATA/ssh")"; fi

test_case user-key-add-list
"$FERRY" user key add alice --data "$DATA" <"$WORK/id_alice.pub" >"$WORK/keyadd.out" 2>&1
fp=$(ssh-keygen -lf "$WORK/id_alice.pub" | awk '{print $2}')
if grep -qF "$fp" "$WORK/keyadd.out" && "$FERRY" user key list alice --data "$DATA" | grep -qF "$fp"; then pass "$fp"; else fail "$(cat "$WORK/keyadd.out")"; fi

test_case user-key-add-refuses-garbage
if echo 'ssh-ed25519 bm90IGEga2V5' | "$FERRY" user key add alice --data "$DATA" >/dev/null 2>"$WORK/bad.err"; then fail "garbage key accepted"
elif grep -q 'ferry:' "$WORK/bad.err"; then pass "$(head -n 1 "$WORK/bad.err")"; else fail "no clear message: $(cat "$WORK/bad.err")"; fi

head -c 3000000 /dev/urandom >"$WORK/payload.bin"
sftp_key() { sftp -q "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" -b "$1" alice@127.0.0.1; }

test_case sftp-batch-key-auth
cat >"$WORK/b1" <<B
put $WORK/payload.bin up.bin
mkdir dir1
rename up.bin dir1/moved.bin
ls -l dir1
get dir1/moved.bin $WORK/back.bin
df
B
if sftp_key "$WORK/b1" >"$WORK/b1.out" 2>&1 && cmp -s "$WORK/payload.bin" "$WORK/back.bin" && cmp -s "$WORK/payload.bin" "$HOME_A/dir1/moved.bin"; then
  pass; else fail "$(tail -n 5 "$WORK/b1.out" | tr '\n' ' ')"; fi

test_case sftp-ls-long-shows-size
if grep -q ' 3000000 ' "$WORK/b1.out"; then pass; else fail "$(grep moved "$WORK/b1.out")"; fi

test_case sftp-resume-upload-reput
head -c 1000000 "$WORK/payload.bin" >"$HOME_A/partial.bin"
printf 'reput %s partial.bin\n' "$WORK/payload.bin" >"$WORK/b2"
if sftp_key "$WORK/b2" >"$WORK/b2.out" 2>&1 && cmp -s "$WORK/payload.bin" "$HOME_A/partial.bin"; then pass; else fail "$(tail -n 3 "$WORK/b2.out" | tr '\n' ' ')"; fi

test_case sftp-resume-download-reget
head -c 1200000 "$WORK/payload.bin" >"$WORK/partial-down.bin"
printf 'reget dir1/moved.bin %s\n' "$WORK/partial-down.bin" >"$WORK/b3"
if sftp_key "$WORK/b3" >"$WORK/b3.out" 2>&1 && cmp -s "$WORK/payload.bin" "$WORK/partial-down.bin"; then pass; else fail "$(tail -n 3 "$WORK/b3.out" | tr '\n' ' ')"; fi

test_case sftp-put-keeps-the-local-mode
# OpenSSH's put sends the local mode in OPEN; as with OpenSSH's server, a new file gets it (less the umask).
printf '#!/bin/sh\necho hi\n' >"$WORK/run.sh" && chmod 755 "$WORK/run.sh"
head -c 100 /dev/urandom >"$WORK/secret.key" && chmod 600 "$WORK/secret.key"
printf 'put %s run.sh\nput %s secret.key\n' "$WORK/run.sh" "$WORK/secret.key" >"$WORK/b9"
want=$(printf '%o' $((0755 & ~$(umask))))
if sftp_key "$WORK/b9" >"$WORK/b9.out" 2>&1 && [ "$(stat -c %a "$HOME_A/run.sh")" = "$want" ] &&
   [ "$(stat -c %a "$HOME_A/secret.key")" = 600 ]; then pass "run.sh $want, secret.key 600"
else fail "$(stat -c '%n %a' "$HOME_A/run.sh" "$HOME_A/secret.key" 2>&1 | tr '\n' ' ') $(tail -n 2 "$WORK/b9.out" | tr '\n' ' ')"; fi

test_case sftp-cannot-leave-home
printf 'get ../../../../etc/passwd %s/passwd\n' "$WORK" >"$WORK/b4"
if sftp_key "$WORK/b4" >"$WORK/b4.out" 2>&1 || [ -e "$WORK/passwd" ]; then fail "escaped: $(cat "$WORK/b4.out")"; else pass "$(grep -v '^sftp>' "$WORK/b4.out" | head -n 1)"; fi

test_case sftp-symlink-creation-refused
printf 'symlink /etc/passwd link\n' >"$WORK/b5"
if sftp_key "$WORK/b5" >"$WORK/b5.out" 2>&1 || [ -L "$HOME_A/link" ]; then fail "symlink made"; else pass; fi

for cipher in aes128-gcm@openssh.com aes256-gcm@openssh.com chacha20-poly1305@openssh.com aes128-ctr; do
  test_case "sftp-cipher-$cipher"
  rm -f "$WORK/c.bin"
  printf 'put %s c.bin\nget c.bin %s/c.bin\n' "$WORK/payload.bin" "$WORK" >"$WORK/bc"
  if sftp -q "${SSHOPTS[@]}" "${KEYOPTS[@]}" -o Ciphers="$cipher" -P "$SFTP_PORT" -b "$WORK/bc" alice@127.0.0.1 >"$WORK/bc.out" 2>&1 &&
     cmp -s "$WORK/payload.bin" "$WORK/c.bin"; then pass; else fail "$(tail -n 3 "$WORK/bc.out" | tr '\n' ' ')"; fi
done

if check_tool sshpass; then
  test_case sftp-batch-password-auth
  printf 'put %s pw.bin\nget pw.bin %s/pw-back.bin\n' "$WORK/payload.bin" "$WORK" >"$WORK/b6"
  if sshpass -p 'alice-ssh-pass-1' sftp -q "${SSHOPTS[@]}" "${PASSOPTS[@]}" -P "$SFTP_PORT" -b "$WORK/b6" alice@127.0.0.1 >"$WORK/b6.out" 2>&1 &&
     cmp -s "$WORK/payload.bin" "$WORK/pw-back.bin"; then pass; else fail "$(tail -n 3 "$WORK/b6.out" | tr '\n' ' ')"; fi

  test_case sftp-wrong-password-refused
  if sshpass -p 'wrong-password' sftp -q "${SSHOPTS[@]}" "${PASSOPTS[@]}" -o NumberOfPasswordPrompts=1 -P "$SFTP_PORT" -b "$WORK/b6" alice@127.0.0.1 >"$WORK/b7.out" 2>&1; then
    fail "logged in with a wrong password"; else pass; fi

  test_case scp-default-sftp-mode-password
  rm -f "$WORK/scp1.bin"
  if sshpass -p 'alice-ssh-pass-1' scp -q "${SSHOPTS[@]}" "${PASSOPTS[@]}" -P "$SFTP_PORT" "$WORK/payload.bin" alice@127.0.0.1:scp-sftp.bin >"$WORK/s1.out" 2>&1 &&
     sshpass -p 'alice-ssh-pass-1' scp -q "${SSHOPTS[@]}" "${PASSOPTS[@]}" -P "$SFTP_PORT" alice@127.0.0.1:scp-sftp.bin "$WORK/scp1.bin" >>"$WORK/s1.out" 2>&1 &&
     cmp -s "$WORK/payload.bin" "$WORK/scp1.bin"; then pass; else fail "$(tail -n 3 "$WORK/s1.out" | tr '\n' ' ')"; fi

  test_case scp-legacy-password
  rm -f "$WORK/scp2.bin"
  if sshpass -p 'alice-ssh-pass-1' scp -O -q "${SSHOPTS[@]}" "${PASSOPTS[@]}" -P "$SFTP_PORT" "$WORK/payload.bin" alice@127.0.0.1:scp-legacy-pw.bin >"$WORK/s2.out" 2>&1 &&
     cmp -s "$WORK/payload.bin" "$HOME_A/scp-legacy-pw.bin"; then pass; else fail "$(tail -n 3 "$WORK/s2.out" | tr '\n' ' ')"; fi
fi

test_case scp-legacy-key-up-and-down
rm -f "$WORK/scp3.bin"
if scp -O -q -p "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" "$WORK/payload.bin" alice@127.0.0.1:scp-legacy.bin >"$WORK/s3.out" 2>&1 &&
   scp -O -q "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" alice@127.0.0.1:scp-legacy.bin "$WORK/scp3.bin" >>"$WORK/s3.out" 2>&1 &&
   cmp -s "$WORK/payload.bin" "$WORK/scp3.bin"; then pass; else fail "$(tail -n 3 "$WORK/s3.out" | tr '\n' ' ')"; fi

test_case scp-legacy-keeps-times
if [ "$(stat -c %Y "$HOME_A/scp-legacy.bin")" = "$(stat -c %Y "$WORK/payload.bin")" ]; then pass; else fail "mtime not kept"; fi

test_case scp-legacy-recursive
mkdir -p "$WORK/tree/sub" && echo one >"$WORK/tree/a.txt" && echo two >"$WORK/tree/sub/b.txt"
rm -rf "$WORK/tree-back"
if scp -O -q -r "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" "$WORK/tree" alice@127.0.0.1: >"$WORK/s4.out" 2>&1 &&
   scp -O -q -r "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" alice@127.0.0.1:tree "$WORK/tree-back" >>"$WORK/s4.out" 2>&1 &&
   diff -r "$WORK/tree" "$WORK/tree-back" >/dev/null; then pass; else fail "$(tail -n 3 "$WORK/s4.out" | tr '\n' ' ')"; fi

test_case scp-legacy-cannot-leave-home
if scp -O -q "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" alice@127.0.0.1:../../../../etc/hostname "$WORK/esc.txt" >"$WORK/s5.out" 2>&1 || [ -e "$WORK/esc.txt" ]; then
  fail "escaped"; else pass "$(head -n 1 "$WORK/s5.out")"; fi

test_case exec-sha256sum-md5sum
want=$(cd "$WORK" && sha256sum payload.bin | cut -d' ' -f1)
got=$(ssh "${SSHOPTS[@]}" "${KEYOPTS[@]}" -p "$SFTP_PORT" alice@127.0.0.1 sha256sum dir1/moved.bin 2>&1)
want5=$(md5sum <"$WORK/payload.bin" | cut -d' ' -f1)
got5=$(ssh "${SSHOPTS[@]}" "${KEYOPTS[@]}" -p "$SFTP_PORT" alice@127.0.0.1 md5sum dir1/moved.bin 2>&1)
if [ "$got" = "$want  dir1/moved.bin" ] && [ "$got5" = "$want5  dir1/moved.bin" ]; then pass; else fail "got [$got] [$got5]"; fi

test_case exec-other-commands-refused
if ssh "${SSHOPTS[@]}" "${KEYOPTS[@]}" -p "$SFTP_PORT" alice@127.0.0.1 'cat /etc/passwd' >"$WORK/e1.out" 2>&1; then fail "ran: $(cat "$WORK/e1.out")"
else rc=$?; if grep -q 'no shell' "$WORK/e1.out" && ! grep -q root: "$WORK/e1.out"; then pass "exit $rc"; else fail "$(cat "$WORK/e1.out")"; fi; fi

test_case no-shell
if ssh -tt "${SSHOPTS[@]}" "${KEYOPTS[@]}" -p "$SFTP_PORT" alice@127.0.0.1 </dev/null >"$WORK/e2.out" 2>&1; then fail "a shell opened"
elif grep -q "shell request failed" "$WORK/e2.out"; then pass; else fail "$(cat "$WORK/e2.out")"; fi

if check_tool "$PY" && "$PY" -c 'import paramiko' 2>/dev/null; then
  test_case paramiko
  "$PY" - "$SFTP_PORT" "$KNOWN" "$WORK/id_alice" >"$WORK/py.out" 2>&1 <<'PYEOF'
import io, os, sys, paramiko
port, known, keyfile = int(sys.argv[1]), sys.argv[2], sys.argv[3]
results = []
def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + name + (": " + str(detail) if detail and not ok else ""))
def connect(**kw):
    c = paramiko.SSHClient()
    c.load_host_keys(known)
    c.set_missing_host_key_policy(paramiko.RejectPolicy())
    c.connect("127.0.0.1", port=port, username="alice", look_for_keys=False, allow_agent=False, timeout=20, **kw)
    return c
data = os.urandom(700_000)
c = connect(password="alice-ssh-pass-1")
s = c.open_sftp()
with s.open("p.bin", "wb") as f:
    f.write(data)
check("put", s.stat("p.bin").st_size == len(data), s.stat("p.bin").st_size)
buf = io.BytesIO(); s.getfo("p.bin", buf)
check("get", buf.getvalue() == data)
check("listdir", "p.bin" in s.listdir("."), s.listdir("."))
s.rename("p.bin", "q.bin")
check("rename", "q.bin" in s.listdir(".") and "p.bin" not in s.listdir("."))
with s.open("q.bin", "rb") as f:
    f.seek(500_000)
    check("read-at-offset", f.read() == data[500_000:])
with s.open("r.bin", "wb") as f:
    f.write(data[:300_000])
with s.open("r.bin", "r+b") as f:
    f.seek(300_000)
    f.write(data[300_000:])
check("resume-write-at-offset", s.stat("r.bin").st_size == len(data) and s.open("r.bin").read() == data)
# paramiko's SFTPFile.check: the check-file extension on an open handle, whole and by blocks.
import hashlib
with s.open("r.bin", "rb") as f:
    whole = f.check("sha256")
    blocks = f.check("md5", 0, 0, 262144)
check("check-file-sha256", whole == hashlib.sha256(data).digest(), whole.hex())
check("check-file-md5-blocks", blocks == b"".join(hashlib.md5(data[i:i + 262144]).digest() for i in range(0, len(data), 262144)), len(blocks))
with s.open("r.bin", "ab") as f:
    f.write(b"tail")
check("append", s.stat("r.bin").st_size == len(data) + 4)
s.remove("q.bin")
try:
    s.stat("q.bin"); check("remove", False, "still there")
except FileNotFoundError:
    check("remove", True)
try:
    s.stat("../../../../etc/passwd"); check("confined", False, "stat outside the home worked")
except IOError:
    check("confined", True)
check("normalize", s.normalize("../..") == "/", s.normalize("../.."))
# Latin-1 names: refused, never stored as U+FFFD (caf\xe9 and caf\xe8 would have been one file).
refused = 0
for raw in (b"caf\xe9.txt", b"caf\xe8.txt"):
    try:
        with s.open(raw, "wb") as f:
            f.write(b"x")
    except IOError:
        refused += 1
check("not-utf8-names-refused", refused == 2 and not any(n.startswith("caf") for n in s.listdir(".")), s.listdir("."))
s.close(); c.close()
c = connect(key_filename=keyfile)
s = c.open_sftp()
check("key-login", "r.bin" in s.listdir("/"))
s.close(); c.close()
PYEOF
  rc=$?
  while read -r verdict name rest; do
    test_case "paramiko-$name"
    if [ "$verdict" = PASS ]; then pass; else fail "${rest:-failed}"; fi
  done < <(sed -n 's/^\(PASS\|FAIL\) \([^:]*\)\(: \(.*\)\)\{0,1\}$/\1 \2 \4/p' "$WORK/py.out")
  test_case paramiko-script-completed
  if [ "$rc" = 0 ]; then pass; else fail "python exited $rc: $(tail -n 5 "$WORK/py.out" | tr '\n' ' ')"; fi
else
  test_case paramiko; skip "python3-paramiko is not installed (.ci/run installs it)"
fi

test_case ssh-audit-no-failure
if check_tool ssh-audit; then
  ssh-audit -n -p "$SFTP_PORT" 127.0.0.1 >"$WORK/audit.out" 2>&1; rc=$?
  # Exit 0 = all good, 2 = warnings only (ssh-audit 2.5 does not know ML-KEM yet); 3 = a failure.
  if { [ "$rc" = 0 ] || [ "$rc" = 2 ]; } && ! grep -q '\[fail\]' "$WORK/audit.out" && grep -q 'mlkem768x25519-sha256' "$WORK/audit.out"; then
    pass "exit $rc"; else fail "exit $rc: $(grep -E 'fail' "$WORK/audit.out" | head -n 5 | tr '\n' ' ')"; fi
fi

test_case sftp-quota
add_user quentin 'quentin-pass-1'
"$FERRY" user set quentin --quota-bytes 1MiB --data "$DATA" >/dev/null
"$FERRY" user key add quentin --data "$DATA" <"$WORK/id_alice.pub" >/dev/null
printf 'df\nput %s big.bin\n' "$WORK/payload.bin" >"$WORK/bq"
sftp -q "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" -b "$WORK/bq" quentin@127.0.0.1 >"$WORK/bq.out" 2>&1
size=$(stat -c %s "$DATA/home/quentin/big.bin" 2>/dev/null || echo 0)
# OpenSSH's sftp shows a failed write as "Failure"; the transfer log says why.
if grep -q 'Failure' "$WORK/bq.out" && [ "$size" -le 1048576 ] && grep -qE '^ +1024 ' "$WORK/bq.out" &&
   grep -q 'transfer proto=sftp user=quentin .*result=quota' "$WORK/server.err"; then
  pass "stopped at $size bytes"; else fail "size $size: $(tr '\n' ' ' <"$WORK/bq.out")"; fi

test_case scp-into-a-drop-box
add_user dropper 'dropper-pass-1'
"$FERRY" user set dropper --write-only --data "$DATA" >/dev/null
"$FERRY" user key add dropper --data "$DATA" <"$WORK/id_alice.pub" >/dev/null
# OpenSSH's scp (SFTP mode) asks whether the target is a directory before it uploads into it.
if scp -q "${SSHOPTS[@]}" "${KEYOPTS[@]}" -P "$SFTP_PORT" "$WORK/payload.bin" dropper@127.0.0.1: >"$WORK/drop.out" 2>&1 &&
   cmp -s "$WORK/payload.bin" "$DATA/home/dropper/payload.bin"; then pass; else fail "$(tr '\n' ' ' <"$WORK/drop.out")"; fi

# The ferry client over SFTP, killed mid-way and finished with -c: the partial copy is checked
# against the server's first bytes (check-file-name), extended, and the whole verified.
MiB=$((1024 * 1024))
head -c $((48 * MiB)) /dev/urandom >"$WORK/big.bin"
cp "$WORK/big.bin" "$HOME_A/big.bin"
FOPTS=(-i "$WORK/id_alice" --known-hosts "$KNOWN")
fsize() { stat -c %s "$1" 2>/dev/null || echo 0; }
for way in get put; do
  test_case "ferry-client-sftp-$way-sigkill-then-continue"
  if [ "$way" = get ]; then
    src="sftp://alice@127.0.0.1:$SFTP_PORT/big.bin" dst="$WORK/big-back.bin" grows="$WORK/big-back.bin"
  else
    src="$WORK/big.bin" dst="sftp://alice@127.0.0.1:$SFTP_PORT/big-up.bin" grows="$HOME_A/big-up.bin"
  fi
  "$FERRY" "$way" "${FOPTS[@]}" --limit-rate 16MiB/s "$src" "$dst" >/dev/null 2>"$WORK/k-$way.err" & # killed below
  pid=$!
  for _ in $(seq 1 300); do [ "$(fsize "$grows")" -gt $((8 * MiB)) ] && break; sleep 0.1; done
  kill -KILL "$pid"; wait "$pid" 2>/dev/null
  sleep 0.5 # the server notices the dropped channel and closes the partial file
  part=$(fsize "$grows")
  out=$(timeout 120 "$FERRY" "$way" -c "${FOPTS[@]}" "$src" "$dst" 2>&1); rc=$?
  if [ "$rc" = 0 ] && [ "$part" -gt 0 ] && [ "$part" -lt $((48 * MiB)) ] && cmp -s "$WORK/big.bin" "$grows" &&
     grep -q 'resuming at' <<<"$out" && grep -q 'verified sha256' <<<"$out"; then
    pass "killed at $((part / MiB)) MiB; $(tail -n 1 <<<"$out")"
  else
    fail "exit $rc, killed at $part: $out $(cat "$WORK/k-$way.err")"
  fi
done
rm -f "$WORK/big.bin" "$WORK/big-back.bin" "$HOME_A/big.bin" "$HOME_A/big-up.bin"

test_case user-key-del-then-refused
"$FERRY" user key del alice "$fp" --data "$DATA" >/dev/null 2>&1
printf 'ls\n' >"$WORK/b8"
if sftp_key "$WORK/b8" >"$WORK/b8.out" 2>&1; then fail "key still works"; else pass; fi

test_case transfer-log-lines
if grep -q 'transfer proto=sftp user=alice .*dir=up path="/up.bin" bytes=3000000 .*result=ok' "$WORK/server.err" &&
   grep -q 'transfer proto=scp user=alice .*dir=down' "$WORK/server.err"; then pass; else fail "$(grep transfer "$WORK/server.err" | head -n 3)"; fi

test_case stop
if stop_server; then pass; else fail "server exit status $?"; fi
