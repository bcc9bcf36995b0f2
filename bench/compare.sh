#!/usr/bin/env bash
# bench/compare.sh: Ferry and the established FTP servers, measured side by side in one run on this
# machine with `ferry bench`, and docs/PERFORMANCE.md written from the results.
#
#   bench/compare.sh                 the full run (1 GiB streams, 200 login clients, 10,000 idle sessions...)
#   bench/compare.sh --quick         a smoke run: small sizes and counts, a few minutes
#   bench/compare.sh --servers "ferry pyftpdlib"   only some servers (ferry, vsftpd, pure-ftpd, proftpd, pyftpdlib)
#   bench/compare.sh --scenarios "retr stor"       only some scenarios
#   bench/compare.sh --out FILE      write the report elsewhere (default docs/PERFORMANCE.md)
#
# Needs root (apt-get, the peers' privilege separation, a temporary /etc/pam.d file for vsftpd's
# virtual user). Every server listens on 127.0.0.1 only, runs in the foreground under this script,
# and is stopped by the trap at the end, whatever happens; every scenario is bounded in count and time.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
FERRY="$root/bin/ferry"
PEERS="$root/bench/.peers"
BENCH_USER=bench
BENCH_PASS=benchpass

quick=0 out="$root/docs/PERFORMANCE.md"
servers="ferry vsftpd pure-ftpd proftpd pyftpdlib"
scenarios="raw hash retr stor login conc-retr conc-stor small-files list idle"
command_line="bench/compare.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --servers) servers="$2"; shift ;;
    --scenarios) scenarios="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "$quick" = 1 ]; then
  SIZE=64MiB REPEAT=2 LIST_REPEAT=3 LOGIN_DURATION=3s LOGIN_WARMUP=1s LOGIN_CLIENTS=50 CONC_CLIENTS=20 CONC_SIZE=2MiB
  SMALL_CLIENTS=5 SMALL_FILES=20 ENTRIES=1000 IDLE=300 IDLE_FORKING=100 HASH_DURATION=2 HASH_WARMUP=1
else
  SIZE=1GiB REPEAT=3 LIST_REPEAT=10 LOGIN_DURATION=10s LOGIN_WARMUP=5s LOGIN_CLIENTS=200 CONC_CLIENTS=100 CONC_SIZE=10MiB
  SMALL_CLIENTS=20 SMALL_FILES=500 ENTRIES=10000 IDLE=10000 IDLE_FORKING=1000 HASH_DURATION=10 HASH_WARMUP=3
fi

WORK=$(mktemp -d /tmp/ferry-compare.XXXXXX)
chmod 755 "$WORK"
RESULTS="$WORK/results"
mkdir -p "$RESULTS" "$WORK/homes"
SERVER_PID=""
. "$root/bench/peers.sh"

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  # The whole process group would also take this script; the peers' children follow their parent.
  pkill -TERM -P "$SERVER_PID" 2>/dev/null || true
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  pkill -KILL -P "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
cleanup() {
  stop_server
  rm -f "$VSFTPD_PAM"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

wait_port() { # port pid
  for _ in $(seq 150); do
    if /usr/bin/python3 -c "import socket,sys; s=socket.create_connection(('127.0.0.1',$1),1); sys.exit(0 if s.recv(3)==b'220' else 1)" 2>/dev/null; then
      return 0
    fi
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.2
  done
  return 1
}

# The open-file limit for idle sessions: each is one descriptor in the generator and one (or a
# process) in the server. The JVM raises its soft limit to the hard one itself; it cannot raise
# the hard limit, and Python does neither, so the script does it for both.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

bench() { # server-label scenario [extra ferry bench args...]
  local label="$1" scenario="$2"; shift 2
  local json="$RESULTS/$label--$scenario.json"
  echo "== $label: $scenario" >&2
  local args=(--json "$json" --time-limit 10m --work-dir "$WORK/src")
  [ -n "$SERVER_PID" ] && args+=(--server-pid "$SERVER_PID")
  if ! timeout --kill-after=10 900 "$FERRY" bench "ftp://$BENCH_USER:$BENCH_PASS@127.0.0.1:$PORT/" --scenario "$scenario" "${args[@]}" "$@" \
      >"$RESULTS/$label--$scenario.txt" 2>"$RESULTS/$label--$scenario.err"; then
    echo "   (errors: see below)" >&2
    tail -n 5 "$RESULTS/$label--$scenario.err" >&2
  fi
  cat "$RESULTS/$label--$scenario.txt" >&2
}

wants() { [[ " $scenarios " == *" $1 "* ]]; }

# The transfer and listing scenarios, each server the same; the loopback limit is measured just
# before retr, so the fraction of it reads against the machine's state of the moment.
run_scenarios() { # label
  local label="$1"
  if wants retr; then
    wants raw && bench "raw@$label" raw --size "$SIZE" --repeat "$REPEAT"
    bench "$label" retr --size "$SIZE" --repeat "$REPEAT"
  fi
  wants stor && bench "$label" stor --size "$SIZE" --repeat "$REPEAT"
  wants conc-retr && bench "$label" conc-retr --clients "$CONC_CLIENTS" --conc-size "$CONC_SIZE" --repeat "$REPEAT"
  wants conc-stor && bench "$label" conc-stor --clients "$CONC_CLIENTS" --conc-size "$CONC_SIZE" --repeat "$REPEAT"
  wants small-files && bench "$label" small-files --clients "$SMALL_CLIENTS" --files "$SMALL_FILES"
  wants list && bench "$label" list --entries "$ENTRIES" --repeat "$LIST_REPEAT"
  return 0
}

login_run() { # label
  wants login && bench "$1" login --clients "$LOGIN_CLIENTS" --duration "$LOGIN_DURATION" --warmup "$LOGIN_WARMUP"
  return 0
}

start_ferry() { # data-dir [serve flags...]
  local data="$1"; shift
  # --log-level warn: no line per login and per transfer, as the peers are configured here.
  FERRY_JAVA_OPTS="${FERRY_SERVER_JAVA_OPTS:-}" "$FERRY" serve --data "$data" --ftp-port "$PORT" --sftp-port off --bind 127.0.0.1 \
    --max-sessions 30000 --max-sessions-per-ip 0 --log-level warn "$@" >"$data/serve.log" 2>&1 &
  SERVER_PID=$!
}

# start SERVER [hash-kind]: a fresh instance on a fresh port; sets PORT, SERVER_PID, PEER_HASH.
start() {
  local server="$1" kind="${2:-yescrypt}"
  PORT=$(free_port)
  case "$server" in
    ferry) start_ferry "$FERRY_DATA"; PEER_HASH="argon2id m=19456 t=2 p=1" ;;
    ferry-cache) start_ferry "$FERRY_DATA" --login-cache 10m; PEER_HASH="argon2id m=19456 t=2 p=1, login-cache 10m" ;;
    vsftpd) start_vsftpd "$PORT" "$kind" ;;
    pure-ftpd) start_pure_ftpd "$PORT" "$kind" ;;
    proftpd) start_proftpd "$PORT" "$kind" ;;
    pyftpdlib) start_pyftpdlib "$PORT" ;;
    *) echo "unknown server $server" >&2; return 1 ;;
  esac
  if ! wait_port "$PORT" "$SERVER_PID"; then
    echo "$server did not start:" >&2
    cat "$WORK/${server%-cache}/out.log" "$FERRY_DATA/serve.log" 2>/dev/null | tail -n 20 >&2
    stop_server
    return 1
  fi
}

echo "== building Ferry" >&2
"$FERRY" --version >&2
echo "== installing the peers (apt) into $PEERS" >&2
peers_install

# The loopback limit, no server involved (measured again before each server's retr).
if wants raw; then PORT=0; SERVER_PID=""; bench raw raw --size "$SIZE" --repeat "$REPEAT"; fi

# Ferry's bench user, hashed by Ferry at its default cost: Argon2id, 19 MiB, 2 iterations.
FERRY_DATA="$WORK/ferry"
mkdir -p "$FERRY_DATA"
echo "$BENCH_PASS" | "$FERRY" user add --data "$FERRY_DATA" --password-stdin "$BENCH_USER" >/dev/null
FERRY_HASH=$(/usr/bin/python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select password_hash from users where name=?', ('$BENCH_USER',)).fetchone()[0])" "$FERRY_DATA/users.db")
declare -A HASH_OF

# The password hashes alone, no server, one verify after another on every core: Ferry's Argon2id
# (`ferry bench --scenario hash`) and the peers' own libraries verifying their hashes
# (bench/hashcost.py). On all cores this is the most uncached logins a second a server can make
# with that hash here, whatever else it does well or badly.
hash_cost() { # label kind stored-hash
  echo "== $1: hash" >&2
  /usr/bin/python3 "$root/bench/hashcost.py" --kind "$2" --hash "$3" --password "$BENCH_PASS" --duration "$HASH_DURATION" \
    --warmup "$HASH_WARMUP" --json "$RESULTS/$1--hash.json" >"$RESULTS/$1--hash.txt" 2>"$RESULTS/$1--hash.err" || tail -n 3 "$RESULTS/$1--hash.err" >&2
  cat "$RESULTS/$1--hash.txt" >&2
}
if wants hash; then
  PORT=0; SERVER_PID=""; bench ferry hash --duration "${HASH_DURATION}s" --warmup "${HASH_WARMUP}s"
  hash_cost libxcrypt-yescrypt yescrypt "$(crypt_hash yescrypt)"
  hash_cost libxcrypt-sha512crypt sha512crypt "$(crypt_hash sha512crypt)"
  hash_cost libsodium-argon2id argon2id "$FERRY_HASH"
fi

for server in $servers; do
  forking=0
  case "$server" in vsftpd|pure-ftpd|proftpd) forking=1 ;; esac
  base="$server"
  # Ferry's idle and cached logins run with the verified-credential cache: opening 10,000 sessions
  # would otherwise cost 10,000 Argon2id hashes (minutes on two cores), and idle measures holding
  # sessions, not opening them.
  [ "$server" = ferry ] && idle_server=ferry-cache || idle_server="$server"
  if start "$server"; then
    HASH_OF[$server]="$PEER_HASH"
    run_scenarios "$server"
    login_run "$server"
    stop_server
  fi
  if [ "$server" = ferry ] && wants login && start ferry-cache; then
    HASH_OF[ferry-cache]="$PEER_HASH"
    login_run ferry-cache
    stop_server
  fi
  if [ "$server" = pure-ftpd ] && wants login; then
    for kind in sha512crypt argon2id-ferry; do
      if start pure-ftpd "$kind"; then
        HASH_OF[pure-ftpd-$kind]="$PEER_HASH"
        login_run "pure-ftpd-$kind"
        stop_server
      fi
    done
  fi
  # Idle on a freshly started instance: memory a server grew earlier would hide the sessions' own.
  if wants idle && start "$idle_server"; then
    if [ "$forking" = 1 ]; then bench "$server" idle --sessions "$IDLE_FORKING"; else bench "$server" idle --sessions "$IDLE"; fi
    stop_server
  fi
done

# What ran, for the report.
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "command=$command_line"
  echo "nproc=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "memory=$(free -g | awk '/Mem:/ {print $2 " GiB"}')"
  echo "kernel=$(uname -sr)"
  echo "jdk=$(. "$root/bin/lib/jdk.sh"; ferry_use_jdk; "$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
  echo "quick=$quick"
  for s in vsftpd pure-ftpd proftpd pyftpdlib; do echo "version.$s=$(peer_version $s)"; done
  for k in "${!HASH_OF[@]}"; do echo "hash.$k=${HASH_OF[$k]}"; done
  echo "sizes=hash ${HASH_DURATION}s on $(nproc) threads after ${HASH_WARMUP}s untimed; retr/stor $SIZE best of $REPEAT after 1 untimed; login $LOGIN_CLIENTS clients for $LOGIN_DURATION after $LOGIN_WARMUP untimed; conc $CONC_CLIENTS x $CONC_SIZE best of $REPEAT after 1 untimed; small-files $SMALL_CLIENTS x $SMALL_FILES x 4KiB; list $ENTRIES entries best of $LIST_REPEAT; idle $IDLE sessions ($IDLE_FORKING for forking servers)"
} >"$RESULTS/run.properties"

mkdir -p "$(dirname "$out")"
/usr/bin/python3 "$root/bench/report.py" "$RESULTS" >"$out"
rm -rf "$root/bench/.last-results"; cp -r "$RESULTS" "$root/bench/.last-results" 2>/dev/null || true
echo "== wrote $out" >&2
