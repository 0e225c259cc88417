-- Shaped like Seatkeeper's tables: tenant-first primary key, a unique column, STRICT.
CREATE TABLE items (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, email)
) STRICT;
