// name: resolve_ref
// doc: Candidates for a reference typed by a person, within an organisation when `org` (an Organisation id) is given: the entity with that id ('id', scope or not), entities whose name, abbreviation or an alias equals it ignoring case, accents, spaces and punctuation ('exact'), else the best full-text hits ('fuzzy'); each with its organisation, the path of units between it and that organisation (top first), `scope` (0: inside `org` or no org asked; shared vocabulary that belongs to no organisation: 1 when something inside `org` links to it, else 2) and its abbreviation and aliases for queries.resolve, which picks one or explains.
// params: ref: str(200), kinds: list[str](20)?, org: str(200)?
// returns: id: str, name: str, kind: str, match: str, score: float, scope: int, organisation: map, path: list, abbreviation: str, aliases: list
// mode: read
// Folding works word by word: the cost grows with the longest word of the (at most 200
// characters) input, where concatenating character by character over it all was quadratic.
WITH $ref AS ref,
     [t IN reduce(acc = [], w IN [w IN split(normalize(toLower(left($ref, 200)), NFD), ' ') WHERE w <> ''][..16] |
        acc + split(reduce(s = '', c IN split(w, '') |
          s + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c WHEN c =~ '\\p{M}' THEN '' ELSE ' ' END), ' '))
      WHERE t <> ''] AS words
WITH ref, reduce(acc = '', t IN words | acc + t) AS folded, [t IN words | left(t, 40)][..8] AS terms
// The scope, by the Entity.id index, and the Organisations inside it (itself and those PART_OF
// it, at most 8 steps down), read once. A candidate is inside when an Organisation it climbs to
// (PART_OF, LEADS, HOLDS through no other Organisation: its own organisation) is one of them: the
// membership rule of docs/model.md ("Organisation scope"), a short climb per candidate.
OPTIONAL MATCH (scope:Entity {id: $org}) WHERE scope:Organisation
CALL (scope) {
  OPTIONAL MATCH (o:Organisation)(()-[:PART_OF]->()){0,8}(scope)
  RETURN collect(DISTINCT o) AS inside
}
WITH ref, folded, terms, scope, inside, $org IS NOT NULL AS scoped,
     CASE WHEN size(terms) > 0 THEN
       reduce(acc = '', t IN terms | acc + ' ' + t + '^3'
         + CASE WHEN size(t) >= 3 THEN ' ' + t + '*' ELSE '' END
         + CASE WHEN size(t) >= 5 THEN ' ' + t + '~1' ELSE '' END)
       + ' ' + folded + '^4'
       + CASE WHEN size(terms) > 1
           THEN ' "' + reduce(acc = '', t IN terms | acc + ' ' + t) + '"^5' ELSE '' END
     END AS lucene
CALL (ref, folded, lucene, scoped) {
  MATCH (n:Entity {id: ref})
  RETURN n, 'id' AS match, 1000.0 AS score, false AS main
  UNION
  MATCH (n:Entity {name: ref})
  RETURN n, 'exact' AS match, 500.0 AS score, false AS main
  UNION
  WITH lucene WHERE lucene IS NOT NULL
  CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: 100}) YIELD node AS n, score
  RETURN n, 'text' AS match, score, true AS main
  UNION
  // A name, abbreviation or alias equal to the reference is one exact index term (the compact
  // form the loader adds to search_text), found whatever the phrase scores of longer names
  // ("Dienst Lokale recherche" many times over) push it down to; in a scope, up to 1000 of
  // them (a post name of every zone: the scope's own must be among them).
  WITH folded, scoped WHERE folded <> ''
  CALL db.index.fulltext.queryNodes('entity_search', folded, {limit: CASE WHEN scoped THEN 1000 ELSE 200 END})
    YIELD node AS n, score
  RETURN n, 'text' AS match, score, false AS main
}
// Each candidate of the allowed kinds with its organisations (`owns`: the Organisations it
// climbs to along PART_OF, LEADS, HOLDS through no other Organisation), for the tiers below.
WITH ref, folded, lucene, scope, inside, scoped, main, score,
     CASE WHEN $kinds IS NULL OR n.kind IN $kinds THEN {n: n, match: match, score: score,
       owns: CASE WHEN scoped THEN COLLECT {
         MATCH (n)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation)
         RETURN DISTINCT own
       } ELSE [] END}
     END AS row
WITH ref, folded, lucene, scope, inside, scoped, collect(row) AS first,
     sum(CASE WHEN main THEN 1 ELSE 0 END) AS read, min(CASE WHEN main THEN score END) AS low
// Inside a scope the hits of other organisations drop out, so the first 100 full-text hits may
// hold none of the scope's. They suffice when fewer than 100 came, or when rule 1 or 2 decides
// without them: an id, or a name or abbreviation equal to the reference inside the scope or of
// no organisation (every such exact match is among the index lookups above, and rule 2 looks
// at no full-text hit; an alias only when it scores at least MARGIN = 1.25 (queries.resolve)
// times the last hit read, so that no unread hit can rival it); else up to 1000 are read.
WITH ref, folded, lucene, scope, inside, scoped, first,
     scoped AND read >= 100 AND NOT any(r IN first WHERE r.match = 'id' OR
       (size(r.owns) = 0 OR any(o IN r.owns WHERE o IN inside))
       AND folded IN [x IN [r.n.name, r.n.abbreviation] + coalesce(r.n.aliases, []) WHERE x IS NOT NULL |
             reduce(acc = '', c IN split(normalize(toLower(x), NFD), '') |
               acc + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END)]
       AND (r.match = 'exact' OR r.score >= 1.25 * low
            OR folded IN [x IN [r.n.name, r.n.abbreviation] WHERE x IS NOT NULL |
                 reduce(acc = '', c IN split(normalize(toLower(x), NFD), '') |
                   acc + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END)])
     ) AS widen
CALL (lucene, widen) {
  WITH lucene WHERE widen
  CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: 1000}) YIELD node AS n, score
  WITH n, score WHERE $kinds IS NULL OR n.kind IN $kinds
  RETURN collect({n: n, match: 'text', score: score, owns: COLLECT {
    MATCH (n)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation)
    RETURN DISTINCT own
  }}) AS more
}
UNWIND first + more AS r
WITH r.n AS n, collect(r.match) AS matches, max(r.score) AS score, head(collect(r.owns)) AS owns,
     scope, inside, scoped, folded
// The tier, once per candidate: 0 inside the scope (or no scope asked), 3 of another
// organisation (never picked), shared vocabulary (no organisation) 1 when something inside the
// scope links to it (the O-LTF a zone represents itself at), else 2.
WITH n, matches, score, folded,
     CASE
       WHEN NOT scoped THEN 0
       WHEN any(o IN owns WHERE o IN inside) THEN 0
       WHEN size(owns) > 0 THEN 3
       WHEN scope IS NOT NULL AND EXISTS {
         MATCH (n)--(m)
         WHERE any(o IN COLLECT {
           MATCH (m)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation) RETURN own
         } WHERE o IN inside)
       } THEN 1
       ELSE 2
     END AS tier
WHERE 'id' IN matches OR tier < 3
WITH n, tier, score,
     CASE
       WHEN 'id' IN matches THEN 'id'
       WHEN 'exact' IN matches THEN 'exact'
       WHEN folded IN [x IN [n.name, n.abbreviation] + coalesce(n.aliases, []) WHERE x IS NOT NULL |
              reduce(acc = '', c IN split(normalize(toLower(x), NFD), '') |
                acc + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END)] THEN 'exact'
       ELSE 'fuzzy'
     END AS match
ORDER BY CASE match WHEN 'id' THEN 0 WHEN 'exact' THEN 1 ELSE 2 END, tier, score DESC, n.id
LIMIT 25
// Its organisation and the path of units between (top first), as search gives them: stored
// on the node by the loader (graph/cypher/place.cypher, docs/model.md "Placement").
RETURN n.id AS id, n.name AS name, n.kind AS kind, match, score,
       CASE WHEN match = 'id' THEN 0 ELSE tier END AS scope,
       CASE WHEN n.placed_org_id IS NULL THEN null ELSE {id: n.placed_org_id, name: n.placed_org_name} END AS organisation,
       coalesce(n.placed_path, []) AS path,
       n.abbreviation AS abbreviation, coalesce(n.aliases, []) AS aliases
ORDER BY CASE match WHEN 'id' THEN 0 WHEN 'exact' THEN 1 ELSE 2 END, scope, score DESC, id
