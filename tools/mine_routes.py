"""Mine routing indicator -> address pairs from every TO/INFO line of a corpus (and the DE/FM lines), to complete
the ACP 117 list: writes src/cablekit/data/routing-indicators-mined.csv (indicator, address, times seen).

Run: .venv/bin/python tools/mine_routes.py [CORPUS_DIR]   (default ../shared/corpus)
The most frequent address wins for each indicator; pairs seen once are left out as likely typos.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from cablekit import parse_paths
from cablekit.sources import SourceFailure

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "cablekit" / "data" / "routing-indicators-mined.csv"


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus"
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    for cable in parse_paths([str(corpus)]):
        if isinstance(cable, SourceFailure):
            continue
        for addressee in [*cable.to, *cable.info]:
            if addressee.route and addressee.route != "RUEHWEB":  # RUEHWEB is a placeholder
                seen[addressee.route][addressee.name] += 1
        if cable.station and cable.origin and cable.station != "RUEHWEB":
            seen[cable.station][cable.origin] += 1
    rows = []
    for route, names in sorted(seen.items()):
        name, count = names.most_common(1)[0]
        if count >= 2:
            rows.append((route, name, count))
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("# routing indicator, address, times seen: mined by tools/mine_routes.py from the TO/INFO and DE/FM "
                "lines of shared/corpus (WikiLeaks Cablegate cables)\n")
        csv.writer(f).writerows(rows)
    print(f"{len(rows)} indicators written to {OUT}")


if __name__ == "__main__":
    main()
