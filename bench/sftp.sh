#!/usr/bin/env bash
# SFTP throughput, Ferry against OpenSSH's own sftp-server, same machine, same cipher, same client.
#
#   bench/sftp.sh [--size MiB] [--runs N] [--warmup N] [--ciphers "aes128-gcm@openssh.com chacha20-poly1305@openssh.com"]
#
# Starts `bin/ferry serve` and a private OpenSSH sshd (its own config, host keys and
# authorized_keys in a temp dir; loopback only; the system sshd is never touched), then for each
# cipher moves one file of --size MiB down (get) and up (put) with OpenSSH's `sftp -b` over
# key authentication. Reports MiB/s (best of --runs, after --warmup untimed runs of the same
# transfer on each server: the JVM compiles its hot paths during the first ones) and the
# server's CPU seconds per GiB in that best run (utime+stime from /proc, of the JVM; of the sshd
# listener including its reaped children).
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$root/bin/lib/jdk.sh"; ferry_use_jdk
size_mib=1024 runs=3 warmup=1 ciphers="aes128-gcm@openssh.com chacha20-poly1305@openssh.com"
while [ $# -gt 0 ]; do
  case "$1" in
    --size) size_mib=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --ciphers) ciphers=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for t in sftp ssh-keygen /usr/sbin/sshd /usr/lib/openssh/sftp-server; do
  command -v "$t" >/dev/null || { echo "missing $t (apt-get install openssh-client openssh-server)" >&2; exit 1; }
done
work=$(mktemp -d /tmp/ferry-sftp-bench.XXXXXX)
ferry_pid="" sshd_pid=""
cleanup() {
  [ -n "$ferry_pid" ] && kill "$ferry_pid" 2>/dev/null && wait "$ferry_pid" 2>/dev/null
  [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null && wait "$sshd_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
clk=$(getconf CLK_TCK)
# CPU seconds of a process: own utime+stime plus its reaped children's.
cpu() { awk -v c="$clk" '{ print ($14 + $15 + $16 + $17) / c }' "/proc/$1/stat"; }

ssh-keygen -q -t ed25519 -N '' -f "$work/id" 
head -c $((size_mib * 1024 * 1024)) /dev/urandom >"$work/big.bin"

# --- Ferry ---------------------------------------------------------------------------------
fport=$(free_port)
"$root/bin/ferry" serve --data "$work/ferry" --ftp-port off --sftp-port "$fport" --bind 127.0.0.1 \
  >"$work/ferry.out" 2>"$work/ferry.err" &
ferry_pid=$!
for _ in $(seq 1 600); do grep -q '^SFTP host key ssh-rsa' "$work/ferry.out" 2>/dev/null && break; sleep 0.1; done
printf 'bench-password-1\n' | "$root/bin/ferry" user add bench --data "$work/ferry" --password-stdin >/dev/null
"$root/bin/ferry" user key add bench --data "$work/ferry" <"$work/id.pub" >/dev/null
ferry_home="$work/ferry/home/bench"

# --- OpenSSH -------------------------------------------------------------------------------
oport=$(free_port)
mkdir -p "$work/sshd" "$work/ohome"
ssh-keygen -q -t ed25519 -N '' -f "$work/sshd/host_ed25519"
cp "$work/id.pub" "$work/sshd/authorized_keys"
chmod 600 "$work/sshd/authorized_keys"
cat >"$work/sshd/sshd_config" <<CFG
Port $oport
ListenAddress 127.0.0.1
HostKey $work/sshd/host_ed25519
PidFile $work/sshd/sshd.pid
AuthorizedKeysFile $work/sshd/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
Subsystem sftp /usr/lib/openssh/sftp-server
CFG
mkdir -p /run/sshd
/usr/sbin/sshd -D -e -f "$work/sshd/sshd_config" 2>"$work/sshd.err" &
sshd_pid=$!
sleep 1

cp "$work/big.bin" "$ferry_home/big.bin"
cp "$work/big.bin" "$work/ohome/big.bin"

run() { # server-name port pid remote-dir cipher direction -> "MiB/s cpu-per-GiB"
  local name=$1 port=$2 pid=$3 dir=$4 cipher=$5 dir_=$6 best=0 bestcpu=0 i
  for i in $(seq 1 $((warmup + runs))); do
    if [ "$dir_" = down ]; then printf 'get %s/big.bin /dev/null\n' "$dir" >"$work/batch"
    else rm -f "$work/ohome/up.bin" "$ferry_home/up.bin"; printf 'put %s/big.bin %s/up.bin\n' "$work" "$dir" >"$work/batch"; fi
    local c0 t0 t1 c1
    c0=$(cpu "$pid"); t0=$(date +%s.%N)
    sftp -q -b "$work/batch" -i "$work/id" -P "$port" -o Ciphers="$cipher" -o StrictHostKeyChecking=no \
      -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR "$(whoami_for "$name")@127.0.0.1" >/dev/null
    sleep 0.3 # let sshd reap the session's processes, so their CPU is counted
    t1=$(date +%s.%N); c1=$(cpu "$pid")
    local rate cpg
    rate=$(awk -v s="$size_mib" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f", s / (b - a - 0.3) }')
    cpg=$(awk -v s="$size_mib" -v a="$c0" -v b="$c1" 'BEGIN { printf "%.2f", (b - a) * 1024 / s }')
    if [ "$i" -gt "$warmup" ] && [ "$rate" -gt "$best" ]; then best=$rate bestcpu=$cpg; fi
  done
  echo "$best $bestcpu"
}
whoami_for() { if [ "$1" = ferry ]; then echo bench; else id -un; fi; }

printf '%-34s %-6s %12s %12s %14s %14s\n' cipher dir "Ferry MiB/s" "OpenSSH MiB/s" "Ferry CPU s/GiB" "OpenSSH CPU s/GiB"
for cipher in $ciphers; do
  for d in down up; do
    read -r fr fc < <(run ferry "$fport" "$ferry_pid" "/" "$cipher" "$d")
    read -r orate oc < <(run openssh "$oport" "$sshd_pid" "$work/ohome" "$cipher" "$d")
    printf '%-34s %-6s %12s %12s %14s %14s\n' "$cipher" "$d" "$fr" "$orate" "$fc" "$oc"
  done
done
echo "($size_mib MiB file, best of $runs after $warmup warm-up, $(nproc) cores, $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n 1 || true); OpenSSH $(ssh -V 2>&1))"
