"""Region boundaries as data, for the map: stored GeoJSON (boundaries), the importer of a steward's files
(importer), the demo city's fictional districts (synthetic), and the tile grid drawn where none exist (grid).

The map asks two things: `boundaries.load(data_dir, codes)` for the shapes of the regions in view (or None),
and `grid.layout(codes)` for one square per region when there are no shapes. Neither imports Streamlit.
"""
