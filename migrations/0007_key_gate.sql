-- The key gate (src/db/keyGate.ts). A request whose API key the Worker
-- already knows sends this insert as the first statement of its own first
-- D1 batch: the key is checked in the same transaction as the request's
-- statements, so a revoked key is refused from the next request on without
-- a round trip of its own. The view stores nothing; the trigger aborts the
-- whole batch (reads and writes) when the key is unknown or revoked.
CREATE VIEW active_key_gate (key_id) AS SELECT NULL WHERE 0;

CREATE TRIGGER active_key_gate_check INSTEAD OF INSERT ON active_key_gate
WHEN NOT EXISTS (SELECT 1 FROM api_keys WHERE id = NEW.key_id AND revoked_at IS NULL)
BEGIN
  SELECT RAISE(ABORT, 'api_key_inactive');
END;
