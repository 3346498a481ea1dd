// name: delete_staffing
// doc: Delete staffing figures a dataset owns and no longer states (with their HAS_STAFFING relationship).
// params: ids: list, dataset: str(200)
// returns: count: int
// mode: write
UNWIND $ids AS id
MATCH (s:Staffing {id: id})
WHERE s.dataset = $dataset
DETACH DELETE s
RETURN count(*) AS count
