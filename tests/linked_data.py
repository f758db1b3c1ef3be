"""Linked data and portal metadata: JSON-LD, catalog.jsonld, datapackage.json.

Run by tests/run.sh after `etl run`:
    python tests/linked_data.py OUT
Checks, offline (the @context is inline):
- every key of every JSON-LD node is a term of the @context, expands to an
  absolute IRI, and no value is dropped on expansion (pyld);
- the graph parses to RDF (rdflib) and its meetings, items, decisions and
  clauses are exactly the Parquet rows, by ID;
- every catalog Distribution's byteSize and sha256 match the file on disk;
- datapackage.json validates with frictionless (every row of CSV copies
  too), and each resource's fields are the Parquet columns with matching
  types; a CSV copy holds the same values as its Parquet table.
"""
import hashlib
import json
import os
import sys

import pyarrow as pa
import pyarrow.csv as pcsv
import pyarrow.parquet as pq
from frictionless import Package, validate
from pyld import jsonld
from rdflib import Graph, Namespace, RDF

SCHEMA = Namespace("http://schema.org/")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
DCT = Namespace("http://purl.org/dc/terms/")


def values(v):
    return v if isinstance(v, list) else [v]


def check_expansion(doc):
    context = doc["@context"]
    expanded = jsonld.expand(doc)
    # Expansion keeps the nodes in order; one meeting read from two
    # documents (XML and text) is two node objects with one @id.
    assert len(expanded) == len(doc["@graph"]), "every node is kept"
    base = context["rec"]
    for node, out in zip(doc["@graph"], expanded):
        # The dataset's IRIs are written compact, rec:<kind>/<id>.
        assert node["@id"].startswith("rec:"), node["@id"]
        assert out["@id"] == base + node["@id"][len("rec:"):], "every node keeps its @id"
        keys = [k for k in node if not k.startswith("@")]
        unknown = [k for k in keys if k not in context]
        assert not unknown, f"{node['@id']}: keys without a term: {unknown}"
        for prop in out:
            assert prop.startswith("@") or ":" in prop and not prop.startswith("cetl:"), prop
        given = sum(len(values(node[k])) for k in keys)
        kept = sum(len(v) for p, v in out.items() if not p.startswith("@"))
        assert given == kept, f"{node['@id']}: {given} values given, {kept} after expansion"
        types = values(node["@type"])
        assert len(out["@type"]) == len(types) and all("://" in t or t.startswith("urn:") for t in out["@type"]), out["@type"]
    return len(expanded)


def ids(out, table, column):
    return set(pq.read_table(os.path.join(out, f"{table}.parquet"), columns=[column]).column(column).to_pylist())


def check_rdf(out, path):
    g = Graph()
    g.parse(path, format="json-ld")
    for rdf_type, table, column in [
        (SCHEMA.Event, "meetings", "meeting_id"),
        (BESLUIT.Agendapunt, "agenda_items", "item_id"),
        (ELI.LegalResource, "decisions", "decision_id"),
        (ELI.LegalResourceSubdivision, "decision_clauses", "clause_id"),
    ]:
        subjects = set(g.subjects(RDF.type, rdf_type))
        found = {str(i) for s in subjects for i in g.objects(s, DCT.identifier)} & ids(out, table, column)
        expected = ids(out, table, column)
        assert len(subjects) == len(expected), (table, len(subjects), len(expected))
        assert found == expected, f"{table}: IDs differ between RDF and Parquet"
    return len(g)


def check_catalog(out):
    catalog = json.load(open(os.path.join(out, "catalog.jsonld")))
    dataset = catalog["dcat:dataset"]
    assert catalog["dct:license"]["@id"].startswith("https://"), catalog["dct:license"]
    distributions = dataset["dcat:distribution"]
    assert dataset["dcat:landingPage"]["@id"].endswith("index.html")
    files = sorted(f for f in os.listdir(out) if f not in ("catalog.jsonld", "index.html"))
    assert sorted(d["dct:title"] for d in distributions) == files, "one distribution per file"
    for d in distributions:
        data = open(os.path.join(out, d["dct:title"]), "rb").read()
        assert int(d["dcat:byteSize"]["@value"]) == len(data), d["dct:title"]
        assert d["spdx:checksum"]["spdx:checksumValue"]["@value"] == hashlib.sha256(data).hexdigest(), d["dct:title"]
    return len(distributions)


FRICTIONLESS_TYPES = {pa.string(): "string", pa.int32(): "integer", pa.int64(): "integer",
                      pa.bool_(): "boolean", pa.date32(): "date", pa.decimal128(18, 2): "number",
                      pa.time64("us"): "time", pa.float64(): "number"}


def check_datapackage(out):
    path = os.path.join(out, "datapackage.json")
    report = validate(path)
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:10]
    package = Package(path)
    for resource in package.resources:
        stem, _ = os.path.splitext(resource.path)
        parquet = os.path.join(out, stem + ".parquet")
        arrow = pq.read_schema(parquet)
        declared = [(f.name, f.type) for f in resource.schema.fields]
        actual = [(f.name, FRICTIONLESS_TYPES.get(f.type, "any")) for f in arrow]
        assert declared == actual, (resource.name, declared, actual)
        if resource.path.endswith(".csv"):
            check_csv_copy(os.path.join(out, resource.path), parquet, arrow)
    return len(package.resources)


def check_csv_copy(csv, parquet, schema):
    """The CSV copy holds the Parquet table's values, row by row (an empty
    field stands for a null and for an empty text alike)."""
    raw = open(csv, "rb").read()
    assert not raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
    header = raw.split(b"\r\n", 1)[0]
    assert header.decode() == ",".join(schema.names) and raw.endswith(b"\r\n"), "CRLF records"
    table = pcsv.read_csv(csv, convert_options=pcsv.ConvertOptions(
        column_types=schema, null_values=[""], strings_can_be_null=True))
    expected = pq.read_table(parquet)
    assert table.column_names == expected.column_names, csv
    assert table.num_rows == expected.num_rows, (csv, table.num_rows, expected.num_rows)
    for name in expected.column_names:
        got = table.column(name).to_pylist()
        want = [None if v == "" else v for v in expected.column(name).to_pylist()]
        assert got == want, (csv, name)


def main(out):
    path = os.path.join(out, "dataset.jsonld")
    doc = json.load(open(path))
    nodes = check_expansion(doc)
    triples = check_rdf(out, path)
    distributions = check_catalog(out)
    resources = check_datapackage(out)
    print(f"linked data: {nodes} JSON-LD nodes expand fully, {triples} triples match Parquet IDs; "
          f"{distributions} catalog distributions match the files; {resources} datapackage resources valid")


if __name__ == "__main__":
    main(sys.argv[1])
