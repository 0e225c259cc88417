-- A user's update is an event only when one of its fields changes: a Seam
-- update naming no field, or the values already held, tells webhook
-- receivers nothing (seat metrics' update trigger already asks the same).
-- The email compares as bytes, so a change of case is a change.
DROP TRIGGER users_evented_on_update;

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
