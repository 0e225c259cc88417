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

CREATE TRIGGER write_context_cleared_snapshots AFTER DELETE ON write_context
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
CREATE TRIGGER users_evented_on_update AFTER UPDATE ON users
WHEN EXISTS (SELECT 1 FROM write_context)
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
-- one event per entry, with the user's customer when they have one. A
-- cascade's event names no request (the ledger keeps the deleting one).
CREATE TRIGGER seat_ledger_evented AFTER INSERT ON seat_ledger
WHEN NEW.cause <> 'migration'
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id, snapshot)
  VALUES ('evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'seat.' || NEW.direction, 'seat',
          NEW.product_code || '/' || NEW.user_id, NEW.at, CASE WHEN NEW.cause = 'user_deleted' THEN NULL ELSE NEW.request_id END,
          json_object('seq', NEW.seq, 'product_code', NEW.product_code, 'user_id', NEW.user_id, 'direction', NEW.direction,
                      'at', NEW.at, 'request_id', NEW.request_id, 'key_id', NEW.key_id, 'cause', NEW.cause,
                      'customer_id', (SELECT customer_id FROM customer_users WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id)));
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
