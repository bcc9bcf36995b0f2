#!/usr/bin/env bash
# FTPS (RFC 4217) with real clients: curl --ssl-reqd (explicit) and ftps:// (implicit), lftp with
# ftp:ssl-force, python3 ftplib FTP_TLS with prot_p(). Data-connection TLS session reuse is required
# by default: curl, lftp and a session-reusing ftplib subclass pass; stock FTP_TLS is refused, and
# served once reuse is optional (per user, or server-wide).
. "$(dirname "$0")/lib.sh"
check_tool curl || exit 0
start_server --ftps-port 0 || { fail "server did not start"; exit 0; }
FTPS_PORT=$(sed -n 's/^FTPS (implicit TLS) listening on .*:\([0-9]*\)$/\1/p' "$WORK/server.out" | head -n 1)
CERT="$DATA/tls/ferry-cert.pem"
add_user erin 'erin-password-1'
add_user frank 'frank-password-1'
URL="ftp://erin:erin-password-1@127.0.0.1:$FTP_PORT"
head -c 3000000 /dev/urandom >"$WORK/src.bin"

test_case self-signed-certificate-generated
if [ -s "$CERT" ] && grep -q '^TLS certificate SHA-256 fingerprint: ' "$WORK/server.out"; then pass; else fail "no certificate or fingerprint: $(head -n 8 "$WORK/server.out" | tr '\n' ' ')"; fi

test_case fingerprint-matches-openssl
if command -v openssl >/dev/null 2>&1; then
  printed=$(sed -n 's/^TLS certificate SHA-256 fingerprint: //p' "$WORK/server.out")
  actual=$(openssl x509 -in "$CERT" -noout -fingerprint -sha256 | sed 's/^.*=//')
  if [ -n "$printed" ] && [ "$printed" = "$actual" ]; then pass; else fail "printed '$printed', openssl says '$actual'"; fi
else
  skip "openssl is not installed"
fi

test_case curl-explicit-upload
expect "curl --ssl-reqd -T, verified with the generated certificate as CA" \
  curl -sS --fail --ssl-reqd --cacert "$CERT" -T "$WORK/src.bin" "$URL/src.bin"

test_case curl-explicit-download
curl -sS --fail --ssl-reqd --cacert "$CERT" -o "$WORK/dl.bin" "$URL/src.bin" && cmp -s "$WORK/dl.bin" "$WORK/src.bin" && pass || fail "download differs"

test_case curl-explicit-list
if curl -sS --fail --ssl-reqd --cacert "$CERT" "$URL/" | grep -qE ' 3000000 .* src\.bin$'; then pass; else fail "listing"; fi

test_case curl-explicit-tls12
curl -sS --fail --ssl-reqd --tls-max 1.2 --cacert "$CERT" -o "$WORK/dl12.bin" "$URL/src.bin" && cmp -s "$WORK/dl12.bin" "$WORK/src.bin" && pass || fail "TLS 1.2 download"

test_case curl-explicit-resume
head -c 1234567 "$WORK/src.bin" >"$WORK/part.bin"
curl -sS --fail --ssl-reqd -k -C - -o "$WORK/part.bin" "$URL/src.bin" && cmp -s "$WORK/part.bin" "$WORK/src.bin" && pass || fail "resumed download differs"

test_case curl-implicit
if [ -n "$FTPS_PORT" ]; then
  curl -sS --fail -k -o "$WORK/imp.bin" "ftps://erin:erin-password-1@127.0.0.1:$FTPS_PORT/src.bin" && cmp -s "$WORK/imp.bin" "$WORK/src.bin" && pass || fail "implicit FTPS download"
else
  fail "no 'FTPS (implicit TLS) listening' line"
fi

test_case curl-implicit-upload
curl -sS --fail -k -T "$WORK/src.bin" "ftps://erin:erin-password-1@127.0.0.1:$FTPS_PORT/imp-up.bin" &&
  cmp -s "$DATA/home/erin/imp-up.bin" "$WORK/src.bin" && pass || fail "implicit FTPS upload"

test_case curl-ccc-refused
out=$(curl -sS --ssl-reqd -k --ftp-ssl-ccc -v "$URL/src.bin" -o /dev/null 2>&1)
if grep -a -q '< 534 CCC refused' <<<"$out"; then pass; else fail "$(grep -a -E '^[<>] (CCC|5)' <<<"$out" | tr '\n' ' ')"; fi

if check_tool lftp; then
  test_case lftp-ssl-force
  mkdir -p "$WORK/lftp"
  timeout 120 lftp -e "set ftp:ssl-force true; set ftp:ssl-protect-data true; set ssl:ca-file $CERT; set net:max-retries 1;
      open -u erin,erin-password-1 -p $FTP_PORT 127.0.0.1; put $WORK/src.bin -o lftp-up.bin; get src.bin -o $WORK/lftp/src.bin;
      mirror / $WORK/lftp/mirror; bye" >"$WORK/lftp.out" 2>&1
  if cmp -s "$DATA/home/erin/lftp-up.bin" "$WORK/src.bin" && cmp -s "$WORK/lftp/src.bin" "$WORK/src.bin" &&
     cmp -s "$WORK/lftp/mirror/imp-up.bin" "$WORK/src.bin"; then pass; else fail "$(tail -c 400 "$WORK/lftp.out" | tr '\n' ' ')"; fi

  test_case lftp-implicit
  out=$(timeout 60 lftp -e "set ssl:verify-certificate no; set net:max-retries 1; open -u erin,erin-password-1 ftps://127.0.0.1:$FTPS_PORT; cls -1; bye" 2>&1)
  if grep -qx 'src.bin' <<<"$out"; then pass; else fail "$out"; fi
fi

run_ftplib() { # $1 = mode (reuse | stock), $2 = user, $3 = password; prints PASS/FAIL lines
  "$PY" - "$FTP_PORT" "$CERT" "$@" <<'PYEOF'
import ftplib, io, os, ssl, sys
port, cafile, mode, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
ctx = ssl.create_default_context(cafile=cafile)
class ReusingFTP_TLS(ftplib.FTP_TLS):
    """Resumes the control connection's TLS session on each data connection, as curl and lftp do."""
    def ntransfercmd(self, cmd, rest=None):
        conn, size = ftplib.FTP.ntransfercmd(self, cmd, rest)
        if self._prot_p:
            conn = self.context.wrap_socket(conn, server_hostname=self.host, session=self.sock.session)
        return conn, size
f = (ReusingFTP_TLS if mode == "reuse" else ftplib.FTP_TLS)(context=ctx)
f.connect("127.0.0.1", port, timeout=20)
f.auth()
f.login(user, password)
f.prot_p()
data = os.urandom(700_000)
def check(name, ok, detail=""):
    print(("PASS " if ok else "FAIL ") + mode + "-" + name + (": " + detail if detail and not ok else ""))
try:
    f.storbinary("STOR py.bin", io.BytesIO(data))
    buf = io.BytesIO(); f.retrbinary("RETR py.bin", buf.write)
    check("stor-retr", buf.getvalue() == data)
    buf = io.BytesIO(); f.retrbinary("RETR py.bin", buf.write, rest=500_000)
    check("retr-rest", buf.getvalue() == data[500_000:])
    check("nlst", "py.bin" in f.nlst())
    check("mlsd", dict(f.mlsd())["py.bin"]["size"] == str(len(data)))
    f.set_pasv(False)  # active mode: the server connects, and is still the TLS server (RFC 4217 7)
    buf = io.BytesIO(); f.retrbinary("RETR py.bin", buf.write)
    check("active-retr", buf.getvalue() == data)
    f.set_pasv(True)
except ftplib.Error as e:
    check("refused", str(e).startswith("522"), str(e))
except OSError as e:
    # The server may close a refused data connection before the client's first write fails;
    # the 522 is still waiting on the control connection.
    try:
        check("refused", False, "no reply after " + repr(e) + ": " + f.getresp())
    except ftplib.Error as reply:
        check("refused", str(reply).startswith("522"), str(reply))
f.quit()
PYEOF
}
report_py() { # reads PASS/FAIL lines on stdin
  while read -r verdict name rest; do
    test_case "ftplib-$name"
    if [ "$verdict" = PASS ]; then pass; else fail "${rest:-failed}"; fi
  done < <(sed -n 's/^\(PASS\|FAIL\) \([^:]*\)\(: \(.*\)\)\{0,1\}$/\1 \2 \4/p')
}
if check_tool "$PY"; then
  run_ftplib reuse erin erin-password-1 >"$WORK/py-reuse.out" 2>&1; report_py <"$WORK/py-reuse.out"
  test_case ftplib-reuse-completed
  grep -q '^PASS reuse-mlsd' "$WORK/py-reuse.out" && pass || fail "$(tail -n 3 "$WORK/py-reuse.out" | tr '\n' ' ')"

  # Stock FTP_TLS makes a fresh TLS session per data connection: refused under 'required'.
  run_ftplib stock erin erin-password-1 >"$WORK/py-stock.out" 2>&1
  test_case ftplib-stock-refused-when-reuse-required
  if grep -q '^PASS stock-refused' "$WORK/py-stock.out"; then pass; else fail "$(tail -n 3 "$WORK/py-stock.out" | tr '\n' ' ')"; fi

  # ... and served for a user whose reuse is optional.
  "$FERRY" user tls frank --data "$DATA" --reuse optional >/dev/null
  run_ftplib stock frank frank-password-1 >"$WORK/py-frank.out" 2>&1; report_py <"$WORK/py-frank.out"
  test_case ftplib-stock-with-per-user-optional-reuse
  grep -q '^PASS stock-mlsd' "$WORK/py-frank.out" && pass || fail "$(tail -n 3 "$WORK/py-frank.out" | tr '\n' ' ')"
fi

test_case stop-server
expect "SIGTERM exits 0" stop_server

# A second server: TLS required for login (server-wide), reuse optional server-wide.
rm -rf "$WORK/data"
start_server --tls login --tls-reuse optional || { fail "second server did not start"; exit 0; }
add_user gina 'gina-password-1'
URL="ftp://gina:gina-password-1@127.0.0.1:$FTP_PORT"

test_case plain-login-refused-when-tls-required
out=$(curl -sS -v "$URL/" 2>&1); rc=$?
if [ "$rc" != 0 ] && grep -a -q '< 530 TLS required' <<<"$out" && ! grep -a -q '^> PASS' <<<"$out"; then pass; else fail "exit $rc: $(grep -a -E '^[<>]' <<<"$out" | tr '\n' ' ')"; fi

test_case tls-login-works-when-required
expect "curl --ssl-reqd" curl -sS --fail --ssl-reqd -k -T "$WORK/src.bin" "$URL/src.bin"

if check_tool "$PY"; then
  CERT="$DATA/tls/ferry-cert.pem"
  run_ftplib stock gina gina-password-1 >"$WORK/py-gina.out" 2>&1
  test_case ftplib-stock-with-server-optional-reuse
  grep -q '^PASS stock-mlsd' "$WORK/py-gina.out" && pass || fail "$(tail -n 3 "$WORK/py-gina.out" | tr '\n' ' ')"
fi

test_case data-protection-policy-all
"$FERRY" user tls gina --data "$DATA" --policy all >/dev/null
# --ftp-ssl-control: TLS for the login, clear data (PROT C), which policy 'all' refuses.
out=$(curl -sS -v -k --ftp-ssl-control "$URL/src.bin" -o /dev/null 2>&1)
if grep -a -q '< 534 PROT C refused' <<<"$out"; then pass; else fail "$(grep -a -E '^[<>] (PROT|5)' <<<"$out" | tr '\n' ' ')"; fi

stop_server
