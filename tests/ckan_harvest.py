"""catalog.jsonld as CKAN harvests it: ckanext-dcat's RDF parser with its
DCAT-AP 3 profile (the code a CKAN 2.12 DCAT harvester runs), offline.

Usage: ckan_harvest.py OUT_DIR BASE_IRI LICENCE_ID
Checks that the one dataset arrives with its title, description, the
licence CKAN's register knows (LICENCE_ID, e.g. uk-ogl), its URI, landing
page, publisher, dates, coverage, theme and language, and that every
distribution arrives as a resource with a title, a short format name (not
an IRI), a URL under BASE_IRI naming a file of OUT_DIR, and that file's
size and SHA-256.
"""
import hashlib
import os
import sys

from ckanext.dcat.processors import RDFParser


def main(out, base_iri, licence_id):
    parser = RDFParser(profiles=["euro_dcat_ap_3"])
    with open(os.path.join(out, "catalog.jsonld"), encoding="utf-8") as f:
        parser.parse(f.read(), _format="json-ld")
    datasets = list(parser.datasets())
    assert len(datasets) == 1, len(datasets)
    dataset = datasets[0]
    assert dataset["title"].endswith("meetings, agenda items and decisions"), dataset["title"]
    assert dataset["notes"], "a description"
    assert dataset["license_id"] == licence_id, dataset["license_id"]
    extras = {e["key"]: e["value"] for e in dataset["extras"]}
    # The harvester keys a dataset on its URI: the same on every run.
    assert extras["uri"] == base_iri + "dataset", extras["uri"]
    assert dataset["url"] == base_iri + "index.html", dataset["url"]
    for key in ("publisher_name", "issued", "modified", "temporal_start", "temporal_end", "theme", "language"):
        assert extras.get(key), key
    files = sorted(f for f in os.listdir(out) if f not in ("catalog.jsonld", "index.html"))
    resources = dataset["resources"]
    assert sorted(r["name"] for r in resources) == files, "one resource per file"
    for r in resources:
        assert r["format"] and "/" not in r["format"], (r["name"], r["format"])
        assert r["url"] == base_iri + r["name"], (r["name"], r["url"])
        data = open(os.path.join(out, r["name"]), "rb").read()
        assert int(r["size"]) == len(data), (r["name"], r.get("size"))
        assert r["hash"] == hashlib.sha256(data).hexdigest(), r["name"]
        assert r.get("license") and r.get("description"), r["name"]
    formats = sorted({r["format"] for r in resources})
    print(f"ckanext-dcat: 1 dataset, licence {dataset['license_id']}, {len(resources)} resources "
          f"with title, format ({', '.join(formats)}), URL, size and checksum")


if __name__ == "__main__":
    main(*sys.argv[1:])
