"""Export: stored cables as JSON lines (full records), CSV (one flat row a cable), and the reference graph as GEXF
or GraphML for Gephi and friends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO
from xml.etree import ElementTree as ET

import msgspec

from .models import Cable

CSV_COLUMNS = ("reference_id", "date", "dtg", "classification", "origin", "station", "precedence", "subject",
               "tags", "handling", "references", "summary", "signers", "paragraph_count", "classified_by",
               "declassify_on", "source_format", "source_path")
_encoder = msgspec.json.Encoder()


def write_jsonl(cables: Iterable[Cable], out: IO[bytes], with_text: bool = True) -> int:
    count = 0
    for cable in cables:
        if not with_text:
            cable.text = ""
        out.write(_encoder.encode(cable) + b"\n")
        count += 1
    return count


def csv_row(cable: Cable) -> dict[str, object]:
    """A cable as one flat row: lists joined with `|`, the classified-by line as written."""
    return {
        "reference_id": cable.reference_id, "date": cable.date, "dtg": cable.dtg,
        "classification": cable.classification, "origin": cable.origin, "station": cable.station,
        "precedence": cable.precedence, "subject": cable.subject, "tags": "|".join(cable.tags),
        "handling": "|".join(cable.handling),
        "references": "|".join(r.reference_id or r.text for r in cable.references),
        "summary": cable.summary, "signers": "|".join(cable.signers), "paragraph_count": len(cable.paragraphs),
        "classified_by": cable.classified_by.text if cable.classified_by else None,
        "declassify_on": cable.declassify_on, "source_format": cable.source.get("format"),
        "source_path": cable.source.get("path"),
    }


def write_csv(cables: Iterable[Cable], out: IO[bytes]) -> int:
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
    writer = csv.DictWriter(text, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for cable in cables:
        writer.writerow(csv_row(cable))
        count += 1
    text.detach()
    return count


def _graph_nodes(edges: list[tuple[str, str]], stored: set[str]) -> list[tuple[str, bool]]:
    ids = sorted({x for edge in edges for x in edge} | stored)
    return [(i, i in stored) for i in ids]


def write_gexf(edges: list[tuple[str, str]], stored: set[str], out: IO[bytes]) -> int:
    """GEXF 1.3: a node per cable (attribute `in_corpus`), a directed edge per citation."""
    root = ET.Element("gexf", xmlns="http://gexf.net/1.3", version="1.3")
    graph = ET.SubElement(root, "graph", defaultedgetype="directed")
    attrs = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(attrs, "attribute", id="0", title="in_corpus", type="boolean")
    nodes = ET.SubElement(graph, "nodes")
    for node, present in _graph_nodes(edges, stored):
        n = ET.SubElement(nodes, "node", id=node, label=node)
        values = ET.SubElement(n, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "0", "value": "true" if present else "false"})
    links = ET.SubElement(graph, "edges")
    for i, (source, target) in enumerate(edges):
        ET.SubElement(links, "edge", id=str(i), source=source, target=target)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(edges)


def write_graphml(edges: list[tuple[str, str]], stored: set[str], out: IO[bytes]) -> int:
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    key = ET.SubElement(root, "key", id="in_corpus")
    key.set("for", "node")
    key.set("attr.name", "in_corpus")
    key.set("attr.type", "boolean")
    graph = ET.SubElement(root, "graph", id="references", edgedefault="directed")
    for node, present in _graph_nodes(edges, stored):
        n = ET.SubElement(graph, "node", id=node)
        ET.SubElement(n, "data", key="in_corpus").text = "true" if present else "false"
    for i, (source, target) in enumerate(edges):
        ET.SubElement(graph, "edge", id=f"e{i}", source=source, target=target)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return len(edges)


def parquet_schema():  # pyarrow is the `parquet` extra: imported only when Parquet is written
    """The Parquet columns of a record (`export --format parquet` and `cablekit spark parse` write the same)."""
    import pyarrow as pa

    text = pa.string()
    addressee = pa.struct([("route", text), ("name", text), ("precedence", text), ("number", text)])
    return pa.schema([
        ("reference_id", text), ("date", text), ("dtg", text), ("year", pa.int16()),
        ("transmission_id", text), ("precedence", text), ("origin", text), ("station", text),
        ("station_serial", pa.int64()), ("relay", pa.list_(text)), ("to", pa.list_(addressee)),
        ("info", pa.list_(addressee)), ("classification", text), ("section_count", pa.int16()),
        ("section", pa.int16()), ("handling", pa.list_(text)), ("eo", text), ("declassify_on", text),
        ("declassification", text), ("tags", pa.list_(text)), ("subject", text), ("subject_marking", text),
        ("references", pa.list_(pa.struct([("label", text), ("reference_id", text), ("kind", text),
                                            ("text", text)]))),
        ("classified_by", pa.struct([("name", text), ("title", text), ("office", text), ("agency", text),
                                     ("reasons", pa.list_(text)), ("text", text)])),
        ("paragraphs", pa.list_(pa.struct([("number", pa.int32()), ("marking", text), ("dissemination", text),
                                           ("heading", text), ("text", text)]))),
        ("summary", text), ("comments", pa.list_(text)), ("signers", pa.list_(text)),
        ("diagnostics", pa.list_(pa.struct([("code", text), ("severity", text), ("message", text),
                                            ("paragraph", pa.int32()), ("line", pa.int32())]))),
        ("source", text), ("spans", text), ("text", text),
    ])


def parquet_row(cable: Cable, with_text: bool) -> dict[str, object]:
    """A record as a row of `parquet_schema()`: spans of paragraphs and references left out, source and spans as
    JSON, `year` from the date."""
    row = msgspec.to_builtins(cable)
    row["year"] = int(cable.date[:4]) if cable.date else None
    for reference in row["references"]:
        reference.pop("span", None)
    for paragraph in row["paragraphs"]:
        paragraph.pop("span", None)
    row["source"] = _encoder.encode(cable.source).decode()  # each source has its own keys: kept as JSON
    row["spans"] = _encoder.encode(cable.spans).decode()
    row["text"] = cable.text if with_text else None
    return row


def write_parquet(cables: Iterable[Cable], path: str, with_text: bool = True, batch: int = 2000) -> int:
    """Parquet with nested columns (paragraphs, references, addressees as lists of structs), written in row groups
    of `batch` cables so memory stays flat; pandas, DuckDB and Spark read it as it is."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise RuntimeError("Parquet needs the parquet extra: pip install 'cablekit[parquet]'") from exc
    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        rows: list[dict[str, object]] = []
        for cable in cables:
            rows.append(parquet_row(cable, with_text))
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
                rows.clear()
        if rows or not count:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
    return count
