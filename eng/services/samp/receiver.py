#!/usr/bin/python3
"""A SAMP client that records every table sent to it, for tests that check what Stoa sends.

  receiver.py LOCKFILE NAME STATE_DIR

Registers as NAME, subscribes to table.load.votable and table.load.fits (notifications and calls),
fetches each message's url into STATE_DIR/tables/ and then appends one JSON line to STATE_DIR/received.jsonl:
  mtype, kind (notification|call), params, sender_id, sender_name, saved_to, bytes, sha256, error.
The line is written after the file is saved, so a test that sees it can read the table. A call gets
samp.ok, or samp.error with the fetch error as samp.errortxt. Touches STATE_DIR/receiver.ready when
subscribed; exits on SIGTERM or when the hub goes away.
"""
import hashlib
import json
import os
import signal
import sys
import threading
import time
import urllib.parse
import urllib.request

from astropy.samp import SAMPIntegratedClient, conf
from astropy.samp.lockfile_helpers import read_lockfile

conf.use_internet = False
MTYPES = ("table.load.votable", "table.load.fits")


def main() -> int:
    lockfile, name, state = sys.argv[1:4]
    tables = os.path.join(state, "tables")
    os.makedirs(tables, exist_ok=True)
    log_path = os.path.join(state, "received.jsonl")
    write_lock = threading.Lock()
    count = [0]
    client = SAMPIntegratedClient(name=name, metadata={"samp.name": name}, addr="127.0.0.1")
    client.connect(hub_params=read_lockfile(lockfile))
    # A sender may unregister right after notifying; remember names from the hub's metadata events.
    known = {}

    def on_metadata(_key, _sender, _mtype, params, _extra):
        known[params.get("id")] = (params.get("metadata") or {}).get("samp.name")

    def name_of(sender):
        try:
            return client.get_metadata(sender).get("samp.name")
        except Exception:  # gone already
            time.sleep(0.2)
            return known.get(sender)

    def record(kind, sender, mtype, params):
        with write_lock:
            count[0] += 1
            n = count[0]
        entry = {"kind": kind, "mtype": mtype, "params": params, "sender_id": sender,
                 "sender_name": name_of(sender), "saved_to": None, "bytes": None, "sha256": None, "error": None}
        try:
            url = params["url"]
            target = os.path.join(tables, f"{n:04d}-{os.path.basename(urllib.parse.urlparse(url).path) or 'table'}")
            with urllib.request.urlopen(url, timeout=30) as r:
                data = r.read()
            with open(target, "wb") as f:
                f.write(data)
            entry.update(saved_to=target, bytes=len(data), sha256=hashlib.sha256(data).hexdigest())
        except Exception as e:  # the test asserts on the error the sender gets back
            entry["error"] = f"{type(e).__name__}: {e}"
        with write_lock, open(log_path, "a") as f:
            f.write(json.dumps(entry, sort_keys=True) + "\n")
        return entry

    def on_notification(_key, sender, mtype, params, _extra):
        record("notification", sender, mtype, params)

    def on_call(_key, sender, msg_id, mtype, params, _extra):
        entry = record("call", sender, mtype, params)
        if entry["error"]:
            client.reply(msg_id, {"samp.status": "samp.error", "samp.error": {"samp.errortxt": entry["error"]}})
        else:
            client.reply(msg_id, {"samp.status": "samp.ok", "samp.result": {"saved_to": entry["saved_to"]}})

    for mtype in MTYPES:
        client.bind_receive_notification(mtype, on_notification, declare=False)
        client.bind_receive_call(mtype, on_call, declare=False)
    client.bind_receive_notification("samp.hub.event.metadata", on_metadata, declare=False)
    client.declare_subscriptions()
    open(os.path.join(state, "receiver.ready"), "w").close()

    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    while not done.wait(5):
        try:
            client.ping()
        except Exception:  # the hub was stopped or killed
            break
    os.remove(os.path.join(state, "receiver.ready"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
