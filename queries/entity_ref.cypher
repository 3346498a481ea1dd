// name: entity_ref
// doc: The entity with exactly this id, as {id, name, kind, organisation, path}: the cheap first step of resolving a reference, before any full-text matching (organisation and path as resolve_ref gives them).
// params: id: str(200)
// returns: id: str, name: str, kind: str, organisation: map, path: list
// mode: read
MATCH (n:Entity {id: $id})
// Its organisation: the first Organisation up PART_OF, LEADS, HOLDS (for an Organisation, the
// one it is PART_OF); the path: what lies between, top first.
CALL (n) {
  OPTIONAL MATCH p = (n)((a)-[r:PART_OF|LEADS|HOLDS]->(b) WHERE type(r) = 'PART_OF' OR NOT a:Organisation){1,8}(own:Organisation)
  WHERE none(x IN nodes(p)[1..-1] WHERE x:Organisation)
  // The last key breaks ties between equally short paths (a post leading two units): stable answers.
  WITH own, p ORDER BY length(p), own.id, [x IN nodes(p) | x.id] LIMIT 1
  RETURN CASE WHEN own IS NULL THEN null ELSE own {.id, .name} END AS organisation,
         CASE WHEN p IS NULL THEN [] ELSE reverse([x IN nodes(p)[1..-1] | x.name]) END AS path
}
RETURN n.id AS id, n.name AS name, n.kind AS kind, organisation, path
