#!/usr/bin/env bash
# python3 ftplib as the client: storbinary/retrbinary, with rest= to resume.
. "$(dirname "$0")/lib.sh"
check_tool "$PY" || exit 0
start_server || { fail "server did not start"; exit 0; }
add_user dave 'dave-password-1'

run_py() {
  "$PY" - "$FTP_PORT" <<'PYEOF'
import ftplib, io, os, sys
port = int(sys.argv[1])
data = os.urandom(1_500_000)
def login():
    f = ftplib.FTP()
    f.connect("127.0.0.1", port, timeout=20)
    f.login("dave", "dave-password-1")
    return f
results = []
def check(name, ok, detail=""):
    results.append(name)
    print(("PASS " if ok else "FAIL ") + name + (": " + detail if detail and not ok else ""))
f = login()
f.storbinary("STOR whole.bin", io.BytesIO(data))
check("stor-size", f.size("whole.bin") == len(data), str(f.size("whole.bin")))
buf = io.BytesIO(); f.retrbinary("RETR whole.bin", buf.write)
check("retr-whole", buf.getvalue() == data)
buf = io.BytesIO(); f.retrbinary("RETR whole.bin", buf.write, rest=1_000_000)
check("retr-rest", buf.getvalue() == data[1_000_000:])
f.storbinary("STOR part.bin", io.BytesIO(data[:400_000]))
f.storbinary("STOR part.bin", io.BytesIO(data[400_000:]), rest=400_000)
buf = io.BytesIO(); f.retrbinary("RETR part.bin", buf.write)
check("stor-rest", buf.getvalue() == data)
f.storlines("STOR text.txt", io.BytesIO(b"one\ntwo\n"))
check("storlines-ascii", open(os.path.join(os.environ["DATA"], "home", "dave", "text.txt"), "rb").read() == b"one\ntwo\n")
lines = []; f.retrlines("RETR text.txt", lines.append)
check("retrlines-ascii", lines == ["one", "two"], repr(lines))
facts = dict(f.mlsd())
check("mlsd", facts["whole.bin"]["size"] == str(len(data)) and facts["whole.bin"]["type"] == "file", repr(facts))
check("pwd-cwd", f.mkd("sub") == "/sub" and f.cwd("sub").startswith("250") and f.pwd() == "/sub")
try:
    f.retrbinary("RETR /nope", lambda b: None); check("missing-550", False)
except ftplib.error_perm as e:
    check("missing-550", str(e).startswith("550"), str(e))
f.quit()
PYEOF
}
export DATA
rc=0; run_py >"$WORK/py.out" 2>&1 || rc=$?
while read -r verdict name rest; do
  test_case "$name"
  if [ "$verdict" = PASS ]; then pass; else fail "${rest:-failed}"; fi
done < <(sed -n 's/^\(PASS\|FAIL\) \([^:]*\)\(: \(.*\)\)\{0,1\}$/\1 \2 \4/p' "$WORK/py.out")
test_case script-completed
if [ "$rc" = 0 ]; then pass; else fail "python exited $rc: $(tail -n 5 "$WORK/py.out" | tr '\n' ' ')"; fi
stop_server
