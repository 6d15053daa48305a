"""Fictional district boundaries for the demo city: Voronoi cells of placed seats, clipped to a made-up outline.

The city sits in an abstract box of one degree by three quarters, at longitude 0..1 and latitude 0..0.75 (open
sea off West Africa, far from any Chinese city), so the shapes can never be taken for real ones. Every step is
fixed (no clock, seeded noise, coordinates rounded), so the same seats give the same bytes.
"""

from pathlib import Path

import numpy as np

from chuangcheng.geo import boundaries

BOX = (0.0, 0.0, 1.0, 0.75)  # lon min, lat min, lon max, lat max
OUTLINE_VERTICES = 120
DIGITS = 5


def outline(seed: int):
    """The city's border: a lopsided oval with a few seeded bulges and inlets, inside BOX."""
    from shapely.geometry import Polygon

    rng = np.random.default_rng(seed)
    angles = np.linspace(0, 2 * np.pi, OUTLINE_VERTICES, endpoint=False)
    wobble = 1 + sum(rng.uniform(0.02, 0.09) * np.sin(k * angles + rng.uniform(0, 2 * np.pi)) for k in (2, 3, 5, 7))
    minx, miny, maxx, maxy = BOX
    cx, cy, rx, ry = (minx + maxx) / 2, (miny + maxy) / 2, (maxx - minx) * 0.42, (maxy - miny) * 0.42
    return Polygon(np.column_stack([cx + rx * wobble * np.cos(angles), cy + ry * wobble * np.sin(angles)]))


def districts(seats: dict[str, tuple[float, float]], names: dict[str, str], seed: int) -> dict:
    """A FeatureCollection with one fictional district per code: the Voronoi cell of its seat (x, y as
    fractions of BOX) within the outline; properties code, name (if given) and synthetic = true."""
    import shapely
    from shapely.geometry import MultiPoint, box, mapping

    minx, miny, maxx, maxy = BOX
    points = {code: (minx + x * (maxx - minx), miny + y * (maxy - miny)) for code, (x, y) in seats.items()}
    border = outline(seed)
    cells = shapely.get_parts(shapely.voronoi_polygons(MultiPoint(list(points.values())), extend_to=box(*BOX)))
    features = []
    for code, point in sorted(points.items()):
        cell = next(c for c in cells if c.contains(shapely.Point(point)))
        shape = shapely.set_precision(cell.intersection(border), 10.0**-DIGITS)
        shape = shapely.transform(shape, lambda xy: xy.round(DIGITS))
        properties = {"code": code, **({"name": names[code]} if names.get(code) else {}), "synthetic": True}
        features.append({"type": "Feature", "id": code, "properties": properties, "geometry": mapping(shape)})
    return {"type": "FeatureCollection", "features": features}


def write(data_dir: Path, name: str, seats: dict[str, tuple[float, float]], names: dict[str, str], seed: int) -> Path:
    """Publish the fictional districts as <data>/boundaries/<name>.geojson (written beside, then renamed)."""
    return boundaries.write(data_dir, name, districts(seats, names, seed))
