// name: terminate_tagged
// doc: Terminate the transactions whose metadata carries $tag under orggraph_request (an ad-hoc query given up at its client-side deadline must not run on in Neo4j). Changes no data: Neo4j runs it in a READ session.
// params: tag: str(64)
// returns: transaction_id: str, message: str
// mode: read
SHOW TRANSACTIONS YIELD transactionId, metaData
WHERE metaData.orggraph_request = $tag
TERMINATE TRANSACTIONS transactionId
YIELD transactionId AS transaction_id, message
RETURN transaction_id, message
