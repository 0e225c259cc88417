-- Search bounded at both ends of its workspace's range (src/db/userSearchIndex.ts).
-- Since 0008 a search starts at its workspace's first index entry (rowid
-- BETWEEN), but FTS5 tests the upper bound only once it has found a match
-- (sqlite3Fts5ExprNext): past the workspace's last match, a phrase walked on
-- through the entries of its trigrams in every later workspace, up to the
-- next match anywhere in the index. The first workspaces paid for whatever
-- later ones held (the bench's search in sqlite3: 0.18 ms alone, 0.62 ms
-- once a later workspace held 100,000 users).
--
-- Every indexed value now starts with its workspace's mark: three private
-- use characters, so one trigram, whose entries are exactly that
-- workspace's. A search matches NEAR(mark phrase), and FTS5 advances every
-- trigram of a NEAR group together and stops as soon as one runs out: at
-- the workspace's last entry.
CREATE VIEW search_partitions (workspace_id, low, high, mark) AS
SELECT id, rowid << 32, (rowid << 32) | 0xffffffff,
       char(0xf0000 + ((rowid >> 24) & 0xfff), 0xf0000 + ((rowid >> 12) & 0xfff), 0xf0000 + (rowid & 0xfff))
  FROM workspaces;

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

INSERT INTO users_search (rowid, user_identity_key, email_address, phone_number, full_name)
SELECT p.low | u.rowid, p.mark || u.user_identity_key, p.mark || u.email_address, p.mark || u.phone_number,
       p.mark || u.full_name
  FROM users AS u JOIN search_partitions AS p ON p.workspace_id = u.workspace_id;
