-- The full current schema. migrations/ holds its history; test/workers/schema.test.ts fails when they drift.
CREATE TABLE workspaces (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
  created_at TEXT NOT NULL
) STRICT;

-- The workspace's own key space: `workspace_id` doubles as the tenant of the row.
CREATE TABLE "api_keys" (
  id TEXT PRIMARY KEY CHECK (length(id) IN (32, 64)),
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

-- ---------------------------------------------------------------------------
-- 0012_write_context: who is writing now, for triggers
-- ---------------------------------------------------------------------------
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

-- ---------------------------------------------------------------------------
-- 0013_seat_ledger: every change of who holds a seat (the seats held
-- before 0013 were entered by the migration, cause 'migration')
-- ---------------------------------------------------------------------------
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

-- ---------------------------------------------------------------------------
-- 0014_seat_events_and_balances: people belong to customers; Sequence's
-- seat events and seat balances
-- ---------------------------------------------------------------------------
-- People belong to customers; Sequence's seat events and seat balances
-- (docs/seat-ledger.md). Everything here is kept by triggers in the same
-- statement as the change it follows, so that no writer (the seat object, a
-- user deletion's cascade, a link, an archive) can leave it behind:
--   seat_assignments, customer_users -> customer_seat_holdings (seats held
--   by a customer's users, per seat type) -> seat_events (Seatkeeper's own,
--   one per customer, seat type and write context) -> seat_balances (the
--   latest current event per customer and seat type) ->
--   customer_seat_summaries (per customer: its total, users, last change).
-- Balances are never computed by scanning the ledger or the assignments.

-- A user (Seam user identity, Sendblue seat) belongs to at most one customer.
CREATE TABLE customer_users (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_users_by_customer ON customer_users (workspace_id, customer_id, user_id);

-- Seats of each type held by the users of each customer.
CREATE TABLE customer_seat_holdings (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  held INTEGER NOT NULL CHECK (held >= 0),
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

-- Sequence seat events: posted (source 'api') or recorded by Seatkeeper when
-- a customer's holdings change (source 'seatkeeper'). `seq` numbers a
-- workspace's events in the order recorded (sortBy=createdAt). An event
-- superseded by a later one of the same customer_event_id names it in
-- superseded_by; only current events are listed and count in balances.
CREATE TABLE seat_events (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  -- The customer customer_alias named when the event was recorded.
  customer_id TEXT NOT NULL,
  customer_alias TEXT NOT NULL,
  customer_event_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  -- ISO 8601 in UTC with milliseconds: they sort as text.
  event_timestamp TEXT NOT NULL,
  total INTEGER NOT NULL CHECK (total >= 0),
  source TEXT NOT NULL CHECK (source IN ('api', 'seatkeeper')),
  superseded_by TEXT,
  -- The write context's (0012).
  request_id TEXT,
  key_id TEXT,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, seq),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
-- One current event per customer event id; the list's walks and filters.
CREATE UNIQUE INDEX seat_events_current_by_customer_event_id ON seat_events (workspace_id, customer_event_id) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current ON seat_events (workspace_id, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_time ON seat_events (workspace_id, event_timestamp, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_customer ON seat_events (workspace_id, customer_id, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_seat_type ON seat_events (workspace_id, seat_type, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_alias ON seat_events (workspace_id, customer_alias, seq) WHERE superseded_by IS NULL;
-- A balance is its pair's latest current event (and at=T the latest up to T): one seek.
CREATE INDEX seat_events_current_by_pair ON seat_events (workspace_id, customer_id, seat_type, event_timestamp, seq)
  WHERE superseded_by IS NULL;

-- The event a write context recorded for a customer and seat type, so that
-- its later changes in the same context update that event instead of adding
-- one per seat: emptied whenever a context starts or ends.
CREATE TABLE seat_event_marks (
  workspace_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

-- Per customer and seat type: the latest current event's total and time.
CREATE TABLE seat_balances (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  total INTEGER NOT NULL,
  change_timestamp TEXT NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

-- Per customer: its linked users, the sum of its balances and their latest change.
CREATE TABLE customer_seat_summaries (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  users INTEGER NOT NULL CHECK (users >= 0),
  total INTEGER NOT NULL,
  change_timestamp TEXT,
  PRIMARY KEY (workspace_id, customer_id)
) STRICT, WITHOUT ROWID;
-- excludeZeroQuantity=true walks the customers with seats.
CREATE INDEX customer_seat_summaries_with_seats ON customer_seat_summaries (workspace_id, customer_id) WHERE total <> 0;

CREATE TRIGGER write_context_set_unmarks AFTER INSERT ON write_context
BEGIN
  DELETE FROM seat_event_marks;
END;

CREATE TRIGGER write_context_cleared_unmarks AFTER DELETE ON write_context
BEGIN
  DELETE FROM seat_event_marks;
END;

-- Links: only to a customer that is not archived; never rewritten (unlink, then link).
CREATE TRIGGER customer_users_to_active_customers BEFORE INSERT ON customer_users
WHEN EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id AND archived_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'customer_archived');
END;

CREATE TRIGGER customer_users_immutable BEFORE UPDATE ON customer_users
BEGIN
  SELECT RAISE(ABORT, 'customer_users rows are immutable');
END;

-- A linked user's seats count for the customer from now on.
CREATE TRIGGER customer_users_linked AFTER INSERT ON customer_users
BEGIN
  INSERT INTO customer_seat_summaries (workspace_id, customer_id, users, total, change_timestamp)
  VALUES (NEW.workspace_id, NEW.customer_id, 1, 0, NULL)
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET users = users + 1;
  INSERT INTO customer_seat_holdings (workspace_id, customer_id, seat_type, held)
  SELECT NEW.workspace_id, NEW.customer_id, a.product_code, 0
    FROM seat_assignments AS a WHERE a.workspace_id = NEW.workspace_id AND a.user_id = NEW.user_id
    ON CONFLICT (workspace_id, customer_id, seat_type) DO NOTHING;
  UPDATE customer_seat_holdings SET held = held + 1
   WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id
     AND seat_type IN (SELECT product_code FROM seat_assignments WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id);
END;

-- An unlinked (or deleted) user's seats stop counting. When a user deletion
-- removes this row before the user's seats, their seats are subtracted
-- here and the seats' own triggers find no link; otherwise the seats went
-- first and none are left to subtract.
CREATE TRIGGER customer_users_unlinked AFTER DELETE ON customer_users
BEGIN
  UPDATE customer_seat_summaries SET users = users - 1 WHERE workspace_id = OLD.workspace_id AND customer_id = OLD.customer_id;
  UPDATE customer_seat_holdings SET held = held - 1
   WHERE workspace_id = OLD.workspace_id AND customer_id = OLD.customer_id
     AND seat_type IN (SELECT product_code FROM seat_assignments WHERE workspace_id = OLD.workspace_id AND user_id = OLD.user_id);
END;

CREATE TRIGGER seat_assignments_held_on_insert AFTER INSERT ON seat_assignments
BEGIN
  INSERT INTO customer_seat_holdings (workspace_id, customer_id, seat_type, held)
  SELECT l.workspace_id, l.customer_id, NEW.product_code, 0
    FROM customer_users AS l WHERE l.workspace_id = NEW.workspace_id AND l.user_id = NEW.user_id
    ON CONFLICT (workspace_id, customer_id, seat_type) DO NOTHING;
  UPDATE customer_seat_holdings SET held = held + 1
   WHERE workspace_id = NEW.workspace_id AND seat_type = NEW.product_code
     AND customer_id = (SELECT customer_id FROM customer_users WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id);
END;

CREATE TRIGGER seat_assignments_held_on_delete AFTER DELETE ON seat_assignments
BEGIN
  UPDATE customer_seat_holdings SET held = held - 1
   WHERE workspace_id = OLD.workspace_id AND seat_type = OLD.product_code
     AND customer_id = (SELECT customer_id FROM customer_users WHERE workspace_id = OLD.workspace_id AND user_id = OLD.user_id);
END;

-- Seatkeeper's own seat event: the customer's new total for the seat type.
-- Within one write context the first change records the event and later
-- ones update its total and time; without a context each change is an
-- event. Not while the customer (or its workspace) is being deleted.
CREATE TRIGGER customer_seat_holdings_evented AFTER UPDATE OF held ON customer_seat_holdings
WHEN OLD.held <> NEW.held AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id)
BEGIN
  INSERT INTO seat_event_marks (workspace_id, customer_id, seat_type, event_id)
  SELECT NEW.workspace_id, NEW.customer_id, NEW.seat_type,
         lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
               substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
   WHERE EXISTS (SELECT 1 FROM write_context)
    ON CONFLICT (workspace_id, customer_id, seat_type) DO NOTHING;
  INSERT INTO seat_events (workspace_id, id, seq, customer_id, customer_alias, customer_event_id, seat_type,
                           event_timestamp, total, source, request_id, key_id)
  SELECT NEW.workspace_id, e.id, (SELECT coalesce(max(seq), 0) + 1 FROM seat_events WHERE workspace_id = NEW.workspace_id),
         NEW.customer_id, NEW.customer_id, e.id, NEW.seat_type, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.held, 'seatkeeper',
         (SELECT request_id FROM write_context), (SELECT key_id FROM write_context)
    FROM (SELECT coalesce(
            (SELECT event_id FROM seat_event_marks
              WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND seat_type = NEW.seat_type),
            lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
                  substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
          ) AS id) AS e
   WHERE true
    ON CONFLICT (workspace_id, id) DO UPDATE SET total = excluded.total, event_timestamp = excluded.event_timestamp;
END;

-- An event keeps what it says; only a superseding event (superseded_by) and,
-- within its own write context, Seatkeeper's coalescing (total, time) change it.
CREATE TRIGGER seat_events_fixed BEFORE UPDATE OF workspace_id, id, seq, customer_id, customer_alias, customer_event_id,
  seat_type, source, request_id, key_id ON seat_events
BEGIN
  SELECT RAISE(ABORT, 'seat_events rows are immutable');
END;

-- The balance of a customer and seat type: its latest current event by
-- eventTimestamp (the later recorded on a tie), or 0 once none is left.
CREATE TRIGGER seat_events_balanced_on_insert AFTER INSERT ON seat_events
BEGIN
  INSERT INTO seat_balances (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, NEW.customer_id, NEW.seat_type, coalesce(latest.total, 0),
         coalesce(latest.event_timestamp, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    FROM (SELECT 1) LEFT JOIN (
      SELECT total, event_timestamp FROM seat_events
       WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND seat_type = NEW.seat_type AND superseded_by IS NULL
       ORDER BY event_timestamp DESC, seq DESC LIMIT 1) AS latest
   WHERE true
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = excluded.total, change_timestamp = excluded.change_timestamp;
END;

-- And after a change of an event's total, time or currency (its customer and seat type never change).
CREATE TRIGGER seat_events_balanced_on_update AFTER UPDATE OF total, event_timestamp, superseded_by ON seat_events
BEGIN
  INSERT INTO seat_balances (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, NEW.customer_id, NEW.seat_type, coalesce(latest.total, 0),
         coalesce(latest.event_timestamp, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    FROM (SELECT 1) LEFT JOIN (
      SELECT total, event_timestamp FROM seat_events
       WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND seat_type = NEW.seat_type AND superseded_by IS NULL
       ORDER BY event_timestamp DESC, seq DESC LIMIT 1) AS latest
   WHERE true
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = excluded.total, change_timestamp = excluded.change_timestamp;
END;

-- A customer's total and last change: its balances summed (one row per seat type).
CREATE TRIGGER seat_balances_summed_on_insert AFTER INSERT ON seat_balances
BEGIN
  INSERT INTO customer_seat_summaries (workspace_id, customer_id, users, total, change_timestamp)
  SELECT NEW.workspace_id, NEW.customer_id, 0, sum(b.total), max(b.change_timestamp)
    FROM seat_balances AS b WHERE b.workspace_id = NEW.workspace_id AND b.customer_id = NEW.customer_id
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET total = excluded.total, change_timestamp = excluded.change_timestamp;
END;

CREATE TRIGGER seat_balances_summed_on_update AFTER UPDATE ON seat_balances
BEGIN
  UPDATE customer_seat_summaries
     SET (total, change_timestamp) = (SELECT sum(b.total), max(b.change_timestamp) FROM seat_balances AS b
                                       WHERE b.workspace_id = NEW.workspace_id AND b.customer_id = NEW.customer_id)
   WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id;
END;

-- The customers with seats per workspace (row_counts, 0005): excludeZeroQuantity's total reads one row.
CREATE TRIGGER customer_seat_summaries_counted_insert AFTER INSERT ON customer_seat_summaries
WHEN NEW.total <> 0
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'customers_with_seats', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

-- (A CHECK holds for the row an upsert proposes, before its conflict: so -1 is an UPDATE.)
CREATE TRIGGER customer_seat_summaries_counted_update AFTER UPDATE OF total ON customer_seat_summaries
WHEN (OLD.total <> 0) <> (NEW.total <> 0)
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count)
  SELECT NEW.workspace_id, 'customers_with_seats', 1 WHERE NEW.total <> 0
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
  UPDATE row_counts SET row_count = row_count - 1
   WHERE NEW.total = 0 AND workspace_id = NEW.workspace_id AND table_name = 'customers_with_seats';
END;

CREATE TRIGGER customer_seat_summaries_counted_delete AFTER DELETE ON customer_seat_summaries
WHEN OLD.total <> 0
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'customers_with_seats';
END;

-- Archiving a customer unlinks its users: their seats stay theirs and leave
-- the customer's count (Seatkeeper records its totals falling to 0).
CREATE TRIGGER customers_archived_unlink_users AFTER UPDATE OF archived_at ON customers
WHEN OLD.archived_at IS NULL AND NEW.archived_at IS NOT NULL
BEGIN
  -- By user id: a DELETE of this WITHOUT ROWID table by customer alone walks its primary key (every link of the workspace).
  DELETE FROM customer_users
   WHERE workspace_id = NEW.workspace_id
     AND user_id IN (SELECT user_id FROM customer_users WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.id);
END;

-- The current seat events per workspace (row_counts, 0005): the unfiltered list's total reads one row.
CREATE TRIGGER seat_events_counted_insert AFTER INSERT ON seat_events
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'seat_events', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER seat_events_counted_supersede AFTER UPDATE OF superseded_by ON seat_events
WHEN OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = NEW.workspace_id AND table_name = 'seat_events';
END;

-- Balances that include the customer hierarchy (balances with
-- includeMembers=true): per customer and seat type, the sum of the balances
-- of the customer and of every customer below it (members of organizations
-- it owns, and theirs). Kept as balances change and as members join and
-- leave, along the one path up from the changed customer (each customer
-- has at most one parent, 0003), so a read is one row per seat type.
CREATE TABLE customer_seat_rollups (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  total INTEGER NOT NULL,
  change_timestamp TEXT NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER seat_balances_rolled_up_on_insert AFTER INSERT ON seat_balances
BEGIN
  INSERT INTO customer_seat_rollups (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, up.customer_id, NEW.seat_type, NEW.total, NEW.change_timestamp
    FROM (WITH RECURSIVE up (customer_id) AS (
            SELECT NEW.customer_id
            UNION ALL
            SELECT m.owner_id FROM customer_organization_members AS m
              JOIN up ON m.workspace_id = NEW.workspace_id AND m.customer_id = up.customer_id)
          SELECT customer_id FROM up) AS up
   WHERE true
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = total + excluded.total, change_timestamp = max(change_timestamp, excluded.change_timestamp);
END;

CREATE TRIGGER seat_balances_rolled_up_on_update AFTER UPDATE ON seat_balances
BEGIN
  UPDATE customer_seat_rollups
     SET total = total + NEW.total - OLD.total, change_timestamp = max(change_timestamp, NEW.change_timestamp)
   WHERE workspace_id = NEW.workspace_id AND seat_type = NEW.seat_type
     AND customer_id IN (
       WITH RECURSIVE up (customer_id) AS (
         SELECT NEW.customer_id
         UNION ALL
         SELECT m.owner_id FROM customer_organization_members AS m
           JOIN up ON m.workspace_id = NEW.workspace_id AND m.customer_id = up.customer_id)
       SELECT customer_id FROM up);
END;

-- A member joining brings its own rollup to its new owner and the owner's ancestors.
CREATE TRIGGER customer_organization_members_rolled_up_on_insert AFTER INSERT ON customer_organization_members
BEGIN
  INSERT INTO customer_seat_rollups (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, up.customer_id, r.seat_type, r.total, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (WITH RECURSIVE up (customer_id) AS (
            SELECT NEW.owner_id
            UNION ALL
            SELECT m.owner_id FROM customer_organization_members AS m
              JOIN up ON m.workspace_id = NEW.workspace_id AND m.customer_id = up.customer_id)
          SELECT customer_id FROM up) AS up
   CROSS JOIN customer_seat_rollups AS r
   WHERE r.workspace_id = NEW.workspace_id AND r.customer_id = NEW.customer_id
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = total + excluded.total, change_timestamp = excluded.change_timestamp;
END;

-- ... and leaving takes it away (not while the workspace is being deleted).
CREATE TRIGGER customer_organization_members_rolled_up_on_delete AFTER DELETE ON customer_organization_members
WHEN EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id)
BEGIN
  UPDATE customer_seat_rollups
     SET total = total - coalesce((SELECT r.total FROM customer_seat_rollups AS r
                                    WHERE r.workspace_id = OLD.workspace_id AND r.customer_id = OLD.customer_id
                                      AND r.seat_type = customer_seat_rollups.seat_type), 0),
         change_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   WHERE workspace_id = OLD.workspace_id
     AND seat_type IN (SELECT seat_type FROM customer_seat_rollups WHERE workspace_id = OLD.workspace_id AND customer_id = OLD.customer_id)
     AND customer_id IN (
       WITH RECURSIVE up (customer_id) AS (
         SELECT OLD.owner_id
         UNION ALL
         SELECT m.owner_id FROM customer_organization_members AS m
           JOIN up ON m.workspace_id = OLD.workspace_id AND m.customer_id = up.customer_id)
       SELECT customer_id FROM up);
END;

-- ---------------------------------------------------------------------------
-- 0017_idempotency: Idempotency-Key records (issue 19)
-- ---------------------------------------------------------------------------
-- Idempotency-Key records (src/db/idempotency.ts): per
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

-- 0020_events: the events outbox (issue 20), recorded by triggers
-- ---------------------------------------------------------------------------
-- The events outbox (docs/events-and-webhooks.md): every change of a
-- resource recorded by triggers in the same transaction as the change, so
-- an event is never lost and never invented when the change rolls back, and
-- cascades (a user deletion's seats) emit too. The resource travels as raw
-- columns (`snapshot`, JSON); the Worker renders it with the resource's own
-- wire mapper (src/events/render.ts), so no wire shape is written in SQL.
--
-- Events are recorded for writes in a write context (0012): every write
-- through the API has one. A create or update records the event with an
-- empty snapshot; the snapshot is taken when the context ends (or the next
-- one starts), so it shows the resource as the transaction left it, its
-- contacts, properties and members included, and one request's several
-- changes of one resource are one event. A deletion's snapshot is taken as
-- the row goes. `seq` orders all events as written (the feed's cursor).
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  -- user_identity, seat_metric, customer, customer_organization, seat, seat_balance.
  resource_kind TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  -- The request that caused it; NULL for a cascade (a user deletion's seats).
  request_id TEXT,
  -- NULL only inside the transaction that records it (see above).
  snapshot TEXT CHECK (snapshot IS NULL OR json_valid(snapshot))
) STRICT;
CREATE INDEX events_by_workspace ON events (workspace_id, seq);
CREATE INDEX events_by_type ON events (workspace_id, type, seq);
CREATE INDEX events_by_resource ON events (workspace_id, resource_kind, resource_id, seq);
CREATE INDEX events_by_time ON events (occurred_at);
CREATE INDEX events_unsnapshotted ON events (seq) WHERE snapshot IS NULL;

-- Each resource's raw columns as its db module's row type names them
-- (src/events/render.ts reads them): one view per kind, each a plain select
-- of its table, so a lookup by (workspace_id, id) is one index seek.
CREATE VIEW user_identity_snapshots AS
SELECT u.workspace_id, u.id,
       json_object('id', u.id, 'workspace_id', u.workspace_id, 'user_identity_key', u.user_identity_key,
                   'email_address', u.email_address, 'phone_number', u.phone_number, 'full_name', u.full_name,
                   'created_at', u.created_at) AS snapshot
  FROM users AS u;

CREATE VIEW seat_metric_snapshots AS
SELECT m.workspace_id, m.id,
       json_object('id', m.id, 'workspace_id', m.workspace_id, 'seat_type', m.seat_type, 'label', m.label,
                   'description', m.description, 'created_by', m.created_by, 'created_at', m.created_at,
                   'updated_at', m.updated_at, 'max_seats', m.max_seats, 'seats_held', m.seats_held) AS snapshot
  FROM seat_metrics AS m;

-- An organization as src/db/organizations.ts's CustomerOrganization: owner and members (joining order) with their names.
CREATE VIEW customer_organization_snapshots AS
SELECT o.workspace_id, o.id,
       json_object('id', o.id,
                   'owner', json_object('id', o.owner_id, 'name', (SELECT legal_name FROM customers WHERE workspace_id = o.workspace_id AND id = o.owner_id)),
                   'members', json((SELECT json_group_array(json_object('id', m.customer_id, 'name', m.name))
                                      FROM (SELECT cm.customer_id, c.legal_name AS name FROM customer_organization_members AS cm
                                              JOIN customers AS c ON c.workspace_id = cm.workspace_id AND c.id = cm.customer_id
                                             WHERE cm.workspace_id = o.workspace_id AND cm.organization_id = o.id ORDER BY cm.rowid) AS m))) AS snapshot
  FROM customer_organizations AS o;

-- A customer with its custom properties, contacts (in the order written) and organizations (creation order).
CREATE VIEW customer_snapshots AS
SELECT c.workspace_id, c.id,
       json_object('id', c.id, 'workspace_id', c.workspace_id, 'legal_name', c.legal_name,
                   'address_line1', c.address_line1, 'address_line2', c.address_line2, 'address_town', c.address_town,
                   'address_state', c.address_state, 'address_postcode', c.address_postcode,
                   'address_country', c.address_country, 'url', c.url, 'label', c.label, 'tax_status', c.tax_status,
                   'integration_ids', c.integration_ids, 'status', c.status, 'telephone', c.telephone,
                   'custom_properties', (SELECT json_group_object(p.key, p.value) FROM customer_properties AS p
                                          WHERE p.workspace_id = c.workspace_id AND p.customer_id = c.id),
                   'created_at', c.created_at, 'updated_at', c.updated_at, 'archived_at', c.archived_at,
                   'contacts', json((SELECT json_group_array(json_object('id', k.id, 'customer_id', k.customer_id,
                                       'name', k.name, 'email', k.email, 'billing_preference', k.billing_preference,
                                       'created_at', k.created_at, 'updated_at', k.updated_at, 'archived_at', k.archived_at))
                                       FROM (SELECT * FROM customer_contacts WHERE workspace_id = c.workspace_id
                                                AND customer_id = c.id ORDER BY rowid) AS k)),
                   'organizations', json((SELECT json_group_array(json(s.snapshot))
                                            FROM (SELECT snapshot FROM customer_organization_snapshots
                                                   WHERE workspace_id = c.workspace_id AND id IN (
                                                     SELECT id FROM customer_organizations WHERE workspace_id = c.workspace_id AND owner_id = c.id
                                                     UNION ALL SELECT organization_id FROM customer_organization_members
                                                                WHERE workspace_id = c.workspace_id AND customer_id = c.id)
                                                   ORDER BY id) AS s))) AS snapshot
  FROM customers AS c;

-- The context's created and updated resources as the transaction leaves them: when it ends, or the next starts.
CREATE TRIGGER write_context_set_snapshots AFTER INSERT ON write_context
BEGIN
  UPDATE events SET snapshot = CASE resource_kind
    WHEN 'user_identity' THEN (SELECT snapshot FROM user_identity_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
    WHEN 'seat_metric' THEN (SELECT snapshot FROM seat_metric_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
    WHEN 'customer' THEN (SELECT snapshot FROM customer_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
    WHEN 'customer_organization' THEN (SELECT snapshot FROM customer_organization_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
  END
  WHERE snapshot IS NULL;
  -- Created and gone in the same transaction: nothing to tell.
  DELETE FROM events WHERE snapshot IS NULL;
END;

CREATE TRIGGER write_context_cleared_snapshots BEFORE DELETE ON write_context
BEGIN
  UPDATE events SET snapshot = CASE resource_kind
    WHEN 'user_identity' THEN (SELECT snapshot FROM user_identity_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
    WHEN 'seat_metric' THEN (SELECT snapshot FROM seat_metric_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
    WHEN 'customer' THEN (SELECT snapshot FROM customer_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
    WHEN 'customer_organization' THEN (SELECT snapshot FROM customer_organization_snapshots WHERE workspace_id = events.workspace_id AND id = events.resource_id)
  END
  WHERE snapshot IS NULL;
  -- Created and gone in the same transaction: nothing to tell.
  DELETE FROM events WHERE snapshot IS NULL;
END;

-- Recording. A create or update adds an event without a snapshot unless the
-- resource already has one waiting in this transaction (one event per
-- resource per request: a created customer's contacts are part of
-- customer.created). A deletion drops the waiting one and takes its
-- snapshot before the row goes. Not while the workspace itself is deleted.
CREATE TRIGGER users_evented_on_insert AFTER INSERT ON users
WHEN EXISTS (SELECT 1 FROM write_context)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'user_identity.created', 'user_identity', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'user_identity' AND resource_id = NEW.id);
END;
-- Only when a field changes (migration 0027); the email compares as bytes.
CREATE TRIGGER users_evented_on_update AFTER UPDATE ON users
WHEN EXISTS (SELECT 1 FROM write_context)
 AND (OLD.user_identity_key, OLD.email_address COLLATE BINARY, OLD.phone_number, OLD.full_name)
     IS NOT (NEW.user_identity_key, NEW.email_address, NEW.phone_number, NEW.full_name)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'user_identity.updated', 'user_identity', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'user_identity' AND resource_id = NEW.id);
END;
CREATE TRIGGER users_evented_on_delete BEFORE DELETE ON users
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id)
BEGIN
  DELETE FROM events WHERE snapshot IS NULL AND workspace_id = OLD.workspace_id AND resource_kind = 'user_identity' AND resource_id = OLD.id;
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id, snapshot)
  SELECT 'evt_' || lower(hex(randomblob(16))), OLD.workspace_id, 'user_identity.deleted', 'user_identity', OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context), s.snapshot
    FROM user_identity_snapshots AS s WHERE s.workspace_id = OLD.workspace_id AND s.id = OLD.id;
END;
CREATE TRIGGER seat_metrics_evented_on_insert AFTER INSERT ON seat_metrics
WHEN EXISTS (SELECT 1 FROM write_context)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'seat_metric.created', 'seat_metric', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'seat_metric' AND resource_id = NEW.id);
END;
-- seats_held moves with every seat (the seat events tell those): only the metric's own fields.
CREATE TRIGGER seat_metrics_evented_on_update AFTER UPDATE ON seat_metrics
WHEN EXISTS (SELECT 1 FROM write_context) AND (OLD.seat_type, OLD.label, OLD.description, OLD.max_seats, OLD.updated_at) IS NOT (NEW.seat_type, NEW.label, NEW.description, NEW.max_seats, NEW.updated_at)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'seat_metric.updated', 'seat_metric', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'seat_metric' AND resource_id = NEW.id);
END;
CREATE TRIGGER seat_metrics_evented_on_delete BEFORE DELETE ON seat_metrics
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id)
BEGIN
  DELETE FROM events WHERE snapshot IS NULL AND workspace_id = OLD.workspace_id AND resource_kind = 'seat_metric' AND resource_id = OLD.id;
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id, snapshot)
  SELECT 'evt_' || lower(hex(randomblob(16))), OLD.workspace_id, 'seat_metric.deleted', 'seat_metric', OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context), s.snapshot
    FROM seat_metric_snapshots AS s WHERE s.workspace_id = OLD.workspace_id AND s.id = OLD.id;
END;
CREATE TRIGGER customers_evented_on_insert AFTER INSERT ON customers
WHEN EXISTS (SELECT 1 FROM write_context)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer.created', 'customer', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer' AND resource_id = NEW.id);
END;
-- Archiving is its own event; a change waiting in the same request becomes it.
CREATE TRIGGER customers_evented_on_archive AFTER UPDATE OF archived_at ON customers
WHEN EXISTS (SELECT 1 FROM write_context) AND OLD.archived_at IS NULL AND NEW.archived_at IS NOT NULL
BEGIN
  UPDATE events SET type = 'customer.archived'
   WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id AND resource_kind = 'customer' AND resource_id = NEW.id AND type = 'customer.updated';
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer.archived', 'customer', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer' AND resource_id = NEW.id);
END;
CREATE TRIGGER customers_evented_on_update AFTER UPDATE ON customers
WHEN EXISTS (SELECT 1 FROM write_context) AND NOT (OLD.archived_at IS NULL AND NEW.archived_at IS NOT NULL)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer.updated', 'customer', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer' AND resource_id = NEW.id);
END;
-- A customer's contacts and custom properties are part of it.
CREATE TRIGGER customer_contacts_evented_on_insert AFTER INSERT ON customer_contacts
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer.updated', 'customer', NEW.customer_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer' AND resource_id = NEW.customer_id);
END;
CREATE TRIGGER customer_contacts_evented_on_update AFTER UPDATE ON customer_contacts
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer.updated', 'customer', NEW.customer_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer' AND resource_id = NEW.customer_id);
END;
CREATE TRIGGER customer_contacts_evented_on_delete AFTER DELETE ON customer_contacts
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = OLD.workspace_id AND id = OLD.customer_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), OLD.workspace_id, 'customer.updated', 'customer', OLD.customer_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = OLD.workspace_id
                        AND resource_kind = 'customer' AND resource_id = OLD.customer_id);
END;
CREATE TRIGGER customer_properties_evented_on_insert AFTER INSERT ON customer_properties
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer.updated', 'customer', NEW.customer_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer' AND resource_id = NEW.customer_id);
END;
CREATE TRIGGER customer_properties_evented_on_update AFTER UPDATE ON customer_properties
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer.updated', 'customer', NEW.customer_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer' AND resource_id = NEW.customer_id);
END;
CREATE TRIGGER customer_properties_evented_on_delete AFTER DELETE ON customer_properties
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = OLD.workspace_id AND id = OLD.customer_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), OLD.workspace_id, 'customer.updated', 'customer', OLD.customer_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = OLD.workspace_id
                        AND resource_kind = 'customer' AND resource_id = OLD.customer_id);
END;
CREATE TRIGGER customer_organizations_evented_on_insert AFTER INSERT ON customer_organizations
WHEN EXISTS (SELECT 1 FROM write_context)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer_organization.created', 'customer_organization', NEW.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer_organization' AND resource_id = NEW.id);
END;
CREATE TRIGGER customer_organizations_evented_on_delete BEFORE DELETE ON customer_organizations
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id)
BEGIN
  DELETE FROM events WHERE snapshot IS NULL AND workspace_id = OLD.workspace_id AND resource_kind = 'customer_organization' AND resource_id = OLD.id;
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id, snapshot)
  SELECT 'evt_' || lower(hex(randomblob(16))), OLD.workspace_id, 'customer_organization.deleted', 'customer_organization', OLD.id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context), s.snapshot
    FROM customer_organization_snapshots AS s WHERE s.workspace_id = OLD.workspace_id AND s.id = OLD.id;
END;
-- Members joining or leaving change the organization (not when it goes itself).
CREATE TRIGGER customer_organization_members_evented_on_insert AFTER INSERT ON customer_organization_members
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customer_organizations WHERE workspace_id = NEW.workspace_id AND id = NEW.organization_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer_organization.updated', 'customer_organization', NEW.organization_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer_organization' AND resource_id = NEW.organization_id);
END;
CREATE TRIGGER customer_organization_members_evented_on_delete AFTER DELETE ON customer_organization_members
WHEN EXISTS (SELECT 1 FROM write_context) AND EXISTS (SELECT 1 FROM customer_organizations WHERE workspace_id = OLD.workspace_id AND id = OLD.organization_id)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), OLD.workspace_id, 'customer_organization.updated', 'customer_organization', OLD.organization_id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = OLD.workspace_id
                        AND resource_kind = 'customer_organization' AND resource_id = OLD.organization_id);
END;

-- Seats, from the ledger (0013), so a user deletion's cascade emits them too:
-- one event per entry, with the user's customer when they have one (while
-- the user is deleted, from departing_users, 0022). A cascade's event names
-- no request (the ledger keeps the deleting one).
CREATE TRIGGER seat_ledger_evented AFTER INSERT ON seat_ledger
WHEN NEW.cause <> 'migration'
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id, snapshot)
  VALUES ('evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'seat.' || NEW.direction, 'seat',
          NEW.product_code || '/' || NEW.user_id, NEW.at, CASE WHEN NEW.cause = 'user_deleted' THEN NULL ELSE NEW.request_id END,
          json_object('seq', NEW.seq, 'product_code', NEW.product_code, 'user_id', NEW.user_id, 'direction', NEW.direction,
                      'at', NEW.at, 'request_id', NEW.request_id, 'key_id', NEW.key_id, 'cause', NEW.cause,
                      'customer_id', coalesce(
                        (SELECT customer_id FROM customer_users WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id),
                        (SELECT customer_id FROM departing_users WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id))));
END;

-- Balances (0014): one event per customer, seat type and request, showing
-- the balance as the request left it (a request's later changes update it).
CREATE TRIGGER seat_balances_evented_on_insert AFTER INSERT ON seat_balances
WHEN EXISTS (SELECT 1 FROM write_context)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id, snapshot)
  VALUES ('evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'seat_balance.changed', 'seat_balance',
          NEW.customer_id || '/' || NEW.seat_type, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context),
          json_object('customer_id', NEW.customer_id, 'seat_type', NEW.seat_type, 'total', NEW.total, 'change_timestamp', NEW.change_timestamp));
END;

CREATE TRIGGER seat_balances_evented_on_update AFTER UPDATE OF total ON seat_balances
WHEN EXISTS (SELECT 1 FROM write_context) AND OLD.total <> NEW.total
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id, snapshot)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'seat_balance.changed', 'seat_balance',
         NEW.customer_id || '/' || NEW.seat_type, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context), '{}'
   WHERE (SELECT request_id FROM events WHERE workspace_id = NEW.workspace_id AND resource_kind = 'seat_balance'
             AND resource_id = NEW.customer_id || '/' || NEW.seat_type ORDER BY seq DESC LIMIT 1)
         IS NOT (SELECT request_id FROM write_context);
  UPDATE events SET occurred_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
         snapshot = json_object('customer_id', NEW.customer_id, 'seat_type', NEW.seat_type, 'total', NEW.total, 'change_timestamp', NEW.change_timestamp)
   WHERE seq = (SELECT seq FROM events WHERE workspace_id = NEW.workspace_id AND resource_kind = 'seat_balance'
                   AND resource_id = NEW.customer_id || '/' || NEW.seat_type ORDER BY seq DESC LIMIT 1);
END;

-- ---------------------------------------------------------------------------
-- 0021_webhooks: webhook endpoints and deliveries (issue 20)
-- ---------------------------------------------------------------------------
-- Webhook endpoints and their deliveries (docs/events-and-webhooks.md).
-- An endpoint belongs to one workspace and hears its events of the types it
-- lists (event_types NULL: every type). The secrets are Standard Webhooks'
-- `whsec_` keys; after a rotation the previous one signs too until
-- previous_secret_expires_at.
CREATE TABLE webhook_endpoints (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL PRIMARY KEY,
  url TEXT NOT NULL,
  description TEXT,
  event_types TEXT CHECK (event_types IS NULL OR (json_valid(event_types) AND json_type(event_types) = 'array')),
  secret TEXT NOT NULL CHECK (secret GLOB 'whsec_*'),
  previous_secret TEXT CHECK (previous_secret GLOB 'whsec_*'),
  previous_secret_expires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX webhook_endpoints_by_workspace ON webhook_endpoints (workspace_id, id);

-- One delivery per endpoint and event: the outbox. enqueued_at is NULL until
-- a queue message for it was sent (after the commit; the cron's sweeper
-- sends what a crash left behind). The consumer records every attempt.
CREATE TABLE webhook_deliveries (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_seq INTEGER NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- The HTTP status of the last attempt; NULL before one or when it got no answer (last_error says why).
  last_status INTEGER,
  last_error TEXT,
  last_attempt_at TEXT,
  created_at TEXT NOT NULL,
  enqueued_at TEXT,
  UNIQUE (endpoint_id, event_seq)
) STRICT;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, event_seq);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_seq);
CREATE INDEX webhook_deliveries_unsent ON webhook_deliveries (created_at) WHERE enqueued_at IS NULL;

-- An event with its snapshot is due at every endpoint of its workspace that hears its type.
CREATE TRIGGER events_delivered_on_insert AFTER INSERT ON events
WHEN NEW.snapshot IS NOT NULL
BEGIN
  INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_seq, created_at)
  SELECT e.workspace_id, 'whd_' || lower(hex(randomblob(16))), e.id, NEW.seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM webhook_endpoints AS e
   WHERE e.workspace_id = NEW.workspace_id
     AND (e.event_types IS NULL OR EXISTS (SELECT 1 FROM json_each(e.event_types) WHERE value = NEW.type));
END;

CREATE TRIGGER events_delivered_on_snapshot AFTER UPDATE OF snapshot ON events
WHEN OLD.snapshot IS NULL AND NEW.snapshot IS NOT NULL
BEGIN
  INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_seq, created_at)
  SELECT e.workspace_id, 'whd_' || lower(hex(randomblob(16))), e.id, NEW.seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM webhook_endpoints AS e
   WHERE e.workspace_id = NEW.workspace_id
     AND (e.event_types IS NULL OR EXISTS (SELECT 1 FROM json_each(e.event_types) WHERE value = NEW.type));
END;

-- 0022_departing_users: a deleted user's customer while their row is deleted, for the
-- seat.unassigned events of the cascade (customer_users cascades before seat_assignments)
CREATE TABLE departing_users (
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER users_departing BEFORE DELETE ON users
BEGIN
  INSERT OR REPLACE INTO departing_users (workspace_id, user_id, customer_id)
  SELECT workspace_id, user_id, customer_id FROM customer_users WHERE workspace_id = OLD.workspace_id AND user_id = OLD.id;
END;

CREATE TRIGGER users_departed AFTER DELETE ON users
BEGIN
  DELETE FROM departing_users WHERE workspace_id = OLD.workspace_id AND user_id = OLD.id;
END;

-- 0023_organization_names: renaming an organization's owner or member updates the organization
CREATE TRIGGER customers_renamed_in_organizations AFTER UPDATE OF legal_name ON customers
WHEN OLD.legal_name IS NOT NEW.legal_name AND EXISTS (SELECT 1 FROM write_context)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer_organization.updated', 'customer_organization', o.id,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
    FROM (SELECT id FROM customer_organizations WHERE workspace_id = NEW.workspace_id AND owner_id = NEW.id
          UNION SELECT organization_id FROM customer_organization_members WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.id) AS o
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer_organization' AND resource_id = o.id);
END;

-- 0025_key_gate_with_context: the key gate that also sets the write context, one statement
-- (src/db/keyGate.ts); the same checks as key_gate's
CREATE VIEW key_gate_with_context (key_id, secret_hash, any_of, request_id) AS SELECT NULL, NULL, NULL, NULL WHERE 0;

CREATE TRIGGER key_gate_with_context_check INSTEAD OF INSERT ON key_gate_with_context
BEGIN
  SELECT RAISE(ABORT, 'api_key_inactive')
   WHERE NOT EXISTS (SELECT 1 FROM api_keys
                      WHERE id = NEW.key_id AND revoked_at IS NULL AND secret_hash = NEW.secret_hash);
  SELECT RAISE(ABORT, 'api_key_lacks_permission')
   WHERE NOT EXISTS (SELECT 1 FROM api_keys AS k, json_each(k.permissions) AS held, json_each(NEW.any_of) AS needed
                      WHERE k.id = NEW.key_id AND held.value = needed.value);
  INSERT OR REPLACE INTO write_context (singleton, request_id, key_id, cause) VALUES (1, NEW.request_id, NEW.key_id, 'request');
END;

-- 0026_outbox_probe_on_clear: the cleared context's snapshots (and so the deliveries) are taken
-- before its row goes, so the clearing DELETE's RETURNING can tell whether deliveries wait
-- (src/db/writeContext.ts): the outbox probe rides on the clear, one statement fewer per write.
