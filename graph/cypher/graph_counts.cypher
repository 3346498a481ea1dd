// name: graph_counts
// doc: Node and relationship totals, for load reports and tests.
// params: 
// returns: nodes: int, relationships: int
// mode: read
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
