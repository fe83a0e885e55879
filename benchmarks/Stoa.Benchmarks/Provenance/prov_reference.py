#!/usr/bin/python3
"""Times the W3C reference implementation (python3-prov 2.0) on the same export as RowProvenanceExportBenchmarks:
builds the 100 000-row document with prov's API, then serialises it as PROV-JSON (and, with --all, PROV-N and
PROV-XML; --turtle adds rdflib Turtle, which needs more than 8 GB at 100 000 rows). Prints seconds per step and the
peak resident memory.

Usage: /usr/bin/python3 benchmarks/Stoa.Benchmarks/Provenance/prov_reference.py [ROWS] [--all] [--turtle]
"""
import datetime
import io
import resource
import sys
import time

import prov.model as pm

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
ALL = "--all" in sys.argv


def build(rows):
    d = pm.ProvDocument()
    ns = {
        "wfprov": "http://purl.org/wf4ever/wfprov#", "wfdesc": "http://purl.org/wf4ever/wfdesc#",
        "data": "urn:hash::sha1:", "id": "urn:uuid:", "orcid": "https://orcid.org/",
        "stoa": "https://github.com/stoa-astro/stoa/ns/prov#",
        "voprov": "http://www.ivoa.net/documents/ProvenanceDM/ns/voprov/", "row": "urn:stoa:row:",
        "run": "urn:stoa:run:", "workflow": "urn:stoa:workflow:sha1:", "user": "urn:stoa:user:",
    }
    for k, v in ns.items():
        d.add_namespace(k, v)
    t0 = datetime.datetime(2026, 11, 25, tzinfo=datetime.timezone.utc)
    wf = "workflow:" + "a" * 40
    d.entity(wf, {"prov:type": pm.PROV["Plan"], "prov:label": "#main"})
    user = d.agent("orcid:0000-0002-1825-0097", {"prov:type": pm.PROV["Person"], "prov:label": "Alice"})
    engine = d.agent("id:00000000-0000-0000-0000-000000000001", {"prov:type": pm.PROV["SoftwareAgent"], "prov:label": "Stoa"})
    files = ["%040x" % i for i in range(100)]
    for f in files:
        d.entity("data:" + f, {"prov:type": d.valid_qualified_name("wfprov:Artifact")})
    for i in range(rows):
        key = str(i)
        row = "row:sources/" + key
        d.entity(row, {"prov:type": d.valid_qualified_name("stoa:WorktableRow"), "stoa:table": "sources", "stoa:rowKey": key})
        run = "run:run-" + key
        d.activity(run, t0 + datetime.timedelta(seconds=i), t0 + datetime.timedelta(seconds=i + 0.5),
                   {"prov:type": d.valid_qualified_name("wfprov:WorkflowRun"), "stoa:state": "success"})
        d.wasAssociatedWith(run, engine, wf)
        d.wasAssociatedWith(run, user, wf)
        d.actedOnBehalfOf(engine, user, run)
        cells = [("in", "map", None), ("in", "threshold", 5.0 + i % 7), ("in", "name", "J" + key),
                 ("out", "flux", 0.001 * i), ("out", "npix", i % 4096)]
        for direction, column, value in cells:
            cell = "%s/%s/%s" % (row, direction, column)
            attrs = {"prov:label": column}
            if value is not None:
                attrs["prov:value"] = value
            d.entity(cell, attrs)
            if column == "map":
                d.specializationOf(cell, "data:" + files[i % 100])
            d.hadMember(row, cell)
            role = {"prov:role": d.valid_qualified_name("%s#%s" % (wf, column))}
            if direction == "in":
                d.used(run, cell, other_attributes=role)
            else:
                d.wasGeneratedBy(cell, run, t0 + datetime.timedelta(seconds=i + 0.5), other_attributes=role)
        d.wasDerivedFrom(row, "row:images/%d" % (i // 10))
    return d


def timed(label, fn):
    start = time.perf_counter()
    result = fn()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("%-24s %8.2f s   peak RSS so far %6.0f MB" % (label, time.perf_counter() - start, peak), flush=True)
    return result


doc = timed("build %d rows" % ROWS, lambda: build(ROWS))
print("records %d" % len(doc.get_records()))
timed("serialize PROV-JSON", lambda: doc.serialize(io.StringIO(), format="json"))
if ALL:
    timed("serialize PROV-N", lambda: doc.get_provn())
    timed("serialize PROV-XML", lambda: doc.serialize(io.BytesIO(), format="xml"))
    # rdflib's Turtle writer builds the whole graph: past 8 GB at 100 000 rows, so it is left out of --all.
    if "--turtle" in sys.argv:
        timed("serialize Turtle", lambda: doc.serialize(io.BytesIO(), format="rdf", rdf_format="turtle"))
