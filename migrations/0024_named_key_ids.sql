-- API key ids may be 64 hex digits (src/auth/keys.ts generateCredentials):
-- the workspace's 32, 16 random ones and a 16-digit tag, so that the Worker
-- can address a workspace's seat object for a key it has not seen without
-- asking D1 first (docs/key-check.md). Ids of 32 digits, every key minted
-- before, stay valid. SQLite cannot alter a CHECK: the table is rebuilt, rows
-- and index alike (no foreign key refers to it). The two key gates' triggers
-- read it: SQLite refuses the rename while they name a missing table, so they
-- are dropped first and made again after, unchanged (migrations 0007, 0010).
DROP TRIGGER active_key_gate_check;
DROP TRIGGER key_gate_check;

CREATE TABLE api_keys_0024 (
  id TEXT PRIMARY KEY CHECK (length(id) IN (32, 64)),
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  secret_hash TEXT NOT NULL CHECK (length(secret_hash) = 64),
  permissions TEXT NOT NULL CHECK (json_valid(permissions) AND json_type(permissions) = 'array'),
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
INSERT INTO api_keys_0024 (id, workspace_id, label, secret_hash, permissions, created_at, revoked_at)
SELECT id, workspace_id, label, secret_hash, permissions, created_at, revoked_at FROM api_keys;
DROP TABLE api_keys;
ALTER TABLE api_keys_0024 RENAME TO api_keys;
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id);

CREATE TRIGGER active_key_gate_check INSTEAD OF INSERT ON active_key_gate
WHEN NOT EXISTS (SELECT 1 FROM api_keys WHERE id = NEW.key_id AND revoked_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'api_key_inactive');
END;

CREATE TRIGGER key_gate_check INSTEAD OF INSERT ON key_gate
BEGIN
  SELECT RAISE(ABORT, 'api_key_inactive')
   WHERE NOT EXISTS (SELECT 1 FROM api_keys
                      WHERE id = NEW.key_id AND revoked_at IS NULL AND secret_hash = NEW.secret_hash);
  SELECT RAISE(ABORT, 'api_key_lacks_permission')
   WHERE NOT EXISTS (SELECT 1 FROM api_keys AS k, json_each(k.permissions) AS held, json_each(NEW.any_of) AS needed
                      WHERE k.id = NEW.key_id AND held.value = needed.value);
END;
