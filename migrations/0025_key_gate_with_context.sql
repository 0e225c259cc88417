-- The key gate of write batches (migration 0010) that also sets the batch's
-- write context (migration 0012), in one statement: a signed-in request's
-- first write batch starts with it instead of the gate and the context's own
-- INSERT (src/db/keyGate.ts), one statement fewer per write. The same checks,
-- in the same order, raising the same messages; then the context, as
-- setWriteContext writes it for a request (cause 'request'). 0010's key_gate
-- stays for Workers deployed before this one.
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
