// name: wipe
// doc: Delete every node and relationship (tests, benchmark); constraints and indexes stay.
// params: 
// returns: nothing
// mode: write
MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
