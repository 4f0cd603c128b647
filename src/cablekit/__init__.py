"""cablekit: US diplomatic cables (Cablegate, PlusD) read into clean, validated records.

The public API is four names: `parse` (text -> Cable), `read` (paths -> raw texts with provenance),
`parse_paths` (paths -> Cables, failures kept), and the record type `Cable`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .models import Cable
from .parser import parse
from .sources import RawCable, SourceFailure, read

__version__ = "0.1.0"


def parse_paths(paths: Iterable[str]) -> Iterator[Cable | SourceFailure]:
    """Every cable in these files and folders, parsed; an unreadable file yields a `SourceFailure` instead."""
    for item in read(paths):
        yield item if isinstance(item, SourceFailure) else parse(item.text, item.source)


__all__ = ["Cable", "RawCable", "SourceFailure", "parse", "parse_paths", "read", "__version__"]
