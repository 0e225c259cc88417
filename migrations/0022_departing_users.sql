-- A user's deletion cascades to their customer link (customer_users, 0014)
-- before their seat assignments (SQLite runs the cascade of the table
-- created later first), so the seat.unassigned events the deletion emits
-- (0020) would no longer find the user's customer. The customer is kept
-- here while the user's row is deleted: set before the cascades, cleared
-- after them, empty at every commit.
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

DROP TRIGGER seat_ledger_evented;
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
