"""catalog.jsonld against the official DCAT-AP 3.0.0 SHACL shapes.

Usage: dcat.py OUT_DIR [ALLOWED_PROPERTY...]

- shapes.ttl and range.ttl together (cardinalities, datatypes and the class
  of every value): no violation at all;
- shapes_recommended.ttl (recommended properties): only the warnings listed
  in ALLOWED_WARNINGS, each one a property that only the publisher can give
  and that the pipeline.toml given left out (docs/publishing.md).

The shapes are the official files (tests/dcat-ap-3, CC-BY 4.0, SEMIC);
imports.ttl is left out on purpose: it pulls the vocabularies from the
network, and the catalog states the class of every value itself.
"""
import sys
from pathlib import Path

from pyshacl import validate
from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import RDF

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Path(__file__).parent / "dcat-ap-3"

# Local names of the recommended properties whose warnings are allowed
# (arguments after OUT_DIR, e.g. bbox centroid): what no config can give.
# Each is documented in docs/publishing.md.
ALLOWED_WARNINGS = set(sys.argv[2:])


def results(data: Graph, shapes: Graph):
    conforms, report, _ = validate(data, shacl_graph=shapes, inference="none", advanced=True)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append(
            (
                str(report.value(r, SH.resultSeverity)).rsplit("#", 1)[-1],
                str(report.value(r, SH.focusNode)),
                str(report.value(r, SH.resultPath)),
                str(report.value(r, SH.resultMessage)),
            )
        )
    return conforms, sorted(out)


def main() -> int:
    out = Path(sys.argv[1])
    data = Graph().parse(out / "catalog.jsonld", format="json-ld")
    core = Graph()
    for name in ("shapes.ttl", "range.ttl"):
        core.parse(SHAPES / name, format="turtle")
    _, found = results(data, core)
    violations = [r for r in found if r[0] == "Violation"]
    recommended = Graph().parse(SHAPES / "shapes_recommended.ttl", format="turtle")
    _, warnings = results(data, recommended)
    unexpected = [w for w in warnings if w[2].rsplit("/", 1)[-1].rsplit("#", 1)[-1] not in ALLOWED_WARNINGS]
    for r in violations:
        print("violation:", *r[1:])
    for w in unexpected:
        print("warning:", *w[1:])
    print(f"{out}: {len(data)} triples, {len(violations)} violations, "
          f"{len(warnings)} recommended-property warnings ({len(unexpected)} not allowed)")
    return 1 if violations or unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
