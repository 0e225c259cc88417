-- People: one row per person. Seam calls it a user identity, Sendblue a seat,
-- Datadog names it in user_uuids. NULLs never collide in UNIQUE, so the three
-- optional identifiers are each unique per workspace only when given.
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
