// name: bulk_await_indexes
// doc: Wait until every index is online (after load --initial the schema's indexes are populated from the imported store; the graph is ready to query once they are).
// params: seconds: int
// returns: nothing
// mode: schema
CALL db.awaitIndexes($seconds)
