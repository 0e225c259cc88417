-- Who is writing now, for triggers (src/db/writeContext.ts, docs/seat-ledger.md).
-- A D1 batch is one transaction and D1 runs one at a time, so this one-row
-- table names the writer of the transaction under way: a write batch starts
-- with INSERT OR REPLACE of its context (the DO's group commit: before each
-- operation's statements) and ends with DELETE, so the table is empty at
-- every commit and a batch without a context sees none. Triggers read it as
-- (SELECT request_id FROM write_context). It holds no tenant data, hence no
-- workspace_id.
CREATE TABLE write_context (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  request_id TEXT NOT NULL,
  -- The API key that signed the request; NULL for the operator (admin routes).
  key_id TEXT,
  -- Why: 'request' (a signed-in request) or 'admin'.
  cause TEXT NOT NULL
) STRICT;
