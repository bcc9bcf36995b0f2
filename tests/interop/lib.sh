# Sourced by every tests/interop/*.sh script: results, tool checks, and a real server.
#
#   check_tool lftp || return     skip (loudly) the current test when a tool is missing
#   start_server [flags...]       bin/ferry serve on a free loopback port in a fresh data dir;
#                                 sets FTP_PORT, ADMIN_PASS (user ferry), DATA, SERVER_PID
#   stop_server                   SIGTERM, and checks the exit status is 0
#   add_user NAME PASS            ferry user add, reading the password from stdin
#   pass MSG / fail MSG / skip MSG
set -u
FERRY_ROOT=${FERRY_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
FERRY="$FERRY_ROOT/bin/ferry"
RESULTS=${FERRY_TEST_RESULTS:-/dev/null}
SCRIPT=$(basename "$0" .sh)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/ferry-interop-$SCRIPT.XXXXXX")
T="(no test)"
# Tools from Debian packages (python3-paramiko...) live beside the system python, not a pyenv one.
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi

test_case() { T="$1"; }
pass() { echo "  PASS $SCRIPT/$T${1:+: $1}"; echo "pass $SCRIPT/$T" >>"$RESULTS"; }
fail() { echo "  FAIL $SCRIPT/$T: $1"; echo "fail $SCRIPT/$T: $1" >>"$RESULTS"; }
skip() { echo "  SKIP $SCRIPT/$T: $1"; echo "skip $SCRIPT/$T: $1" >>"$RESULTS"; }

# expect DESCRIPTION COMMAND...: passes when the command succeeds.
expect() { local d="$1"; shift; if "$@" >"$WORK/last.out" 2>&1; then pass "$d"; else fail "$d (exit $?: $(tail -c 400 "$WORK/last.out" | tr '\n' ' '))"; fi; }

check_tool() {
  if ! command -v "$1" >/dev/null 2>&1; then
    skip "$1 is not installed (.ci/run installs it)"
    return 1
  fi
}

start_server() {
  DATA="$WORK/data"
  mkdir -p "$DATA"
  # Job control on for the launch: a non-interactive shell starts background jobs with SIGINT
  # ignored, and a process cannot un-ignore it, so the SIGINT test would test nothing.
  set -m
  # No SSH listener unless the script asks (--sftp-port 0): a fixed default port would collide.
  FERRY_SFTP_PORT=${FERRY_SFTP_PORT:-off} "$FERRY" serve --data "$DATA" --ftp-port 0 --bind 127.0.0.1 --login-failure-delay 100ms "$@" \
    >"$WORK/server.out" 2>"$WORK/server.err" &
  SERVER_PID=$!
  set +m
  local i
  for i in $(seq 1 300); do
    if grep -q 'FTP listening' "$WORK/server.out" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "server did not start:"; cat "$WORK/server.out" "$WORK/server.err"; return 1
    fi
    sleep 0.1
  done
  FTP_PORT=$(sed -n 's/^FTP listening on .*:\([0-9]*\)$/\1/p; s/^FTP listening on port \([0-9]*\) .*/\1/p' "$WORK/server.out" | head -n 1)
  ADMIN_PASS=$(sed -n "s/^First start: created user 'ferry' with password: //p" "$WORK/server.out")
  [ -n "$FTP_PORT" ] || { echo "no FTP port in server output"; cat "$WORK/server.out"; return 1; }
}

stop_server() {
  [ -n "${SERVER_PID:-}" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null
  local rc=0
  wait "$SERVER_PID" || rc=$?
  SERVER_PID=""
  return "$rc"
}

add_user() {
  printf '%s\n' "$2" | "$FERRY" user add "$1" --data "$DATA" --password-stdin >/dev/null
}

cleanup() {
  if [ -n "${SERVER_PID:-}" ]; then kill -KILL "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
