// Schema version 1: identity constraints and lookup indexes. Every statement is idempotent.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (s:Source) REQUIRE s.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (d:Dataset) REQUIRE d.id IS UNIQUE;
CREATE CONSTRAINT schema_version_id IF NOT EXISTS FOR (v:SchemaVersion) REQUIRE v.id IS UNIQUE;
CREATE INDEX entity_dataset IF NOT EXISTS FOR (n:Entity) ON (n.dataset);
CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind);
CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name);
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.search_text]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false}};
// One uniqueness constraint per relationship type: loads MERGE relationships on their id.
CREATE CONSTRAINT rel_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_leads_id IF NOT EXISTS FOR ()-[r:LEADS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_holds_id IF NOT EXISTS FOR ()-[r:HOLDS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_reports_to_id IF NOT EXISTS FOR ()-[r:REPORTS_TO]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_supervises_id IF NOT EXISTS FOR ()-[r:SUPERVISES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_takes_role_id IF NOT EXISTS FOR ()-[r:TAKES_ROLE]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_responsible_for_id IF NOT EXISTS FOR ()-[r:RESPONSIBLE_FOR]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_performs_id IF NOT EXISTS FOR ()-[r:PERFORMS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_represents_at_id IF NOT EXISTS FOR ()-[r:REPRESENTS_AT]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_participates_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATES_IN]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_chairs_id IF NOT EXISTS FOR ()-[r:CHAIRS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_organises_id IF NOT EXISTS FOR ()-[r:ORGANISES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_liaises_with_id IF NOT EXISTS FOR ()-[r:LIAISES_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_collaborates_with_id IF NOT EXISTS FOR ()-[r:COLLABORATES_WITH]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_governed_by_id IF NOT EXISTS FOR ()-[r:GOVERNED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_pursues_id IF NOT EXISTS FOR ()-[r:PURSUES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_measured_by_id IF NOT EXISTS FOR ()-[r:MEASURED_BY]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_addresses_id IF NOT EXISTS FOR ()-[r:ADDRESSES]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_covers_id IF NOT EXISTS FOR ()-[r:COVERS]-() REQUIRE r.id IS UNIQUE;
CREATE CONSTRAINT rel_replaces_id IF NOT EXISTS FOR ()-[r:REPLACES]-() REQUIRE r.id IS UNIQUE;
