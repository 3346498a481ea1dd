// Schema version 4: entities carry their placement (placed_org_id, placed_org_name, placed_path;
// graph/cypher/place.cypher). No new index or constraint: the step is a data one, run by
// graph.schema.apply_schema for a database recorded at versions 1-3 (loaded before placements
// were stored), once, before the new version is recorded.
