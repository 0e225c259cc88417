-- The full current schema. migrations/ holds its history; test/workers/schema.test.ts fails when they drift.
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

-- The key gate of migration 0007: inserting a key id checks that the key is
-- active; stores nothing. No longer used (0010's key_gate replaced it); kept
-- until no deployed Worker uses it.
CREATE VIEW active_key_gate (key_id) AS SELECT NULL WHERE 0;

CREATE TRIGGER active_key_gate_check INSTEAD OF INSERT ON active_key_gate
WHEN NOT EXISTS (SELECT 1 FROM api_keys WHERE id = NEW.key_id AND revoked_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'api_key_inactive');
END;

-- The key gate of write batches (migration 0010, src/db/keyGate.ts): inserting
-- (key id, secret hash, permissions needed) aborts the batch unless the key is
-- active, has that secret and holds one of the permissions; stores nothing.
CREATE VIEW key_gate (key_id, secret_hash, any_of) AS SELECT NULL, NULL, NULL WHERE 0;

CREATE TRIGGER key_gate_check INSTEAD OF INSERT ON key_gate
BEGIN
  SELECT RAISE(ABORT, 'api_key_inactive')
   WHERE NOT EXISTS (SELECT 1 FROM api_keys
                      WHERE id = NEW.key_id AND revoked_at IS NULL AND secret_hash = NEW.secret_hash);
  SELECT RAISE(ABORT, 'api_key_lacks_permission')
   WHERE NOT EXISTS (SELECT 1 FROM api_keys AS k, json_each(k.permissions) AS held, json_each(NEW.any_of) AS needed
                      WHERE k.id = NEW.key_id AND held.value = needed.value);
END;

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

-- ---------------------------------------------------------------------------
-- 0003_customers: Sequence customers and customer organizations
-- ---------------------------------------------------------------------------
-- Sequence customers and customer organizations.
--
-- The organizations form a hierarchy: an organization's owner is the parent of
-- its members. The database keeps it a forest of trees on its own:
--   * a customer is a member of at most one organization (primary key of
--     customer_organization_members), so every customer has at most one parent;
--   * a member is never its organization's owner (CHECK), and never the owner
--     or an ancestor of the owner (trigger below), so no customer ends up under
--     itself, directly or through other organizations.
-- Every table carries workspace_id and every reference includes it, so no
-- organization can point at another workspace's customer.
-- Since 0011 (2024-07-30): email, contact_name, billing_emails and
-- customer_aliases moved to the contact and alias tables (0011 section
-- below); status and archived_at sit on updated_at's line, where ALTER TABLE
-- ADD COLUMN writes them.
CREATE TABLE customers (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  legal_name TEXT NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 500),
  address_line1 TEXT NOT NULL CHECK (length(address_line1) >= 1),
  address_line2 TEXT,
  address_town TEXT NOT NULL CHECK (length(address_town) >= 1),
  address_state TEXT,
  address_postcode TEXT NOT NULL CHECK (length(address_postcode) >= 1),
  -- ISO 3166-1 alpha-2; the API checks the code is assigned.
  address_country TEXT NOT NULL CHECK (length(address_country) = 2 AND address_country NOT GLOB '*[^A-Z]*'),
  telephone TEXT,
  url TEXT,
  label TEXT,
  tax_status TEXT NOT NULL CHECK (tax_status IN ('TAXED', 'TAX_EXEMPT', 'REVERSE_CHARGED')),
  integration_ids TEXT NOT NULL CHECK (json_valid(integration_ids) AND json_type(integration_ids) = 'array'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('DRAFT', 'ACTIVE')), archived_at TEXT,
  PRIMARY KEY (workspace_id, id)
) STRICT;
-- The list's filter and walks: legal name here; label, creation and legal-name
-- order without the archived customers in the 0011 section.
CREATE INDEX customers_by_legal_name ON customers (workspace_id, legal_name, id);

CREATE TABLE customer_organizations (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id),
  -- The target of the members' reference, which carries the owner along.
  UNIQUE (workspace_id, id, owner_id),
  FOREIGN KEY (workspace_id, owner_id) REFERENCES customers (workspace_id, id)
) STRICT;
CREATE INDEX customer_organizations_by_owner ON customer_organizations (workspace_id, owner_id, id);

-- One row per member: the edge owner_id (parent) -> customer_id (child).
CREATE TABLE customer_organization_members (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- A customer is a member of at most one organization.
  PRIMARY KEY (workspace_id, customer_id),
  CHECK (customer_id <> owner_id),
  FOREIGN KEY (workspace_id, organization_id, owner_id)
    REFERENCES customer_organizations (workspace_id, id, owner_id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
) STRICT;
CREATE INDEX customer_organization_members_by_organization
  ON customer_organization_members (workspace_id, organization_id);

-- No cycles: a new member must not be the owner or any ancestor of the owner.
-- The walk goes up from the owner through each customer's one parent.
CREATE TRIGGER customer_organization_members_acyclic
BEFORE INSERT ON customer_organization_members
WHEN EXISTS (
  WITH RECURSIVE above (customer_id) AS (
    SELECT NEW.owner_id
    UNION
    SELECT m.owner_id
      FROM customer_organization_members AS m
      JOIN above ON m.workspace_id = NEW.workspace_id AND m.customer_id = above.customer_id
  )
  SELECT 1 FROM above WHERE above.customer_id = NEW.customer_id
)
BEGIN
  SELECT RAISE(ABORT, 'customer_organization_cycle');
END;

-- Edges are inserted and deleted, never rewritten (a rewrite would bypass the cycle check).
CREATE TRIGGER customer_organization_members_immutable
BEFORE UPDATE ON customer_organization_members
BEGIN
  SELECT RAISE(ABORT, 'customer_organization_members rows are immutable');
END;

-- An organization's owner is fixed: the members' edges name it.
CREATE TRIGGER customer_organizations_owner_immutable
BEFORE UPDATE OF owner_id ON customer_organizations
BEGIN
  SELECT RAISE(ABORT, 'customer_organizations.owner_id is immutable');
END;

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
-- A user's seats across product codes (and the cascade's lookup on user
-- deletion). Migration 0006 made it cover every column (0004 had the first
-- two): only then does the planner prefer it to the primary key's prefix.
CREATE INDEX seat_assignments_by_user ON seat_assignments (workspace_id, user_id, product_code, assigned_at);

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

-- ---------------------------------------------------------------------------
-- 0006_scale_free_reads: row counts for users, customers and organizations;
-- a covering seat_assignments_by_user; the users_search trigram index
-- ---------------------------------------------------------------------------
-- Reads whose D1 cost does not grow with the table (issue 6's benchmark
-- found counts, a delete cascade and a substring search that read every
-- row of the workspace; D1 bills rows read).

-- Row counts (see 0005) for the users, customers and customer organizations
-- totals: Sendblue's /count and Sequence's totalResultSize read one row.
CREATE TRIGGER users_counted_insert AFTER INSERT ON users
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'users', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER users_counted_delete AFTER DELETE ON users
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'users';
END;

CREATE TRIGGER customers_counted_insert AFTER INSERT ON customers
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'customers', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER customers_counted_delete AFTER DELETE ON customers
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'customers';
END;

CREATE TRIGGER customer_organizations_counted_insert AFTER INSERT ON customer_organizations
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'customer_organizations', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER customer_organizations_counted_delete AFTER DELETE ON customer_organizations
BEGIN
  UPDATE row_counts SET row_count = row_count - 1
   WHERE workspace_id = OLD.workspace_id AND table_name = 'customer_organizations';
END;

-- (seat_assignments_by_user, recreated covering, is with its table above.)

-- (users_search, partitioned by workspace since 0008, is in that section below.)

-- ---------------------------------------------------------------------------
-- 0008_search_by_workspace, 0009_search_marks: the users_search trigram index,
-- partitioned by workspace and bounded by the workspace's mark
-- ---------------------------------------------------------------------------
-- Search partitioned by workspace (src/db/search/trigramIndex.ts). One FTS5 index
-- serves every workspace. An entry's rowid is the workspace's rowid in the
-- high 32 bits and the user's rowid in the low 32 bits, so a search starts at
-- its own workspace's range (rowid BETWEEN). Every indexed value starts with
-- the workspace's mark (three private use characters: one trigram whose
-- entries are exactly that workspace's), and a search matches
-- NEAR(mark phrase): FTS5 stops a NEAR group as soon as one of its trigrams
-- runs out, so a search also stops at the end of its workspace's range
-- (FTS5 tests a rowid upper bound only after a match).
--
-- Contentless (content = ''): the index keeps no text, and its rowids are
-- not those of users. A row leaves it through the 'delete' command with its
-- old values. A user removed by a workspace's cascade (the workspace row
-- already gone) leaves an entry outside every live workspace's range, which
-- no search reads.

CREATE VIEW search_partitions (workspace_id, low, high, mark) AS
SELECT id, rowid << 32, (rowid << 32) | 0xffffffff,
       char(0xf0000 + ((rowid >> 24) & 0xfff), 0xf0000 + ((rowid >> 12) & 0xfff), 0xf0000 + (rowid & 0xfff))
  FROM workspaces;

CREATE VIRTUAL TABLE users_search USING fts5(
  user_identity_key, email_address, phone_number, full_name,
  content = '', tokenize = 'trigram'
);

CREATE TRIGGER users_search_insert AFTER INSERT ON users
BEGIN
  INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT p.low | NEW.rowid, p.mark || NEW.user_identity_key, p.mark || NEW.email_address, p.mark || NEW.phone_number,
         p.mark || NEW.full_name
    FROM search_partitions AS p WHERE p.workspace_id = NEW.workspace_id;
END;

CREATE TRIGGER users_search_delete AFTER DELETE ON users
BEGIN
  INSERT INTO users_search (users_search, rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT 'delete', p.low | OLD.rowid, p.mark || OLD.user_identity_key, p.mark || OLD.email_address,
         p.mark || OLD.phone_number, p.mark || OLD.full_name
    FROM search_partitions AS p WHERE p.workspace_id = OLD.workspace_id;
END;

-- Only when a searched value really changed (BINARY: the email column is NOCASE).
CREATE TRIGGER users_search_update AFTER UPDATE OF user_identity_key, email_address, phone_number, full_name ON users
WHEN OLD.user_identity_key IS NOT NEW.user_identity_key
  OR OLD.email_address IS NOT NEW.email_address COLLATE BINARY
  OR OLD.phone_number IS NOT NEW.phone_number
  OR OLD.full_name IS NOT NEW.full_name
BEGIN
  INSERT INTO users_search (users_search, rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT 'delete', p.low | OLD.rowid, p.mark || OLD.user_identity_key, p.mark || OLD.email_address,
         p.mark || OLD.phone_number, p.mark || OLD.full_name
    FROM search_partitions AS p WHERE p.workspace_id = OLD.workspace_id;
  INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT p.low | NEW.rowid, p.mark || NEW.user_identity_key, p.mark || NEW.email_address, p.mark || NEW.phone_number,
         p.mark || NEW.full_name
    FROM search_partitions AS p WHERE p.workspace_id = NEW.workspace_id;
END;

-- ---------------------------------------------------------------------------
-- 0011_customers_2024_07_30: Sequence customers as API version 2024-07-30
-- defines them: contacts, aliases, custom properties, archiving
-- ---------------------------------------------------------------------------
-- Contacts. Every customer keeps at least one active PRIMARY contact (the
-- trigger below); a customer's contacts read back in the order written (rowid).
CREATE TABLE customer_contacts (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(name) >= 1),
  email TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 320),
  billing_preference TEXT NOT NULL CHECK (billing_preference IN ('PRIMARY', 'STANDARD', 'NONE')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX customer_contacts_by_customer ON customer_contacts (workspace_id, customer_id);
-- The customers list's email filter: customers with an active contact of that address.
CREATE INDEX customer_contacts_by_email ON customer_contacts (workspace_id, email, customer_id) WHERE archived_at IS NULL;

-- Demoting or archiving a customer's last active PRIMARY contact is refused.
-- (Replacing all contacts deletes them first: a delete is not checked.)
CREATE TRIGGER customer_contacts_keep_primary
AFTER UPDATE OF billing_preference, archived_at ON customer_contacts
WHEN OLD.billing_preference = 'PRIMARY' AND OLD.archived_at IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM customer_contacts
     WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id
       AND billing_preference = 'PRIMARY' AND archived_at IS NULL
  )
BEGIN
  SELECT RAISE(ABORT, 'customer_primary_contact_required');
END;

-- Aliases: an alias value names one customer of the workspace (seat events
-- name customers by alias), however many requests race for it.
CREATE TABLE customer_aliases (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
  label TEXT CHECK (length(label) >= 1),
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, value),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX customer_aliases_by_customer ON customer_aliases (workspace_id, customer_id);

CREATE TRIGGER customer_aliases_counted_insert AFTER INSERT ON customer_aliases
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'customer_aliases', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER customer_aliases_counted_delete AFTER DELETE ON customer_aliases
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'customer_aliases';
END;

-- Custom properties, string values. The value indexes serve
-- sortBy=customProperties.<key> (the customers having the key, in value
-- order); `archived` mirrors the customer's archivedAt (triggers below), so
-- the default list, which leaves archived customers out, walks its own index.
CREATE TABLE customer_properties (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  key TEXT NOT NULL CHECK (length(key) >= 1),
  value TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  PRIMARY KEY (workspace_id, customer_id, key),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_properties_by_value ON customer_properties (workspace_id, key, value, customer_id);
CREATE INDEX customer_properties_active_by_value ON customer_properties (workspace_id, key, value, customer_id) WHERE archived = 0;

-- A property row takes its customer's archived state when written, and follows it.
CREATE TRIGGER customer_properties_archived_insert AFTER INSERT ON customer_properties
WHEN EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id AND archived_at IS NOT NULL)
BEGIN
  UPDATE customer_properties SET archived = 1 WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND key = NEW.key;
END;

-- The workspace's distinct property keys with the number of customers that
-- have each (GET /customer-custom-property-keys reads one row per key).
CREATE TABLE customer_property_keys (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  customer_count INTEGER NOT NULL CHECK (customer_count > 0),
  PRIMARY KEY (workspace_id, key)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER customer_properties_key_counted_insert AFTER INSERT ON customer_properties
BEGIN
  INSERT INTO customer_property_keys (workspace_id, key, customer_count) VALUES (NEW.workspace_id, NEW.key, 1)
    ON CONFLICT (workspace_id, key) DO UPDATE SET customer_count = customer_count + 1;
END;

CREATE TRIGGER customer_properties_key_counted_delete AFTER DELETE ON customer_properties
BEGIN
  DELETE FROM customer_property_keys WHERE workspace_id = OLD.workspace_id AND key = OLD.key AND customer_count = 1;
  UPDATE customer_property_keys SET customer_count = customer_count - 1 WHERE workspace_id = OLD.workspace_id AND key = OLD.key;
END;

-- The list's walks (src/db/customerList.ts): creation order and legal-name
-- order without the archived customers (the default), and the label filter.
CREATE INDEX customers_active ON customers (workspace_id, id) WHERE archived_at IS NULL;
CREATE INDEX customers_active_by_legal_name ON customers (workspace_id, legal_name, id) WHERE archived_at IS NULL;
CREATE INDEX customers_by_label ON customers (workspace_id, label, id);

-- The archived customers per workspace (row_counts, 0005): the default
-- list's total is customers minus these, two rows read.
CREATE TRIGGER customers_archived_counted AFTER UPDATE OF archived_at ON customers
WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count)
  VALUES (NEW.workspace_id, 'customers_archived', CASE WHEN NEW.archived_at IS NULL THEN -1 ELSE 1 END)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + excluded.row_count;
END;

CREATE TRIGGER customers_archived_properties AFTER UPDATE OF archived_at ON customers
WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN
  UPDATE customer_properties SET archived = (NEW.archived_at IS NOT NULL) WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.id;
END;

CREATE TRIGGER customers_archived_counted_delete AFTER DELETE ON customers
WHEN OLD.archived_at IS NOT NULL
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'customers_archived';
END;


-- Idempotency-Key records (migration 0017, src/db/idempotency.ts): per
-- (workspace, SHA-256 of the key) for 24 hours, the first request's
-- fingerprint and, once answered, its encrypted answer; '' is the operator's
-- workspace. `outcome`: what a seat change did, from the seat object's batch.
CREATE TABLE idempotency_records (
  workspace_id TEXT NOT NULL,
  key_hash TEXT NOT NULL CHECK (length(key_hash) = 64),
  fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
  request_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  answer TEXT,
  outcome TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
  PRIMARY KEY (workspace_id, key_hash)
) STRICT;
CREATE INDEX idempotency_records_by_expiry ON idempotency_records (expires_at);

-- Claiming a key in a write batch: aborts the batch when a live record holds
-- it, else writes the record (replacing an expired one). Stores nothing itself.
CREATE VIEW idempotency_claim (workspace_id, key_hash, fingerprint, request_id, created_at, expires_at)
  AS SELECT NULL, NULL, NULL, NULL, NULL, NULL WHERE 0;

CREATE TRIGGER idempotency_claim_insert INSTEAD OF INSERT ON idempotency_claim
BEGIN
  SELECT RAISE(ABORT, 'idempotency_key_used')
   WHERE EXISTS (SELECT 1 FROM idempotency_records
                  WHERE workspace_id = NEW.workspace_id AND key_hash = NEW.key_hash AND expires_at > NEW.created_at);
  INSERT INTO idempotency_records (workspace_id, key_hash, fingerprint, request_id, created_at, expires_at)
  VALUES (NEW.workspace_id, NEW.key_hash, NEW.fingerprint, NEW.request_id, NEW.created_at, NEW.expires_at)
  ON CONFLICT (workspace_id, key_hash) DO UPDATE
     SET fingerprint = excluded.fingerprint, request_id = excluded.request_id, created_at = excluded.created_at,
         expires_at = excluded.expires_at, answer = NULL, outcome = NULL;
END;
