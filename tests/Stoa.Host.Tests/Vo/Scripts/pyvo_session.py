"""A pyvo session against `stoa serve`, every answer checked against what astropy computes from the tables' own
VOTable exports, and every response document re-read with astropy's strict parser (verify='exception').

usage: pyvo_session.py BASE_URL STARS_EXPORT IDS_EXPORT
Prints the names of the checks that passed, one per line; any mismatch raises (non-zero exit)."""
import io
import sys
import urllib.parse
import urllib.request
import warnings

import numpy as np
import pyvo
from astropy import units as u
from astropy.coordinates import SkyCoord
from astropy.io.votable import parse, parse_single_table

base, stars_path, ids_path = sys.argv[1:4]
stars = parse_single_table(stars_path, verify='exception').to_table()
ids = parse_single_table(ids_path, verify='exception').to_table()
tap = pyvo.dal.TAPService(base + "/tap")


def strict(url, data=None):
    """Fetches a document and parses it with astropy's strict VOTable parser."""
    body = urllib.request.urlopen(url, data=urllib.parse.urlencode(data).encode() if data else None).read()
    return parse(io.BytesIO(body), verify='exception')


def strict_sync(query, **extra):
    strict(base + "/tap/sync", dict(LANG="ADQL", QUERY=query, **extra))


def check(name, condition, detail=""):
    if not condition:
        raise AssertionError(f"{name}: {detail}")
    print(name)


# Cone: astropy's great-circle separations from the export.
centre = SkyCoord(10 * u.deg, 20 * u.deg)
sep = SkyCoord(np.array(stars["ra"]) * u.deg, np.array(stars["dec"]) * u.deg).separation(centre).deg
cone = "SELECT name, ra, dec FROM stars WHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 10, 20, 0.05)) = 1"
got = tap.run_sync(cone).to_table()
check("tap-sync-cone", sorted(got["name"]) == sorted(stars["name"][sep <= 0.05]), f"{sorted(got['name'])}")
strict_sync(cone)

# DISTANCE as a column equals astropy's separation.
dist = tap.run_sync("SELECT name, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 10, 20)) AS d FROM stars WHERE dec > 19").to_table()
expected = {n: s for n, s in zip(stars["name"], sep)}
check("tap-sync-distance", all(abs(d - expected[n]) < 1e-9 for n, d in zip(dist["name"], dist["d"])) and len(dist) == int((stars["dec"] > 19).sum()))

# Range with TOP/ORDER BY.
range_query = "SELECT TOP 7 name, mag FROM stars WHERE mag BETWEEN 11 AND 15 ORDER BY mag DESC, name ASC"
got = tap.run_sync(range_query).to_table()
sel = stars[(~stars["mag"].mask) & (stars["mag"] >= 11) & (stars["mag"] <= 15)] if hasattr(stars["mag"], "mask") else stars[(stars["mag"] >= 11) & (stars["mag"] <= 15)]
order = sorted(zip(sel["mag"], sel["name"]), key=lambda p: (-p[0], p[1]))[:7]
check("tap-sync-range-top-order", list(got["name"]) == [n for _, n in order], f"{list(got['name'])} != {[n for _, n in order]}")
strict_sync(range_query, RESPONSEFORMAT="votable/b2")

# BINARY2 gives the same rows as TABLEDATA.
b2 = tap.create_query(range_query, responseformat="application/x-votable+xml;serialization=binary2").execute().to_table()
check("tap-sync-binary2", list(b2["name"]) == list(got["name"]) and np.allclose(b2["mag"], got["mag"]))

# A join of two published tables.
join = "SELECT s.name, i.label, s.mag FROM stars AS s JOIN ids AS i ON s.name = i.star ORDER BY s.name"
got = tap.run_sync(join).to_table()
pairs = sorted((str(s), str(l)) for s, l in zip(ids["star"], ids["label"]) if s in set(stars["name"]))
check("tap-sync-join", [(str(a), str(b)) for a, b in zip(got["name"], got["label"])] == pairs)

# IN (SELECT …) over a second published table: the stars that have an id, as astropy selects them from the exports.
sub = tap.run_sync("SELECT name FROM stars WHERE name IN (SELECT star FROM ids) ORDER BY name").to_table()
with_id = sorted(str(n) for n in stars["name"] if n in set(str(x) for x in ids["star"]))
check("tap-sync-in-subquery", [str(n) for n in sub["name"]] == with_id and len(with_id) > 0, f"{list(sub['name'])} != {with_id}")
strict_sync(join)

# Aggregates.
got = tap.run_sync("SELECT COUNT(*) AS n, AVG(dec) AS mean_dec FROM stars").to_table()
check("tap-sync-aggregates", got["n"][0] == len(stars) and abs(got["mean_dec"][0] - float(np.mean(stars["dec"]))) < 1e-9)

# Async (UWS): the same cone.
job = tap.submit_job(cone)
job.run()
job.wait(timeout=120)
job.raise_if_error()
got = job.fetch_result().to_table()
check("tap-async-cone", sorted(got["name"]) == sorted(stars["name"][sep <= 0.05]))
strict(job.result_uri)
job.delete()

# MAXREC overflow.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    res = tap.run_sync("SELECT name FROM stars", maxrec=3)
check("tap-sync-overflow", len(res) == 3 and res.query_status.lower() == "overflow", res.query_status)

# TAP_SCHEMA and VOSI tables.
cols = tap.run_sync("SELECT column_name, unit, ucd FROM TAP_SCHEMA.columns WHERE table_name = 'stars'").to_table()
meta = {str(c): (str(un), str(uc)) for c, un, uc in zip(cols["column_name"], cols["unit"], cols["ucd"])}
check("tap-schema-columns", meta["ra"] == ("deg", "pos.eq.ra;meta.main") and meta["dec"] == ("deg", "pos.eq.dec;meta.main"), str(meta))
names = {t.name for t in tap.tables}
check("vosi-tables", {"stars", "ids", "TAP_SCHEMA.columns"} <= names and "secret" not in names, str(names))
caps = tap.capabilities
check("vosi-capabilities", any(c.standardid == "ivo://ivoa.net/std/TAP" for c in caps))
check("vosi-availability", tap.available)

# An ADQL syntax error: DALQueryError naming line and column; the error document is strict VOTable.
try:
    tap.run_sync("SELECT name\nFROM stars WHERE")
    raise AssertionError("syntax error accepted")
except pyvo.dal.DALQueryError as e:
    check("tap-syntax-error", "line 2, column 17" in str(e), str(e))

# Simple Cone Search: same rows as the cone above, nearest first.
scs = pyvo.dal.SCSService(base + "/scs/stars")
got = scs.search((10, 20), 0.05).to_table()
# The cluster is symmetric, so several rows share a distance: compare the sets, the distances, and the order.
check("scs-cone", sorted(got["name"]) == sorted(stars["name"][sep <= 0.05])
      and all(abs(d - expected[n]) < 1e-9 for n, d in zip(got["name"], got["distance"]))
      and all(a <= b for a, b in zip(got["distance"], got["distance"][1:])), f"{list(got['name'])}")
strict(base + "/scs/stars?RA=10&DEC=20&SR=0.05")
