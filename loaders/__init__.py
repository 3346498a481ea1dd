"""Datasets into the graph: the dataset model, parsing with positions, validation (every
problem with file:line:col), and the transactional loader and exporter. Stands on graph/
only; see docs/architecture.md."""
