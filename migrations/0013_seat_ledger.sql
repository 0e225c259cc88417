-- The seat ledger (docs/seat-ledger.md): every change of who holds a seat
-- of which product code, appended by triggers in the same statement as the
-- change, so that nothing that changes seat_assignments can leave it out:
-- the seat object's assign and unassign, and a user deletion's cascade.
-- Billing data: never updated or deleted (triggers below), except with its
-- workspace. `seq` numbers a workspace's entries from 1 in the order they
-- were written, and `at` never decreases with it, so a time range is a
-- range of seq.
CREATE TABLE seat_ledger (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  product_code TEXT NOT NULL,
  user_id TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('assigned', 'unassigned')),
  at TEXT NOT NULL,
  -- The write context's (0012): the request and API key that made the change.
  request_id TEXT,
  key_id TEXT,
  -- 'request', 'admin', 'user_deleted' (a user deletion's cascade, in the
  -- deleting request's context), 'migration' (seats held before 0013) or
  -- 'unattributed' (SQL run outside the API, with no write context).
  cause TEXT NOT NULL,
  PRIMARY KEY (workspace_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX seat_ledger_by_product_code ON seat_ledger (workspace_id, product_code, seq);
CREATE INDEX seat_ledger_by_user ON seat_ledger (workspace_id, user_id, seq);
CREATE INDEX seat_ledger_by_time ON seat_ledger (workspace_id, at, seq);

-- The seats held before the ledger existed: one entry each, in the order assigned.
INSERT INTO seat_ledger (workspace_id, seq, product_code, user_id, direction, at, request_id, key_id, cause)
SELECT workspace_id, row_number() OVER (PARTITION BY workspace_id ORDER BY assigned_at, product_code, user_id),
       product_code, user_id, 'assigned', assigned_at, NULL, NULL, 'migration'
  FROM seat_assignments;

CREATE TRIGGER seat_ledger_never_updated BEFORE UPDATE ON seat_ledger
BEGIN
  SELECT RAISE(ABORT, 'seat_ledger_append_only');
END;

-- Entries leave only with their workspace (its cascade runs once the workspace row is gone).
CREATE TRIGGER seat_ledger_never_deleted BEFORE DELETE ON seat_ledger
WHEN EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id)
BEGIN
  SELECT RAISE(ABORT, 'seat_ledger_append_only');
END;

CREATE TRIGGER seat_assignments_ledgered_on_insert AFTER INSERT ON seat_assignments
BEGIN
  INSERT INTO seat_ledger (workspace_id, seq, product_code, user_id, direction, at, request_id, key_id, cause)
  SELECT NEW.workspace_id, coalesce(last.seq, 0) + 1, NEW.product_code, NEW.user_id, 'assigned',
         max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(last.at, '')),
         (SELECT request_id FROM write_context), (SELECT key_id FROM write_context),
         coalesce((SELECT cause FROM write_context), 'unattributed')
    FROM (SELECT 1) LEFT JOIN (SELECT seq, at FROM seat_ledger WHERE workspace_id = NEW.workspace_id ORDER BY seq DESC LIMIT 1) AS last;
END;

-- Not when the workspace itself is being deleted: its ledger goes with it.
CREATE TRIGGER seat_assignments_ledgered_on_delete AFTER DELETE ON seat_assignments
WHEN EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id)
BEGIN
  INSERT INTO seat_ledger (workspace_id, seq, product_code, user_id, direction, at, request_id, key_id, cause)
  SELECT OLD.workspace_id, coalesce(last.seq, 0) + 1, OLD.product_code, OLD.user_id, 'unassigned',
         max(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), coalesce(last.at, '')),
         (SELECT request_id FROM write_context), (SELECT key_id FROM write_context),
         CASE WHEN NOT EXISTS (SELECT 1 FROM users WHERE workspace_id = OLD.workspace_id AND id = OLD.user_id) THEN 'user_deleted'
              ELSE coalesce((SELECT cause FROM write_context), 'unattributed') END
    FROM (SELECT 1) LEFT JOIN (SELECT seq, at FROM seat_ledger WHERE workspace_id = OLD.workspace_id ORDER BY seq DESC LIMIT 1) AS last;
END;
