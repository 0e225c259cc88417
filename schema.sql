-- The full current schema. migrations/ holds its history; test/schema.test.ts fails when they drift.
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  created_at TEXT NOT NULL
) STRICT;

-- The workspace's own key space: `workspace_id` doubles as the tenant of the row.
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY CHECK (length(id) = 32),
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  label TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  secret_hash TEXT NOT NULL CHECK (length(secret_hash) = 64),
  permissions TEXT NOT NULL CHECK (json_valid(permissions) AND json_type(permissions) = 'array'),
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX api_keys_by_workspace ON api_keys (workspace_id);

CREATE TABLE seat_metrics (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  seat_type TEXT NOT NULL CHECK (
    length(seat_type) BETWEEN 1 AND 100
    AND seat_type GLOB '[a-z]*'
    AND seat_type NOT GLOB '*[^a-z0-9_]*'
  ),
  label TEXT NOT NULL CHECK (length(label) >= 1),
  description TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, seat_type)
) STRICT;

-- People: one row per person (Seam user identity, Sendblue seat, Datadog user).
CREATE TABLE users (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  user_identity_key TEXT CHECK (length(user_identity_key) >= 1),
  email_address TEXT COLLATE NOCASE,
  phone_number TEXT CHECK (phone_number GLOB '+[1-9]*' AND length(phone_number) <= 16),
  full_name TEXT CHECK (length(full_name) >= 1),
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, user_identity_key),
  UNIQUE (workspace_id, email_address),
  UNIQUE (workspace_id, phone_number)
) STRICT;

-- Row counts per workspace, kept by triggers in the same statement as the write:
-- a list's total reads one row instead of COUNT(*) over the workspace (D1 bills rows read).
CREATE TABLE row_counts (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  table_name TEXT NOT NULL,
  row_count INTEGER NOT NULL CHECK (row_count >= 0),
  PRIMARY KEY (workspace_id, table_name)
) STRICT;

CREATE TRIGGER seat_metrics_counted_insert AFTER INSERT ON seat_metrics
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'seat_metrics', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER seat_metrics_counted_delete AFTER DELETE ON seat_metrics
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'seat_metrics';
END;
