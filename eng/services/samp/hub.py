#!/usr/bin/python3
"""Runs astropy's SAMP hub (Standard Profile) on 127.0.0.1 until SIGTERM.

  hub.py LOCKFILE PIDFILE

The hub writes LOCKFILE; clients find it with SAMP_HUB=std-lockurl:file://LOCKFILE.
Needs Debian's /usr/bin/python3 with python3-astropy.
"""
import os
import signal
import sys
import threading

from astropy.samp import SAMPHubServer, conf

# Without this astropy asks a web site for the host name; the hub must stay on loopback.
conf.use_internet = False


def main() -> int:
    lockfile, pidfile = (os.path.abspath(p) for p in sys.argv[1:3])
    if os.path.exists(lockfile):
        os.remove(lockfile)  # a killed hub's lockfile names a dead port
    hub = SAMPHubServer(lockfile=lockfile, addr="127.0.0.1", label="stoa-test-hub", web_profile=False)
    hub.start(wait=False)
    with open(pidfile, "w") as f:
        f.write(f"{os.getpid()}\n")
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    while hub.is_running and not done.wait(0.5):
        pass
    hub.stop()
    os.remove(pidfile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
