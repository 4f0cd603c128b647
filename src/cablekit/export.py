"""Export: stored cables as JSON lines (full records), CSV (one flat row a cable), FollowTheMoney entities for Aleph,
and the reference graph as GEXF or GraphML for Gephi and friends."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO, Any
from xml.etree import ElementTree as ET

import msgspec

from . import resolve
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


def write_ftm(cables: Iterable[Cable], out: IO[bytes]) -> int:
    """FollowTheMoney entities for Aleph, one JSON object a line (the `ftm` extra): each cable a Message sent by its
    post (a PublicBody, from `data/posts.tsv`) to the posts and offices of its TO and INFO lines, and an UnknownLink
    (role `cites`) from a cable to each cable it cites that is exported with it. Ids are made from reference ids,
    origin codes and addressee names, so exporting the same cables again gives the same entities. Returns the
    number of cables."""
    try:
        from followthemoney import model
        from followthemoney.util import make_entity_id
    except ImportError as exc:
        raise RuntimeError("FollowTheMoney export needs the ftm extra: pip install 'cablekit[ftm]'") from exc
    written: set[str] = set()

    def emit(entity: Any) -> str:
        if entity.id not in written:  # a post is written once, before the first cable that names it
            written.add(entity.id)
            out.write(_encoder.encode(entity.to_dict()) + b"\n")
        return entity.id

    citations: list[tuple[str, str, str | None]] = []
    count = 0
    for cable in cables:
        message = _ftm_message(model, cable)
        message.add("sender", emit(_ftm_sender(model, cable)))
        for addressee in [*cable.to, *cable.info]:
            message.add("recipients", emit(_ftm_post(model, addressee.name)))
        emit(message)
        citations += [(message.id, ref.reference_id, cable.date) for ref in cable.references if ref.reference_id]
        count += 1
    for citing, cited, date in citations:
        link = model.make_entity("UnknownLink")
        link.make_id("cites", citing, cited)
        link.add("subject", citing)
        link.add("object", make_entity_id("cable", cited))
        link.add("role", "cites")
        link.add("date", date)
        if link.first("object") in written:  # a cable outside the export would be a dangling reference
            emit(link)
    return count


def _ftm_message(model: Any, cable: Cable) -> Any:
    message = model.make_entity("Message")
    message.make_id("cable", cable.reference_id)
    message.add("recordId", cable.reference_id)
    # A subject longer than a string value may be (a subject line the parser ran on into the body) is shortened.
    subject = _shortened(cable.subject, message.schema.properties["subject"].type.max_length)
    message.add("title", subject or cable.reference_id)
    message.add("subject", subject)
    message.add("date", cable.date)
    # A text value may hold 65,000 characters (the model's limit); a longer cable is cut into pieces at line ends.
    body = cable.text or "\n\n".join(p.text for p in cable.paragraphs)
    message.add("bodyText", _pieces(body, message.schema.properties["bodyText"].type.max_length))
    message.add("summary", cable.summary)
    message.add("author", cable.signers)
    message.add("keywords", [cable.classification, *cable.handling, *cable.tags])
    message.add("country", [resolve.iso_countries()[t].lower() for t in cable.tags if t in resolve.iso_countries()])
    message.add("language", "eng")
    return message


def _shortened(text: str | None, size: int) -> str | None:
    return text[:size - 1].rsplit(" ", 1)[0] + "\u2026" if text and len(text) > size else text


def _pieces(text: str, size: int) -> list[str]:
    """The text cut at line breaks into pieces of at most `size` characters: joined with `\\n`, the text again."""
    pieces = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size + 1)
        if cut <= 0:  # one line longer than a piece: cut inside it
            cut = size
        pieces.append(text[:cut])
        text = text[cut + (text[cut:cut + 1] == "\n"):]
    return [*pieces, text]


def _ftm_sender(model: Any, cable: Cable) -> Any:
    """The post a cable's id names (`09BAGHDAD3187` -> Embassy Baghdad); else the FM line's address."""
    m = resolve.WELL_FORMED_ID.match(cable.reference_id)
    code = m.group(2) if m else None
    if code and resolve.post(code):
        return _ftm_post(model, code)
    return _ftm_post(model, cable.origin or code or "unknown sender")


def _ftm_post(model: Any, address: str) -> Any:
    """A post by its origin code or an address as a TO/INFO/FM line writes it (`AMEMBASSY BAGHDAD`, `SECSTATE
    WASHDC`): the post of `data/posts.tsv` when the address names one, else an office named as written
    (`CIA WASHINGTON DC`)."""
    code = address if resolve.post(address) else resolve.origin_from_fm(address)
    entity = model.make_entity("PublicBody")
    if post := resolve.post(code):
        entity.make_id("post", code)
        entity.add("name", post.name)
        entity.add("abbreviation", code)
        entity.add("country", resolve.iso_countries()[post.country].lower() if post.country else None)
    else:
        entity.make_id("address", address)
        entity.add("name", address)
    return entity


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
                                           ("heading", text), ("text", text), ("section_heading", text)]))),
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
