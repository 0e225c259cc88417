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

-- The delete cascade from users looked a user's seats up by
-- (workspace_id, user_id), and without table statistics SQLite preferred
-- the primary key's workspace_id prefix (every assignment of the workspace,
-- twice: the foreign key check, then the cascade) over this index, which
-- needed a second lookup per row. Covering every column, the index answers
-- those lookups alone, and the planner takes it.
DROP INDEX seat_assignments_by_user;
CREATE INDEX seat_assignments_by_user ON seat_assignments (workspace_id, user_id, product_code, assigned_at);

-- Substring search over a user's key, email, phone and name (Seam's list
-- `search`): a trigram index, kept by triggers, keyed by the users row's
-- rowid (external content: the text is not stored twice). Terms of 3 or
-- more characters are looked up here; see src/db/userSearch.ts.
CREATE VIRTUAL TABLE users_search USING fts5(
  user_identity_key, email_address, phone_number, full_name,
  content = 'users', content_rowid = 'rowid', tokenize = 'trigram'
);

CREATE TRIGGER users_search_insert AFTER INSERT ON users
BEGIN
  INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
  VALUES (NEW.rowid, NEW.user_identity_key, NEW.email_address, NEW.phone_number, NEW.full_name);
END;

-- An external-content index forgets a row only when told its indexed values.
CREATE TRIGGER users_search_delete AFTER DELETE ON users
BEGIN
  INSERT INTO users_search (users_search, rowid, user_identity_key, email_address, phone_number, full_name)
  VALUES ('delete', OLD.rowid, OLD.user_identity_key, OLD.email_address, OLD.phone_number, OLD.full_name);
END;

-- Only when a searched value really changed (BINARY: the email column is NOCASE).
CREATE TRIGGER users_search_update AFTER UPDATE OF user_identity_key, email_address, phone_number, full_name ON users
WHEN OLD.user_identity_key IS NOT NEW.user_identity_key
  OR OLD.email_address IS NOT NEW.email_address COLLATE BINARY
  OR OLD.phone_number IS NOT NEW.phone_number
  OR OLD.full_name IS NOT NEW.full_name
BEGIN
  INSERT INTO users_search (users_search, rowid, user_identity_key, email_address, phone_number, full_name)
  VALUES ('delete', OLD.rowid, OLD.user_identity_key, OLD.email_address, OLD.phone_number, OLD.full_name);
  INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
  VALUES (NEW.rowid, NEW.user_identity_key, NEW.email_address, NEW.phone_number, NEW.full_name);
END;

-- Counts and index entries for the rows that exist before this migration.
INSERT INTO row_counts (workspace_id, table_name, row_count)
  SELECT workspace_id, 'users', count(*) FROM users GROUP BY workspace_id;
INSERT INTO row_counts (workspace_id, table_name, row_count)
  SELECT workspace_id, 'customers', count(*) FROM customers GROUP BY workspace_id;
INSERT INTO row_counts (workspace_id, table_name, row_count)
  SELECT workspace_id, 'customer_organizations', count(*) FROM customer_organizations GROUP BY workspace_id;
INSERT INTO users_search (users_search) VALUES ('rebuild');
