"""A real SAMP receiver (astropy) for coord.pointAt.sky: prints 'ready' once subscribed, then one JSON line of
params per notification. Connects to the hub SAMP_HUB names; exits when stdin closes."""
import json
import sys

from astropy.samp import SAMPIntegratedClient, conf

conf.use_internet = False
client = SAMPIntegratedClient(name=sys.argv[1])
client.connect()
client.bind_receive_notification("coord.pointAt.sky", lambda k, s, m, params, e: print(json.dumps(params), flush=True))
print("ready", flush=True)
sys.stdin.read()
client.disconnect()
