// name: contact_for
// doc: Where a citizen (or colleague) goes for a task described in words: full-text search restricted to Task entities, then the units, posts and roles that PERFORM it or are RESPONSIBLE_FOR it (a role's post too), with their organisation; e.g. 'fietsdiefstal' → the Dienst Onthaal of zone 001. A vocabulary term the words match (a Domain or basic Functionality, named in Dutch and English, e.g. 'bicycle theft') also stands for the Dutch words it lists (name, aliases, props `terms`): tasks named with those follow the direct matches (`score` is then the task's match to the term's words), with the term as `via_term`. The words may also name whom one keeps contact with (a post, unit, role, organisation or partner body, e.g. 'federale dirco'): then the rows are who LIAISES_WITH it (either way), directly or through a role a post takes (`relation` LIAISES_WITH; `task_id`/`task_name` name the entity contacted), its named instances (INSTANCE_OF) included; such matches rank among the tasks by score. Each row says how it was found: `via` the steps from the row's entity ({type, from, to, quote, source}: TAKES_ROLE, PERFORMS/RESPONSIBLE_FOR/LIAISES_WITH, INSTANCE_OF), `via_text` in words ('direct (PERFORMS)', 'via rol Becor', 'via term Bicycle theft'). With `org`, only rows of that organisation (the membership rule of docs/model.md; a role when a post or unit of it takes the role).
// params: task: str(500), limit: int(1..100)?, as_of: date?, org: ref[Organisation]?
// returns: task_id: str, task_name: str, score: float, id: str, name: str, kind: str, relation: str, via_role: map, via_term: map, organisation: map, via: list, via_text: str, source: map
// mode: read
WITH coalesce($as_of, date()) AS d, coalesce($limit, 10) AS lim,
     [t IN reduce(acc = [], w IN [w IN split(normalize(toLower(left($task, 500)), NFD), ' ') WHERE w <> ''][..16] |
        acc + split(reduce(s = '', c IN split(left(w, 100), '') |
          s + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c WHEN c =~ '\\p{M}' THEN '' ELSE ' ' END), ' '))
      WHERE t <> '' | left(t, 40)][..8] AS terms
WHERE size(terms) > 0 AND lim > 0
WITH d, lim,
     reduce(acc = '', t IN terms | acc + ' ' + t + '^3'
       + CASE WHEN size(t) >= 3 THEN ' ' + t + '*' ELSE '' END
       + CASE WHEN size(t) >= 5 THEN ' ' + t + '~1' ELSE '' END)
     + CASE WHEN size(terms) > 1
         THEN ' "' + reduce(acc = '', t IN terms | acc + ' ' + t) + '"^5' ELSE '' END AS lucene
CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: 200}) YIELD node, score
WITH d, lim, collect({node: node, score: score}) AS hits
WITH d, lim, [h IN hits WHERE h.node:Task | {task: h.node, score: h.score, term: null}] AS direct,
     [h IN hits WHERE h.node:Domain OR h.node:Functionality] AS terms,
     [h IN hits WHERE h.node:Post OR h.node:Unit OR h.node:Role OR h.node:Organisation OR h.node:PartnerBody] AS others,
     hits
// Whom one keeps contact with: the entities (not tasks, not terms) that someone LIAISES_WITH
// and that match about as well as the best of those (and not far below the best hit of all:
// 'dirco' may name a post nobody is said to keep contact with first), ranked among the tasks by score.
WITH d, lim, terms, direct, hits, COLLECT {
       UNWIND others AS h
       WITH h, h.node AS n
       WHERE EXISTS { (n)-[:LIAISES_WITH]-() }
       RETURN h
     } AS liaised
WITH d, lim, terms, direct, [h IN liaised WHERE h.score >= 0.5 * liaised[0].score
                                 AND h.score >= 0.2 * hits[0].score
                               | {task: h.node, score: h.score, term: null}][..3] AS contacts
WITH d, lim, terms, COLLECT {
       UNWIND direct + contacts AS h
       RETURN h ORDER BY h.score DESC, h.task.id
     } AS direct
// Only terms that match about as well as the best one: 'hate crime' is not also 'cybercrime'.
WITH d, lim, direct,
     [h IN terms WHERE h.score >= 0.5 * terms[0].score | h.node][..3] AS vocab
// Each matched vocabulary term as one more full-text query: its forms folded to letters and
// digits like the input (so no stored text reaches Lucene syntax), a single word also as a
// prefix (Dutch compounds: verkeer → verkeerscontroles), several words as a phrase.
CALL (vocab, direct) {
  UNWIND vocab AS v
  WITH v, [form IN ([v.name, v.abbreviation] + coalesce(v.aliases, []) + coalesce(v.terms, []))[..24]
             WHERE form IS NOT NULL |
           [t IN split(reduce(acc = '', c IN split(normalize(toLower(form), NFD), '') |
              acc + CASE WHEN c =~ '[\\p{L}\\p{N}]' THEN c WHEN c =~ '\\p{M}' THEN '' ELSE ' ' END), ' ')
            WHERE t <> '' | left(t, 40)][..8]] AS forms
  WITH v, reduce(acc = '', w IN forms | acc + CASE
         WHEN size(w) = 0 THEN ''
         WHEN size(w) = 1 THEN ' ' + w[0] + '^2' + CASE WHEN size(w[0]) >= 4 THEN ' ' + w[0] + '*' ELSE '' END
         ELSE ' "' + reduce(p = '', t IN w | p + ' ' + t) + '"' END) AS lucene
  WHERE trim(lucene) <> ''
  CALL db.index.fulltext.queryNodes('entity_search', lucene, {limit: 50}) YIELD node, score
  WITH v, node, score
  WHERE node:Task AND NOT node IN [x IN direct | x.task]
  RETURN collect({task: node, score: score, term: v}) AS expanded
}
// Direct matches by score, then the tasks of each term (best term first), each task once.
WITH d, lim, reduce(acc = [], f IN direct + expanded |
       CASE WHEN f.task IN [a IN acc | a.task] THEN acc ELSE acc + [f] END) AS tasks
UNWIND range(0, size(tasks[..lim]) - 1) AS pos
WITH d, pos, tasks[pos].task AS task, tasks[pos].score AS score, tasks[pos].term AS term
// A contacted entity also stands for its named instances (the DirCo of a named arrondissement
// for the generic DirCo).
CALL (task) {
  RETURN task AS target, null AS inst
  UNION
  MATCH (target:Entity)-[inst:INSTANCE_OF]->(task)
  WHERE NOT task:Task
  RETURN target, inst
}
CALL (target) {
  MATCH (who:Unit|Post|Role)-[r:PERFORMS|RESPONSIBLE_FOR]->(target:Task)
  RETURN who, r, null AS role, [r] AS rels
  UNION
  MATCH (who:Post|Unit)-[tr:TAKES_ROLE]->(role:Role)-[r:PERFORMS|RESPONSIBLE_FOR]->(target:Task)
  RETURN who, r, role, [tr, r] AS rels
  UNION
  MATCH (who:Unit|Post|Role|Organisation|PartnerBody)-[r:LIAISES_WITH]-(target)
  WHERE NOT target:Task AND who <> target
  RETURN who, r, null AS role, [r] AS rels
  UNION
  MATCH (who:Post|Unit)-[tr:TAKES_ROLE]->(role:Role)-[r:LIAISES_WITH]-(target)
  WHERE NOT target:Task AND who <> target
  RETURN who, r, role, [tr, r] AS rels
}
WITH d, pos, task, score, term, who, r, role, CASE WHEN inst IS NULL THEN rels ELSE rels + [inst] END AS rels, inst, target
WHERE all(x IN rels WHERE x.status <> 'planned' AND (x.status <> 'historical' OR x.valid_to IS NOT NULL)
        AND (x.valid_from IS NULL OR x.valid_from <= d) AND (x.valid_to IS NULL OR x.valid_to >= d))
  AND who.status <> 'planned'
  // the membership rule of docs/model.md ("Organisation scope"): the row's entity is in $org
  // (a role when a post or unit of $org takes it)
  AND ($org IS NULL OR EXISTS {
    MATCH (scope:Entity {id: $org})
    MATCH (who)(()<-[:TAKES_ROLE]-()){0,1}((a)-[:PART_OF|LEADS|HOLDS]->(b) WHERE NOT a:Organisation){0,8}
          (own:Organisation)(()-[:PART_OF]->()){0,8}(scope)
  })
CALL (who) {
  OPTIONAL MATCH (who)
    ((x)-[h:PART_OF|LEADS|TAKES_ROLE]-(y) WHERE (type(h) IN ['PART_OF', 'LEADS'] AND startNode(h) = x)
                       OR (type(h) = 'TAKES_ROLE' AND endNode(h) = x)){0,8}
    (org:Organisation)
  WITH org, size(h) AS hops ORDER BY hops, org.id
  RETURN collect(org {.id, .name})[0] AS organisation
}
OPTIONAL MATCH (s:Source {id: r.source})
RETURN task.id AS task_id, task.name AS task_name, score, who.id AS id, who.name AS name,
       who.kind AS kind, type(r) AS relation,
       CASE WHEN role IS NULL THEN null ELSE role {.id, .name} END AS via_role,
       CASE WHEN term IS NULL THEN null ELSE term {.id, .name, .kind} END AS via_term,
       organisation,
       [x IN rels | {type: type(x), from: {id: startNode(x).id, name: startNode(x).name},
                     to: {id: endNode(x).id, name: endNode(x).name}, quote: x.quote, source: x.source}] AS via,
       CASE WHEN role IS NULL AND term IS NULL AND inst IS NULL THEN 'direct (' + type(r) + ')'
            ELSE substring(CASE WHEN role IS NULL THEN '' ELSE ', via rol ' + role.name
                 + CASE WHEN role.abbreviation IS NULL OR role.abbreviation = role.name THEN ''
                        ELSE ' (' + role.abbreviation + ')' END END
                         + CASE WHEN inst IS NULL THEN '' ELSE ', via instantie ' + target.name END
                         + CASE WHEN term IS NULL THEN '' ELSE ', via term ' + term.name END, 2) END AS via_text,
       {id: r.source, title: s.title, file: s.file, quote: r.quote, inferred: r.inferred, reason: r.reason} AS source
ORDER BY pos, relation DESC, name, id, via_role.id, source.quote
