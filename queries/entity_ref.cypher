// name: entity_ref
// doc: The entity with exactly this id, as {id, name, kind, organisation, path}: the cheap first step of resolving a reference, before any full-text matching (organisation and path as resolve_ref gives them).
// params: id: str(200)
// returns: id: str, name: str, kind: str, organisation: map, path: list
// mode: read
MATCH (n:Entity {id: $id})
// Its organisation and the path of units between (top first), as search gives them: stored
// on the node by the loader (graph/cypher/place.cypher, docs/model.md "Placement").
RETURN n.id AS id, n.name AS name, n.kind AS kind,
       CASE WHEN n.placed_org_id IS NULL THEN null ELSE {id: n.placed_org_id, name: n.placed_org_name} END AS organisation,
       coalesce(n.placed_path, []) AS path
