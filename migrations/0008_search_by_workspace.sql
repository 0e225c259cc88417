-- Search partitioned by workspace (src/db/userSearch.ts). One FTS5 index
-- serves every workspace, and FTS5 matches a phrase by stepping through the
-- entries of its trigrams: keyed by the users rowid, a search paid for the
-- entries of every workspace's users that share its trigrams. An entry's
-- rowid is now the workspace's rowid in the high 32 bits and the user's
-- rowid in the low 32 bits, so a search reads only its own workspace's
-- range (rowid BETWEEN), whatever the other workspaces hold.
--
-- Contentless (content = ''): the index keeps no text, and its rowids are
-- no longer those of users. A row leaves it through the 'delete' command
-- with its old values, as before. A user removed by a workspace's cascade
-- (the workspace row already gone) leaves an entry outside every live
-- workspace's range, which no search reads.
DROP TRIGGER users_search_insert;
DROP TRIGGER users_search_delete;
DROP TRIGGER users_search_update;
DROP TABLE users_search;

CREATE VIRTUAL TABLE users_search USING fts5(
  user_identity_key, email_address, phone_number, full_name,
  content = '', tokenize = 'trigram'
);

CREATE TRIGGER users_search_insert AFTER INSERT ON users
BEGIN
  INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT (w.rowid << 32) | NEW.rowid, NEW.user_identity_key, NEW.email_address, NEW.phone_number, NEW.full_name
    FROM workspaces AS w WHERE w.id = NEW.workspace_id;
END;

CREATE TRIGGER users_search_delete AFTER DELETE ON users
BEGIN
  INSERT INTO users_search (users_search, rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT 'delete', (w.rowid << 32) | OLD.rowid, OLD.user_identity_key, OLD.email_address, OLD.phone_number, OLD.full_name
    FROM workspaces AS w WHERE w.id = OLD.workspace_id;
END;

-- Only when a searched value really changed (BINARY: the email column is NOCASE).
CREATE TRIGGER users_search_update AFTER UPDATE OF user_identity_key, email_address, phone_number, full_name ON users
WHEN OLD.user_identity_key IS NOT NEW.user_identity_key
  OR OLD.email_address IS NOT NEW.email_address COLLATE BINARY
  OR OLD.phone_number IS NOT NEW.phone_number
  OR OLD.full_name IS NOT NEW.full_name
BEGIN
  INSERT INTO users_search (users_search, rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT 'delete', (w.rowid << 32) | OLD.rowid, OLD.user_identity_key, OLD.email_address, OLD.phone_number, OLD.full_name
    FROM workspaces AS w WHERE w.id = OLD.workspace_id;
  INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
  SELECT (w.rowid << 32) | NEW.rowid, NEW.user_identity_key, NEW.email_address, NEW.phone_number, NEW.full_name
    FROM workspaces AS w WHERE w.id = NEW.workspace_id;
END;

INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
SELECT (w.rowid << 32) | u.rowid, u.user_identity_key, u.email_address, u.phone_number, u.full_name
  FROM users AS u JOIN workspaces AS w ON w.id = u.workspace_id;
