// Schema version 2 (issue 14): the id uniqueness constraint of each new relationship type, as
// version 1 has for the others (loads rely on it). The new kinds Board and System need nothing:
// they are :Entity nodes like every kind (entity_id, entity_kind and the entity_search
// fulltext index cover them); their second label is set by the load.
CREATE CONSTRAINT rel_approves_id IF NOT EXISTS FOR ()-[r:APPROVES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_establishes_id IF NOT EXISTS FOR ()-[r:ESTABLISHES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_appoints_id IF NOT EXISTS FOR ()-[r:APPOINTS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_instance_of_id IF NOT EXISTS FOR ()-[r:INSTANCE_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_uses_id IF NOT EXISTS FOR ()-[r:USES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_manages_id IF NOT EXISTS FOR ()-[r:MANAGES]-() REQUIRE r.id IS UNIQUE;
