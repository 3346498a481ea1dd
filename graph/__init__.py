"""The ground floor: settings, the driver, errors, the Cypher file machinery and its catalog,
schema migrations and the local Neo4j. Imports no other orggraph package (checked by
`make lint`); everything else stands on it. See docs/architecture.md."""
