#!/usr/bin/env python3
"""bench/hashcost.py: the peers' password hashes alone, as `ferry bench --scenario hash` times Ferry's.

One verify of the right password, over and over, in --procs processes (default: one per core) for
--duration seconds after --warmup untimed; writes a result in ferry bench's JSON shape. The same
libraries the peer servers verify with, called in-process: libxcrypt's crypt(3) for yescrypt and
SHA-512-crypt (vsftpd through PAM, pure-ftpd, proftpd), libsodium for Argon2id (pure-ftpd).

  hashcost.py --kind yescrypt|sha512crypt|argon2id --hash STRING --password PW --json FILE
"""
import argparse
import ctypes
import json
import multiprocessing
import os
import time


def verifier(kind, stored, password):
    if kind in ("yescrypt", "sha512crypt"):
        lib = ctypes.CDLL("libcrypt.so.1")
        lib.crypt.restype = ctypes.c_char_p
        lib.crypt.argtypes = [ctypes.c_char_p, ctypes.c_char_p]
        key, setting = password.encode(), stored.encode()
        return lambda: lib.crypt(key, setting) == setting
    if kind == "argon2id":
        import nacl.exceptions
        import nacl.pwhash

        key, setting = password.encode(), stored.encode()

        def verify():
            try:
                return nacl.pwhash.verify(setting, key)
            except nacl.exceptions.InvalidkeyError:
                return False
        return verify
    raise SystemExit(f"hashcost.py: unknown kind {kind}")


def setting(stored):
    """The algorithm and cost of a stored hash, without its salt and digest: $argon2id$v=19$m=...$, $y$j9T$, $6$."""
    fields = stored.split("$")
    keep = 4 if fields[1].startswith("argon2") else 3 if fields[1] == "y" or fields[2].startswith("rounds=") else 2
    return "$".join(fields[:keep]) + "$"


def worker(args):
    kind, stored, password, warmup, duration = args
    verify = verifier(kind, stored, password)
    end = time.monotonic() + warmup
    while time.monotonic() < end:
        verify()
    n = failed = 0
    cpu0 = time.process_time()
    end = time.monotonic() + duration
    while time.monotonic() < end:
        if not verify():
            failed += 1
        n += 1
    return n, failed, time.process_time() - cpu0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--kind", required=True)
    p.add_argument("--hash", required=True)
    p.add_argument("--password", required=True)
    p.add_argument("--procs", type=int, default=os.cpu_count())
    p.add_argument("--duration", type=float, default=10)
    p.add_argument("--warmup", type=float, default=2)
    p.add_argument("--json")
    a = p.parse_args()
    t0 = time.monotonic()
    with multiprocessing.Pool(a.procs) as pool:
        parts = pool.map(worker, [(a.kind, a.hash, a.password, a.warmup, a.duration)] * a.procs)
    wall = time.monotonic() - t0 - a.warmup
    n = sum(x[0] for x in parts)
    failed = sum(x[1] for x in parts)
    cpu = sum(x[2] for x in parts)
    metrics = {"threads": a.procs, "verifies": n, "verifies_per_s": n / a.duration,
               "cpu_ms_per_verify": cpu * 1000 / n if n else float("nan"), "wall_s": wall}
    notes = [f"{a.kind} {setting(a.hash)}"]
    if failed:
        notes.append(f"{failed} verifies of the right password failed")
    result = {"scenario": "hash", "target": "local", "metrics": metrics, "errors": failed, "notes": notes}
    for k, v in metrics.items():
        print(f"  {k:<24} {v:,.2f}" if isinstance(v, float) else f"  {k:<24} {v}")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(result, f)
            f.write("\n")
    return 1 if failed or not n else 0


if __name__ == "__main__":
    raise SystemExit(main())
