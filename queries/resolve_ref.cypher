// name: resolve_ref
// doc: Candidates for a reference typed by a person: the entity with that id, and entities whose name, abbreviation or an alias equals it ignoring case, accents, spaces and punctuation ('exact'), else the best full-text hits ('fuzzy'); queries.resolve picks one or explains.
// params: ref: str(200), kinds: list[str](20)?
// returns: id: str, name: str, kind: str, match: str, score: float
// mode: read
// Folding works word by word: the cost grows with the longest word of the (at most 200
// characters) input, where concatenating character by character over it all was quadratic.
WITH $ref AS ref,
     [t IN reduce(acc = [], w IN [w IN split(normalize(toLower(left($ref, 200)), NFD), ' ') WHERE w <> ''][..16] |
        acc + split(reduce(s = '', c IN split(w, '') |
          s + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c WHEN c =~ '\\p{M}' THEN '' ELSE ' ' END), ' '))
      WHERE t <> ''] AS words
WITH ref, reduce(acc = '', t IN words | acc + t) AS folded, [t IN words | left(t, 40)][..8] AS terms
CALL (ref, folded, terms) {
  MATCH (n:Entity {id: ref})
  RETURN n, 'id' AS match, 1000.0 AS score
  UNION
  MATCH (n:Entity {name: ref})
  RETURN n, 'exact' AS match, 500.0 AS score
  UNION
  WITH folded, terms,
       reduce(acc = '', t IN terms | acc + ' ' + t + '^3'
         + CASE WHEN size(t) >= 3 THEN ' ' + t + '*' ELSE '' END
         + CASE WHEN size(t) >= 5 THEN ' ' + t + '~1' ELSE '' END)
       + ' ' + folded + '^4'
       + CASE WHEN size(terms) > 1
           THEN ' "' + reduce(acc = '', t IN terms | acc + ' ' + t) + '"^5' ELSE '' END AS lucene
  WHERE size(terms) > 0
  CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: 100}) YIELD node AS n, score
  WITH n, score, folded,
       [x IN [n.name, n.abbreviation] + coalesce(n.aliases, []) WHERE x IS NOT NULL |
         reduce(acc = '', c IN split(normalize(toLower(x), NFD), '') |
           acc + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c ELSE '' END)] AS forms
  RETURN n, CASE WHEN folded IN forms THEN 'exact' ELSE 'fuzzy' END AS match, score
}
WITH n, match, score
WHERE $kinds IS NULL OR n.kind IN $kinds
WITH n, collect(match) AS matches, max(score) AS score
RETURN n.id AS id, n.name AS name, n.kind AS kind,
       CASE WHEN 'id' IN matches THEN 'id' WHEN 'exact' IN matches THEN 'exact' ELSE 'fuzzy' END AS match,
       score
ORDER BY CASE match WHEN 'id' THEN 0 WHEN 'exact' THEN 1 ELSE 2 END, score DESC, id
LIMIT 25
