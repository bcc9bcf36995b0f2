# Sourced by bench/compare.sh: installing and running the peer FTP servers, each in the
# foreground on loopback with a config written to $WORK, never as a system service.
#
# Debian's vsftpd, pure-ftpd and proftpd-core conflict as packages, so none of them is installed:
# each is fetched with `apt-get download` and unpacked with `dpkg-deb -x` into $PEERS/root. Only
# their shared libraries (which do not conflict) and pyftpdlib are installed normally.

PEER_DEBS=(vsftpd pure-ftpd proftpd-core)
PEER_LIBS=(python3-pyftpdlib db-util libpam-modules libhiredis0.14 libmemcached11 libmemcachedutil2 libpcre2-posix3
           libsodium23 libwrap0 libcap2 libssl3 whois python3-nacl)

peers_install() {
  local missing=() p
  for p in "${PEER_LIBS[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "== peers: apt-get install ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  mkdir -p "$PEERS/debs" "$PEERS/root"
  for p in "${PEER_DEBS[@]}"; do
    if ! ls "$PEERS/debs/${p}_"*.deb >/dev/null 2>&1; then
      echo "== peers: apt-get download $p" >&2
      (cd "$PEERS/debs" && apt-get download "$p" >/dev/null 2>&1) || { echo "cannot download $p" >&2; return 1; }
    fi
    dpkg-deb -x "$PEERS/debs/${p}_"*.deb "$PEERS/root"
  done
}

peer_version() { # name
  case "$1" in
    vsftpd) dpkg-deb -f "$PEERS/debs/vsftpd_"*.deb Version ;;
    pure-ftpd) dpkg-deb -f "$PEERS/debs/pure-ftpd_"*.deb Version ;;
    proftpd) dpkg-deb -f "$PEERS/debs/proftpd-core_"*.deb Version ;;
    pyftpdlib) dpkg-query -W -f='${Version}' python3-pyftpdlib ;;
  esac
}

# A crypt(3) hash of $BENCH_PASS: yescrypt (libxcrypt's default cost, as Debian's passwd uses) or sha512crypt.
crypt_hash() { # yescrypt|sha512crypt
  case "$1" in
    yescrypt) mkpasswd -m yescrypt "$BENCH_PASS" ;;
    sha512crypt) mkpasswd -m sha-512 "$BENCH_PASS" ;;
  esac
}

# A home for the bench user, owned by the unprivileged account the peers map it to.
peer_home() { # name
  local h="$WORK/homes/$1"
  mkdir -p "$h"
  chown nobody:nogroup "$h"
  echo "$h"
}

# --- vsftpd: virtual user through pam_userdb (a Berkeley DB of crypt(3) hashes) ---------------
VSFTPD_PAM=/etc/pam.d/ferry-bench-vsftpd
start_vsftpd() { # port hash-kind
  local port="$1" kind="$2" d="$WORK/vsftpd" home
  home=$(peer_home vsftpd)
  # vsftpd changes into the guest account's own home before local_root, so that account needs an
  # existing one: daemon's (/usr/sbin) does; nobody's (/nonexistent) does not.
  chown daemon:daemon "$home"
  mkdir -p "$d/empty"
  chmod 755 "$d/empty"
  printf '%s\n%s\n' "$BENCH_USER" "$(crypt_hash "$kind")" >"$d/users.txt"
  rm -f "$d/users.db"
  db_load -T -t hash -f "$d/users.txt" "$d/users.db"
  chmod 600 "$d/users.db"
  # PAM reads services from /etc/pam.d only; this file is removed again by compare.sh's trap.
  printf 'auth required pam_userdb.so db=%s crypt=crypt\naccount required pam_userdb.so db=%s crypt=crypt\n' \
    "$d/users" "$d/users" >"$VSFTPD_PAM"
  cat >"$d/vsftpd.conf" <<CONF
listen=YES
listen_ipv6=NO
listen_address=127.0.0.1
listen_port=$port
background=NO
anonymous_enable=NO
local_enable=YES
write_enable=YES
local_umask=022
guest_enable=YES
guest_username=daemon
virtual_use_local_privs=YES
pam_service_name=$(basename "$VSFTPD_PAM")
local_root=$home
chroot_local_user=YES
allow_writeable_chroot=YES
secure_chroot_dir=$d/empty
pasv_enable=YES
max_clients=0
max_per_ip=0
seccomp_sandbox=NO
isolate=NO
isolate_network=NO
xferlog_enable=NO
dirmessage_enable=NO
hide_ids=NO
idle_session_timeout=900
data_connection_timeout=300
delay_failed_login=0
CONF
  "$PEERS/root/usr/sbin/vsftpd" "$d/vsftpd.conf" >"$d/out.log" 2>&1 &
  SERVER_PID=$!
  PEER_HASH="$kind (pam_userdb crypt=crypt)"
}

# --- pure-ftpd: virtual user in a PureDB file ---------------------------------------------------
start_pure_ftpd() { # port hash-kind
  local port="$1" kind="$2" d="$WORK/pure-ftpd" home hash
  home=$(peer_home pure-ftpd)
  mkdir -p "$d"
  case "$kind" in
    argon2id-ferry) hash="$FERRY_HASH" ;; # the very hash Ferry stores: same algorithm and cost
    *) hash=$(crypt_hash "$kind") ;;
  esac
  printf '%s:%s:65534:65534::%s/./::::::::::::\n' "$BENCH_USER" "$hash" "$home" >"$d/pureftpd.passwd"
  rm -f "$d/pureftpd.pdb"
  "$PEERS/root/usr/bin/pure-pw" mkdb "$d/pureftpd.pdb" -f "$d/pureftpd.passwd"
  "$PEERS/root/usr/sbin/pure-ftpd" -S "127.0.0.1,$port" -l "puredb:$d/pureftpd.pdb" -E -A -H -R \
    -c 30000 -C 30000 -u 1 -Y 0 >"$d/out.log" 2>&1 &
  SERVER_PID=$!
  PEER_HASH="$kind (puredb)"
}

# --- proftpd: AuthUserFile (crypt(3) hashes) -----------------------------------------------------
start_proftpd() { # port hash-kind
  local port="$1" kind="$2" d="$WORK/proftpd" home
  home=$(peer_home proftpd)
  mkdir -p "$d"
  printf '%s:%s:65534:65534::%s:/bin/false\n' "$BENCH_USER" "$(crypt_hash "$kind")" "$home" >"$d/passwd"
  printf 'nogroup:x:65534:\n' >"$d/group"
  chmod 600 "$d/passwd" "$d/group"
  cat >"$d/proftpd.conf" <<CONF
ServerName "bench"
ServerType standalone
DefaultServer on
Port $port
DefaultAddress 127.0.0.1
SocketBindTight on
UseIPv6 off
User nobody
Group nogroup
Umask 022
MaxInstances 30000
MaxClients none
MaxClientsPerHost none
MaxConnectionsPerHost none
AllowOverwrite on
RequireValidShell off
AuthOrder mod_auth_file.c
AuthUserFile $d/passwd
AuthGroupFile $d/group
DefaultRoot ~
UseReverseDNS off
<IfModule mod_ident.c>
  IdentLookups off
</IfModule>
WtmpLog off
ScoreboardFile $d/scoreboard
PidFile $d/proftpd.pid
SystemLog $d/system.log
TransferLog none
TimeoutIdle 900
<IfModule mod_delay.c>
  DelayEngine off
</IfModule>
<IfModule mod_cap.c>
  CapabilitiesEngine off
</IfModule>
CONF
  "$PEERS/root/usr/sbin/proftpd" -n -q -c "$d/proftpd.conf" >"$d/out.log" 2>&1 &
  SERVER_PID=$!
  PEER_HASH="$kind (AuthUserFile)"
}

# --- pyftpdlib: the library's own authorizer (plaintext passwords), sendfile on -----------------
start_pyftpdlib() { # port
  local port="$1" d="$WORK/pyftpdlib" home
  home=$(peer_home pyftpdlib)
  mkdir -p "$d"
  cat >"$d/serve.py" <<'PY'
import logging, sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
port, home, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
logging.basicConfig(level=logging.WARNING)
auth = DummyAuthorizer()
auth.add_user(user, password, home, perm="elradfmwMT")
FTPHandler.authorizer = auth
server = FTPServer(("127.0.0.1", port), FTPHandler, backlog=4096)  # its default (100) drops connects from 200 clients
server.max_cons = 0
server.max_cons_per_ip = 0
server.serve_forever()
PY
  chown -R nobody:nogroup "$home"
  /usr/bin/python3 "$d/serve.py" "$port" "$home" "$BENCH_USER" "$BENCH_PASS" >"$d/out.log" 2>&1 &
  SERVER_PID=$!
  PEER_HASH="plaintext"
}
