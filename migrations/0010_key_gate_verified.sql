-- The key gate of write batches (src/db/keyGate.ts, docs/key-check.md). A
-- batch that writes starts with an insert into this view: the key must be
-- active, its secret hash the one the request presented, and it must hold
-- one of the route's permissions (`any_of`, a JSON array), or the trigger
-- aborts the whole batch before any write. It carries what the Worker
-- checks itself for a key it has seen, so that a key it has not seen yet
-- can write in the request's one round trip: nothing is written for an
-- unknown, revoked or wrong-secret key, nor for one without the permission.
-- Reads carry no gate: they read the key's row in their batch, and the
-- Worker decides. The view stores nothing. (0007's active_key_gate stays
-- until Workers that use it are gone.)
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
