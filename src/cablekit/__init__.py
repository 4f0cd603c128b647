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


def parse_paths(paths: Iterable[str], jobs: int = 1) -> Iterator[Cable | SourceFailure]:
    """Every cable in these files and folders, parsed (on `jobs` processes, each reading its own files), in the
    order of the files; an unreadable file yields a `SourceFailure` instead."""
    if jobs <= 1:
        for item in read(paths):
            yield item if isinstance(item, SourceFailure) else parse(item.text, item.source)
        return
    from .sources import iter_files
    from .store import parsed

    files: list[str] = []
    for item in iter_files(paths):
        if isinstance(item, SourceFailure):
            yield item
        else:
            files.append(item)
    for _, items in parsed(files, jobs):
        yield from items


__all__ = ["Cable", "RawCable", "SourceFailure", "parse", "parse_paths", "read", "__version__"]
