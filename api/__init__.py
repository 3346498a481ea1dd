"""The top floor: the FastAPI app (routers per area, auth, errors mapped to HTTP) and the
`orggraph` CLI (api/cli/). The only floor that maps errors to statuses and exit codes; no
Cypher here. See docs/architecture.md."""
