// Schema version 3: staffing figures (:Staffing nodes, one per figure of a Unit, Post or Board).
// Loads MERGE them on their id ("<entity id>--staffing-<n>"); the constraint makes a duplicate an error.
CREATE CONSTRAINT staffing_id IF NOT EXISTS FOR (s:Staffing) REQUIRE s.id IS UNIQUE;
