"""Vendor the web app's front-end files from the npm registry into src/cablekit/static/vendor/.

The app needs no build step: the files are committed. This script says where each came from and makes them again:
htmx (BSD-2-Clause) and cytoscape (MIT) as published, and the world's land from world-atlas (ISC; Natural Earth
1:110m, public domain) turned from TopoJSON into one SVG path in an equirectangular projection, 360 x 180 units, so
the server draws the map of posts with no script in the browser.

Usage: python tools/vendor_web.py   (needs npm)
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

VENDOR = Path(__file__).resolve().parent.parent / "src" / "cablekit" / "static" / "vendor"
PACKAGES = {  # package@version -> files to keep (path in the package -> name in vendor/)
    "htmx.org@2.0.11": {"dist/htmx.min.js": "htmx.min.js", "LICENSE": "htmx.LICENSE"},
    "cytoscape@3.34.4": {"dist/cytoscape.min.js": "cytoscape.min.js", "LICENSE": "cytoscape.LICENSE"},
    "world-atlas@2.0.2": {"LICENSE": "world-atlas.LICENSE"},
}


def unpack(spec: str, into: Path) -> Path:
    subprocess.run(["npm", "pack", spec, "--silent"], cwd=into, check=True, capture_output=True)
    name, version = spec.rsplit("@", 1)
    target = into / name
    with tarfile.open(into / f"{name}-{version}.tgz") as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def arcs_of(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON arcs are quantized and delta-encoded: undo both, giving longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in ring:  # a negative index ~i is arc i reversed; arcs share their end points
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrapped(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian (Chukotka, Fiji) jumps 360 degrees there; carry on past the map's
    edge instead, so no line is drawn across the world (the part past the edge is drawn again, shifted)."""
    out = [points[0]]
    shift = 0.0
    for (lon0, _), (lon, lat) in zip(points, points[1:], strict=False):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    return out


def land_path(topology: dict) -> str:
    arcs = arcs_of(topology)
    parts = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            for ring in polygon:
                points = unwrapped(ring_points(ring, arcs))
                low, high = min(p[0] for p in points), max(p[0] for p in points)
                if high - low >= 359:  # Antarctica goes round the pole: its ring spans the whole map already
                    points = ring_points(ring, arcs)
                shifts = [0] + ([360] if low < -180 else []) + ([-360] if high > 180 else [])
                for shift in shifts:
                    parts.append("M" + "L".join(f"{lon + shift + 180:.1f},{90 - lat:.1f}" for lon, lat in points)
                                 + "Z")
    return "".join(parts)


def main() -> None:
    VENDOR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for spec, files in PACKAGES.items():
            package = unpack(spec, Path(tmp))
            for path, name in files.items():
                shutil.copyfile(package / path, VENDOR / name)
            if spec.startswith("world-atlas@"):
                land = json.loads((package / "land-110m.json").read_text())
                (VENDOR / "land-110m.svgpath").write_text(land_path(land) + "\n")


if __name__ == "__main__":
    main()
