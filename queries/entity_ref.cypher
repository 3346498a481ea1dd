// name: entity_ref
// doc: The entity with exactly this id, as {id, name, kind}: the cheap first step of resolving a reference, before any full-text matching.
// params: id: str(200)
// returns: id: str, name: str, kind: str
// mode: read
MATCH (n:Entity {id: $id})
RETURN n.id AS id, n.name AS name, n.kind AS kind
