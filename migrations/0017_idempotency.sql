-- Idempotency-Key (src/db/idempotency.ts, docs/retries-and-limits.md). One
-- record per (workspace, key) for 24 hours: the request that first used the
-- key (its fingerprint: method, path, query and body), and once it answered
-- the answer it gave, encrypted with a key derived from the Idempotency-Key
-- itself (an API key's secret can be in it). The record is written in the
-- same transaction as the operation it guards, so the operation and its
-- record commit together or not at all. `workspace_id` is '' for the
-- operator's admin API. `outcome` holds what a seat change did, written in
-- the seat object's own batch (the answer is rebuilt from it).
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

-- The cleanup walks expired records oldest first (src/index.ts `scheduled`).
CREATE INDEX idempotency_records_by_expiry ON idempotency_records (expires_at);

-- A write batch that carries an Idempotency-Key starts (after the key gate)
-- with an insert into this view: it aborts the whole batch when a live
-- record holds the key, so the operation never runs twice, and otherwise
-- claims the key (replacing an expired record). Stores nothing itself.
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
