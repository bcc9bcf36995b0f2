#!/usr/bin/env python3
"""Writes docs/PERFORMANCE.md (to stdout) from the JSON results of bench/compare.sh."""
import glob
import json
import os
import sys

results_dir = sys.argv[1]
props = {}
with open(os.path.join(results_dir, "run.properties")) as f:
    for line in f:
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            props[k] = v

R = {}  # (label, scenario) -> result
for path in glob.glob(os.path.join(results_dir, "*.json")):
    label, scenario = os.path.basename(path)[:-5].split("--", 1)
    with open(path) as f:
        R[(label, scenario)] = json.load(f)

PEERS = ["vsftpd", "pure-ftpd", "proftpd", "pyftpdlib"]
SERVERS = ["ferry"] + PEERS


def metric(label, scenario, name):
    r = R.get((label, scenario))
    if r is None:
        return None
    v = r["metrics"].get(name)
    return v


def errors(label, scenario):
    r = R.get((label, scenario))
    return 0 if r is None else r.get("errors", 0)


def fmt(v, digits=None):
    if v is None:
        return "–"
    if isinstance(v, float) and v != v:
        return "n/a"
    if digits is not None:
        return f"{v:,.{digits}f}"
    a = abs(v)
    if a >= 1000:
        return f"{v:,.0f}"
    if a >= 100:
        return f"{v:.0f}"
    if a >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def cell(label, scenario, name, digits=None):
    v = metric(label, scenario, name)
    s = fmt(v, digits)
    e = errors(label, scenario)
    if v is not None and e:
        s += f" ({e} err)"
    return s


def ratio_row(title, scenario, name, higher_better, digits=None, unit=""):
    values = {s: metric(s, scenario, name) for s in SERVERS}
    peers = {s: v for s, v in values.items() if s in PEERS and v is not None and v == v and errors(s, scenario) == 0}
    ferry = values.get("ferry")
    best_peer, best = None, None
    if peers:
        best_peer = (max if higher_better else min)(peers, key=peers.get)
        best = peers[best_peer]
    if ferry is not None and best:
        r = ferry / best if higher_better else (best / ferry if ferry else float("inf"))
        verdict = f"**{r:.2f}x**" + (" ahead" if r >= 1 else " behind")
    else:
        verdict = "–"
    cells = [cell(s, scenario, name, digits) for s in SERVERS]
    arrow = "↑" if higher_better else "↓"
    return f"| {title} {arrow}{(' ' + unit) if unit else ''} | " + " | ".join(cells) + \
        f" | {best_peer or '–'} | {verdict} |"


out = []
w = out.append
w("# Performance: Ferry beside vsftpd, pure-ftpd, proftpd and pyftpdlib")
w("")
w("Written by `bench/report.py` from one run of `bench/compare.sh`; do not edit by hand, run it again.")
w("")
w(f"- **Date:** {props.get('date')}")
w(f"- **Command:** `{props.get('command', '').strip()}`" + (" (quick mode: small sizes, a smoke run)" if props.get("quick") == "1" else ""))
w(f"- **Machine:** {props.get('nproc')} cores, {props.get('cpu')}, {props.get('memory')}; {props.get('kernel')}; {props.get('jdk')}")
w(f"- **Peers:** " + ", ".join(f"{s} {props.get('version.' + s, '?')}" for s in PEERS) + " (Debian packages)")
w(f"- **Sizes:** {props.get('sizes')}")
w("")
w("The machine is shared with other jobs (builds, tests) and its timings are noisy: every figure "
  "is from this one run, servers measured one after another, each transfer scenario the best of "
  "its repeats after untimed ones (every server is measured warm). Read the ratios, not the third digit. Every server ran on 127.0.0.1 in the "
  "foreground with a config written by the script; the load generator is `ferry bench` for all "
  "of them (its own minimal FTP client: passive mode, sendfile uploads, 4 MiB direct-buffer "
  "downloads discarded).")
w("")
w("`↑` higher is better, `↓` lower is better. *Ferry vs best peer* is Ferry's figure over the best "
  "peer's (inverted for `↓` rows), so above 1 means Ferry is ahead. A figure with errors is shown "
  "with its error count and never counts as a peer's best.")
w("")
w("## Transfers, listings, idle sessions")
w("")
w("| scenario | " + " | ".join(SERVERS) + " | best peer | Ferry vs best peer |")
w("| --- | " + " | ".join("---:" for _ in SERVERS) + " | --- | --- |")
w(ratio_row("retr: one 1-stream download, MiB/s", "retr", "mib_per_s", True))
w(ratio_row("stor: one 1-stream upload, MiB/s", "stor", "mib_per_s", True))
w(ratio_row("retr server CPU, s per GiB", "retr", "server_cpu_s_per_gib", False))
w(ratio_row("stor server CPU, s per GiB", "stor", "server_cpu_s_per_gib", False))
w(ratio_row("conc-retr: N clients x file, wall s", "conc-retr", "wall_s_best", False))
w(ratio_row("conc-retr aggregate MiB/s", "conc-retr", "mib_per_s", True))
w(ratio_row("conc-stor: N clients x file, wall s", "conc-stor", "wall_s_best", False))
w(ratio_row("conc-stor aggregate MiB/s", "conc-stor", "mib_per_s", True))
w(ratio_row("small-files STOR, files/s", "small-files", "stor_files_per_s", True))
w(ratio_row("small-files RETR, files/s", "small-files", "retr_files_per_s", True))
w(ratio_row("small-files STOR server CPU, ms per file", "small-files", "stor_server_cpu_ms_per_file", False))
w(ratio_row("small-files RETR server CPU, ms per file", "small-files", "retr_server_cpu_ms_per_file", False))
w(ratio_row("list: LIST of the directory, ms", "list", "list_ms_best", False))
w(ratio_row("list: MLSD of the directory, ms", "list", "mlsd_ms_best", False))
w(ratio_row("idle: server RSS per session, KiB", "idle", "server_rss_kib_per_session", False))
w(ratio_row("idle: server PSS per session, KiB", "idle", "server_pss_kib_per_session", False))
w(ratio_row("idle: sessions held and answering NOOP", "idle", "sessions_alive", True))
w("")
raws = {s: metric("raw@" + s, "raw", "mib_per_s") for s in SERVERS}
fractions = {s: metric(s, "retr", "mib_per_s") / raws[s] for s in SERVERS if raws.get(s) and metric(s, "retr", "mib_per_s")}
if fractions:
    w("**RETR as a fraction of the loopback limit**, the limit measured just before each server's retr "
      "(`ferry bench --scenario raw`: a sendfile sender and a 4 MiB-buffer receiver of the same size, "
      "no server): " + ", ".join(f"{s} {fractions[s]:.2f} (of {fmt(raws[s])} MiB/s)" for s in SERVERS if s in fractions) + ".")
    w("")
w("Ferry ran with `--log-level warn` (no line per login and per transfer), as the peers were "
  "configured here (vsftpd `xferlog_enable=NO`, proftpd `TransferLog none`, pure-ftpd with no "
  "syslog, pyftpdlib at WARNING). Each server's idle figure is from a freshly started instance; "
  "Ferry's from one with `--login-cache 10m`, so that opening 10,000 sessions does not take "
  "10,000 Argon2id hashes.")
w("")
w("Idle sessions: Ferry and pyftpdlib hold every session in one process and were given the full "
  "count; the forking servers (a process or two per session) were given fewer, so their "
  "per-session figure is from that count. RSS sums every process of the server's tree and counts "
  "shared pages once per process; PSS divides shared pages among their sharers, which is fairer to "
  "forking servers.")
w("")
w("## Logins")
w("")
w("N clients each repeat connect, USER, PASS, QUIT for the duration; latency is connect to 230. "
  "The password hash decides the rate, so each server's hash is named.")
w("")
w("| server | password hash | logins/s ↑ | p50 ms | p99 ms | server CPU % | server CPU ms per login ↓ | errors |")
w("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
login_labels = [l for (l, s) in sorted(R) if s == "login"]
order = ["ferry", "ferry-cache", "vsftpd", "pure-ftpd", "pure-ftpd-sha512crypt", "pure-ftpd-argon2id-ferry", "proftpd", "pyftpdlib"]
for l in sorted(login_labels, key=lambda x: order.index(x) if x in order else 99):
    w(f"| {l} | {props.get('hash.' + l, '?')} | {cell(l, 'login', 'logins_per_s')} | {fmt(metric(l, 'login', 'latency_p50_ms'))} "
      f"| {fmt(metric(l, 'login', 'latency_p99_ms'))} | {fmt(metric(l, 'login', 'server_cpu_pct'))} "
      f"| {fmt(metric(l, 'login', 'server_cpu_ms_per_login'))} | {errors(l, 'login')} |")
w("")


def clean(label, scenario, name):
    """A figure of a result without errors, or None."""
    v = metric(label, scenario, name)
    return v if v and errors(label, scenario) == 0 else None


def rate(label):
    return clean(label, "login", "logins_per_s")


lines = []
if rate("ferry") and rate("pure-ftpd"):
    lines.append(f"Ferry (Argon2id) vs pure-ftpd (yescrypt): **{rate('ferry') / rate('pure-ftpd'):.2f}x**")
if rate("ferry") and rate("pure-ftpd-argon2id-ferry"):
    lines.append(f"Ferry vs pure-ftpd verifying the very same Argon2id hash (libsodium): "
                 f"**{rate('ferry') / rate('pure-ftpd-argon2id-ferry'):.2f}x**")
if rate("ferry-cache") and rate("pyftpdlib"):
    lines.append(f"Ferry with the login cache vs pyftpdlib (plaintext): **{rate('ferry-cache') / rate('pyftpdlib'):.2f}x**")
for l in lines:
    w(f"- {l}")
w("")
HASHES = [("ferry", "Ferry's own Argon2 (what `ferry serve` verifies with)"),
          ("libsodium-argon2id", "libsodium (pure-ftpd's Argon2id)"),
          ("libxcrypt-yescrypt", "libxcrypt crypt(3) (vsftpd through PAM, pure-ftpd, proftpd)"),
          ("libxcrypt-sha512crypt", "libxcrypt crypt(3)")]
if any((l, "hash") in R for l, _ in HASHES):
    w("### The password hash alone")
    w("")
    w("No server: one verify of the right password after another, on one thread (or process) per core "
      "(`ferry bench --scenario hash` for Ferry, `bench/hashcost.py` for the peers' libraries, in "
      "process). With every core hashing and nothing else running, this is the most uncached logins "
      "a second any server can make with that hash on this machine.")
    w("")
    w("| hash | code | threads | verifies/s ↑ | CPU ms per verify ↓ |")
    w("| --- | --- | ---: | ---: | ---: |")
    for l, who in HASHES:
        if (l, "hash") in R:
            spelled = "; ".join(R[(l, "hash")].get("notes", [])[:1])
            w(f"| {spelled or l} | {who} | {fmt(metric(l, 'hash', 'threads'), 0)} | {cell(l, 'hash', 'verifies_per_s')} "
              f"| {fmt(metric(l, 'hash', 'cpu_ms_per_verify'))} |")
    w("")

    def ceiling(label):
        return clean(label, "hash", "verifies_per_s")

    hash_lines = []
    if ceiling("ferry") and rate("ferry"):
        hash_lines.append(f"Ferry's Argon2id logins ran at {rate('ferry') / ceiling('ferry'):.2f} of its hash's ceiling "
                          f"({fmt(rate('ferry'))} of {fmt(ceiling('ferry'))} a second)")
    if ceiling("libxcrypt-yescrypt") and rate("pure-ftpd"):
        hash_lines.append(f"pure-ftpd's yescrypt logins at {rate('pure-ftpd') / ceiling('libxcrypt-yescrypt'):.2f} of theirs "
                          f"({fmt(rate('pure-ftpd'))} of {fmt(ceiling('libxcrypt-yescrypt'))})")
    if ceiling("ferry") and rate("pure-ftpd"):
        need = 2 * rate("pure-ftpd")
        hash_lines.append(f"twice pure-ftpd's yescrypt rate is {fmt(need)} logins/s: {need / ceiling('ferry'):.2f}x "
                          f"the verifies a second of Ferry's Argon2id itself")
    for l in hash_lines:
        w(f"- {l}")
    if hash_lines:
        w("")
w("## The generator's own cost")
w("")
w("CPU of `ferry bench` and of the server during the timed part (100 % = one core); the "
  "generator must stay well below the server for a figure to describe the server.")
w("")
w("| server | scenario | generator CPU % | server CPU % |")
w("| --- | --- | ---: | ---: |")
for s in SERVERS:
    for sc in ["retr", "stor", "conc-retr", "conc-stor", "small-files", "login"]:
        if (s, sc) in R:
            w(f"| {s} | {sc} | {fmt(metric(s, sc, 'client_cpu_pct'))} | {fmt(metric(s, sc, 'server_cpu_pct'))} |")
w("")
# A hash result's first note names the hash, which its table row already shows.
notes = [(k, n) for k, r in sorted(R.items()) for i, n in enumerate(r.get("notes", [])) if not (k[1] == "hash" and i == 0)]
# A scenario that failed as a whole wrote no JSON; its .err file ends with why.
for path in sorted(glob.glob(os.path.join(results_dir, "*.err"))):
    label, scenario = os.path.basename(path)[:-4].split("--", 1)
    if (label, scenario) in R:
        continue
    with open(path, errors="replace") as f:
        lines = [l.strip() for l in f if l.strip()]
    if lines:
        notes.append(((label, scenario), "no result: " + lines[-1]))
if notes:
    w("## Notes from the run")
    w("")
    for (l, s), n in notes:
        w(f"- {l} {s}: {n}")
    w("")
notes_file = os.path.join(os.path.dirname(os.path.abspath(__file__)), "PERFORMANCE-notes.md")
if os.path.exists(notes_file):
    with open(notes_file) as f:
        w(f.read().rstrip())
    w("")
print("\n".join(out))
