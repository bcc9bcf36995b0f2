#!/usr/bin/env bash
# lftp as the client: ls, put, get, get -c (resume), chmod (SITE CHMOD), mirror in both directions.
. "$(dirname "$0")/lib.sh"
check_tool lftp || exit 0
start_server || { fail "server did not start"; exit 0; }
add_user carol 'carol-password-1'
# Plain FTP on purpose (FTPS is 55-ftps.sh): lftp would otherwise take the AUTH TLS the server offers.
lf() { lftp -c "set net:max-retries 1; set net:timeout 20; set cmd:fail-exit yes; set ftp:ssl-allow no; open -u carol,carol-password-1 -p $FTP_PORT 127.0.0.1; $1"; }
head -c 2500000 /dev/urandom >"$WORK/a.bin"
mkdir -p "$WORK/tree/sub/deeper" && echo one >"$WORK/tree/one.txt" && head -c 70000 /dev/urandom >"$WORK/tree/sub/two.bin" && echo three >"$WORK/tree/sub/deeper/three.txt"

test_case put-and-ls
if lf "put $WORK/a.bin -o a.bin; ls" | grep -qE ' 2500000 .* a\.bin$'; then pass; else fail "ls after put"; fi

test_case get
lf "get a.bin -o $WORK/a-back.bin" && cmp -s "$WORK/a.bin" "$WORK/a-back.bin" && pass || fail "get differs"

test_case get-continue
head -c 777777 "$WORK/a.bin" >"$WORK/a-part.bin"
lf "get -c a.bin -o $WORK/a-part.bin" && cmp -s "$WORK/a.bin" "$WORK/a-part.bin" && pass || fail "get -c differs"

test_case put-continue
head -c 600000 "$WORK/a.bin" >"$WORK/a-head.bin"
lf "put $WORK/a-head.bin -o b.bin" && lf "put -c $WORK/a.bin -o b.bin" && lf "get b.bin -o $WORK/b-back.bin" &&
  cmp -s "$WORK/a.bin" "$WORK/b-back.bin" && pass || fail "put -c differs"

test_case chmod-by-site-chmod
if lf "chmod 750 a.bin" && [ "$(stat -c %a "$DATA/home/carol/a.bin")" = 750 ]; then pass
else fail "mode $(stat -c %a "$DATA/home/carol/a.bin")"; fi

test_case mirror-upload
lf "mirror -R $WORK/tree tree" && [ "$(find "$DATA/home/carol/tree" -type f | wc -l)" = 3 ] &&
  cmp -s "$WORK/tree/sub/two.bin" "$DATA/home/carol/tree/sub/two.bin" && pass || fail "mirror -R"

test_case mirror-download
lf "mirror tree $WORK/tree-back" && diff -r "$WORK/tree" "$WORK/tree-back" >/dev/null && pass || fail "mirror differs"

test_case rm-and-rmdir
lf "rm tree/one.txt; rm -r tree/sub; rmdir tree" && [ ! -e "$DATA/home/carol/tree" ] && pass || fail "rm -r"

stop_server
