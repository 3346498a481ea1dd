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
// The scope, by the Entity.id index; a scoped lookup reads more full-text hits, because the
// scope filter below keeps only those inside the organisation.
OPTIONAL MATCH (scope:Entity {id: $org}) WHERE scope:Organisation
WITH ref, folded, terms, scope, $org IS NOT NULL AS scoped
CALL (ref, folded, terms, scoped) {
  MATCH (n:Entity {id: ref})
  RETURN n, 'id' AS match, 1000.0 AS score
  UNION
  MATCH (n:Entity {name: ref})
  RETURN n, 'exact' AS match, 500.0 AS score
  UNION
  WITH folded, terms, scoped,
       reduce(acc = '', t IN terms | acc + ' ' + t + '^3'
         + CASE WHEN size(t) >= 3 THEN ' ' + t + '*' ELSE '' END
         + CASE WHEN size(t) >= 5 THEN ' ' + t + '~1' ELSE '' END)
       + ' ' + folded + '^4'
       + CASE WHEN size(terms) > 1
           THEN ' "' + reduce(acc = '', t IN terms | acc + ' ' + t) + '"^5' ELSE '' END AS lucene
  WHERE size(terms) > 0
  CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: CASE WHEN scoped THEN 1000 ELSE 100 END})
    YIELD node AS n, score
  RETURN n, 'text' AS match, score
  UNION
  // A name, abbreviation or alias equal to the reference is one exact index term (the compact
  // form the loader adds to search_text), found whatever the phrase scores of longer names
  // ("Dienst Lokale recherche" many times over) push it down to.
  WITH folded WHERE folded <> ''
  CALL db.index.fulltext.queryNodes('entity_search', folded, {limit: 200})
    YIELD node AS n, score
  RETURN n, 'text' AS match, score
}
WITH n, match, score, scope, scoped, folded
WHERE $kinds IS NULL OR n.kind IN $kinds
// The membership rule of docs/model.md ("Organisation scope"): n is in the scope when the scope
// is n's own organisation (the first Organisation up PART_OF, LEADS, HOLDS) or above it by
// PART_OF. Checked upward from each candidate, into the scope node found by its index.
WITH n, match, score, folded,
     CASE
       WHEN NOT scoped THEN 0
       WHEN scope IS NOT NULL AND EXISTS {
         MATCH (n)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation)
               (()-[:PART_OF]->()){0,8}(scope)
       } THEN 0
       WHEN EXISTS {
         MATCH (n)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(:Organisation)
       } THEN 3
       // Shared vocabulary (no organisation): first what the scope links to (the O-LTF a zone
       // represents itself at), then the rest.
       WHEN scope IS NOT NULL AND EXISTS {
         MATCH (n)--(m)((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}(own:Organisation)
               (()-[:PART_OF]->()){0,8}(scope)
       } THEN 1
       ELSE 2
     END AS tier
WHERE match = 'id' OR tier < 3
WITH n, folded, min(tier) AS tier, collect(match) AS matches, max(score) AS score
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
RETURN n.id AS id, n.name AS name, n.kind AS kind, match, score,
       CASE WHEN match = 'id' THEN 0 ELSE tier END AS scope, organisation, path,
       n.abbreviation AS abbreviation, coalesce(n.aliases, []) AS aliases
ORDER BY CASE match WHEN 'id' THEN 0 WHEN 'exact' THEN 1 ELSE 2 END, scope, score DESC, id
