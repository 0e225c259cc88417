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

-- seats_held and max_seats (migration 0004) sit on updated_at's line because
-- that is where ALTER TABLE ADD COLUMN writes them: sqlite_master then reads
-- the same from this file as from migrations/.
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
  updated_at TEXT NOT NULL, seats_held INTEGER NOT NULL DEFAULT 0 CHECK (seats_held >= 0), max_seats INTEGER CHECK (max_seats >= 0 AND seats_held <= max_seats),
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

-- Seat assignments (Datadog), migration 0004. D1 holds the truth; the
-- SeatAssignments Durable Object of (workspace, product code) is the only
-- writer through the API. seat_metrics.seats_held counts them (triggers).
-- No duplicate holder (primary key); the user must exist in the same
-- workspace and takes their seats along when deleted; the product code must
-- be a seat type of the workspace. That FK is NO ACTION (checked at statement
-- end), not RESTRICT, so a workspace's cascade can remove both sides at once,
-- while deleting a metric that still has holders fails.
CREATE TABLE seat_assignments (
  workspace_id TEXT NOT NULL,
  product_code TEXT NOT NULL,
  user_id TEXT NOT NULL,
  assigned_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, product_code, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, product_code) REFERENCES seat_metrics (workspace_id, seat_type)
) STRICT, WITHOUT ROWID;
-- A user's seats across product codes (and the cascade's lookup on user deletion).
CREATE INDEX seat_assignments_by_user ON seat_assignments (workspace_id, user_id);

CREATE TRIGGER seat_assignments_counted_on_insert AFTER INSERT ON seat_assignments
BEGIN
  UPDATE seat_metrics SET seats_held = seats_held + 1
   WHERE workspace_id = NEW.workspace_id AND seat_type = NEW.product_code;
END;

CREATE TRIGGER seat_assignments_counted_on_delete AFTER DELETE ON seat_assignments
BEGIN
  UPDATE seat_metrics SET seats_held = seats_held - 1
   WHERE workspace_id = OLD.workspace_id AND seat_type = OLD.product_code;
END;
