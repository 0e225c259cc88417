-- People belong to customers; Sequence's seat events and seat balances
-- (docs/seat-ledger.md). Everything here is kept by triggers in the same
-- statement as the change it follows, so that no writer (the seat object, a
-- user deletion's cascade, a link, an archive) can leave it behind:
--   seat_assignments, customer_users -> customer_seat_holdings (seats held
--   by a customer's users, per seat type) -> seat_events (Seatkeeper's own,
--   one per customer, seat type and write context) -> seat_balances (the
--   latest current event per customer and seat type) ->
--   customer_seat_summaries (per customer: its total, users, last change).
-- Balances are never computed by scanning the ledger or the assignments.

-- A user (Seam user identity, Sendblue seat) belongs to at most one customer.
CREATE TABLE customer_users (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  user_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  linked_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_users_by_customer ON customer_users (workspace_id, customer_id, user_id);

-- Seats of each type held by the users of each customer.
CREATE TABLE customer_seat_holdings (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  held INTEGER NOT NULL CHECK (held >= 0),
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

-- Sequence seat events: posted (source 'api') or recorded by Seatkeeper when
-- a customer's holdings change (source 'seatkeeper'). `seq` numbers a
-- workspace's events in the order recorded (sortBy=createdAt). An event
-- superseded by a later one of the same customer_event_id names it in
-- superseded_by; only current events are listed and count in balances.
CREATE TABLE seat_events (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  seq INTEGER NOT NULL CHECK (seq >= 1),
  -- The customer customer_alias named when the event was recorded.
  customer_id TEXT NOT NULL,
  customer_alias TEXT NOT NULL,
  customer_event_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  -- ISO 8601 in UTC with milliseconds: they sort as text.
  event_timestamp TEXT NOT NULL,
  total INTEGER NOT NULL CHECK (total >= 0),
  source TEXT NOT NULL CHECK (source IN ('api', 'seatkeeper')),
  superseded_by TEXT,
  -- The write context's (0012).
  request_id TEXT,
  key_id TEXT,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, seq),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
-- One current event per customer event id; the list's walks and filters.
CREATE UNIQUE INDEX seat_events_current_by_customer_event_id ON seat_events (workspace_id, customer_event_id) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current ON seat_events (workspace_id, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_time ON seat_events (workspace_id, event_timestamp, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_customer ON seat_events (workspace_id, customer_id, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_seat_type ON seat_events (workspace_id, seat_type, seq) WHERE superseded_by IS NULL;
CREATE INDEX seat_events_current_by_alias ON seat_events (workspace_id, customer_alias, seq) WHERE superseded_by IS NULL;
-- A balance is its pair's latest current event (and at=T the latest up to T): one seek.
CREATE INDEX seat_events_current_by_pair ON seat_events (workspace_id, customer_id, seat_type, event_timestamp, seq)
  WHERE superseded_by IS NULL;

-- The event a write context recorded for a customer and seat type, so that
-- its later changes in the same context update that event instead of adding
-- one per seat: emptied whenever a context starts or ends.
CREATE TABLE seat_event_marks (
  workspace_id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  event_id TEXT NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

-- Per customer and seat type: the latest current event's total and time.
CREATE TABLE seat_balances (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  total INTEGER NOT NULL,
  change_timestamp TEXT NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

-- Per customer: its linked users, the sum of its balances and their latest change.
CREATE TABLE customer_seat_summaries (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  users INTEGER NOT NULL CHECK (users >= 0),
  total INTEGER NOT NULL,
  change_timestamp TEXT,
  PRIMARY KEY (workspace_id, customer_id)
) STRICT, WITHOUT ROWID;
-- excludeZeroQuantity=true walks the customers with seats.
CREATE INDEX customer_seat_summaries_with_seats ON customer_seat_summaries (workspace_id, customer_id) WHERE total <> 0;

CREATE TRIGGER write_context_set_unmarks AFTER INSERT ON write_context
BEGIN
  DELETE FROM seat_event_marks;
END;

CREATE TRIGGER write_context_cleared_unmarks AFTER DELETE ON write_context
BEGIN
  DELETE FROM seat_event_marks;
END;

-- Links: only to a customer that is not archived; never rewritten (unlink, then link).
CREATE TRIGGER customer_users_to_active_customers BEFORE INSERT ON customer_users
WHEN EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id AND archived_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'customer_archived');
END;

CREATE TRIGGER customer_users_immutable BEFORE UPDATE ON customer_users
BEGIN
  SELECT RAISE(ABORT, 'customer_users rows are immutable');
END;

-- A linked user's seats count for the customer from now on.
CREATE TRIGGER customer_users_linked AFTER INSERT ON customer_users
BEGIN
  INSERT INTO customer_seat_summaries (workspace_id, customer_id, users, total, change_timestamp)
  VALUES (NEW.workspace_id, NEW.customer_id, 1, 0, NULL)
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET users = users + 1;
  INSERT INTO customer_seat_holdings (workspace_id, customer_id, seat_type, held)
  SELECT NEW.workspace_id, NEW.customer_id, a.product_code, 0
    FROM seat_assignments AS a WHERE a.workspace_id = NEW.workspace_id AND a.user_id = NEW.user_id
    ON CONFLICT (workspace_id, customer_id, seat_type) DO NOTHING;
  UPDATE customer_seat_holdings SET held = held + 1
   WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id
     AND seat_type IN (SELECT product_code FROM seat_assignments WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id);
END;

-- An unlinked (or deleted) user's seats stop counting. When a user deletion
-- removes this row before the user's seats, their seats are subtracted
-- here and the seats' own triggers find no link; otherwise the seats went
-- first and none are left to subtract.
CREATE TRIGGER customer_users_unlinked AFTER DELETE ON customer_users
BEGIN
  UPDATE customer_seat_summaries SET users = users - 1 WHERE workspace_id = OLD.workspace_id AND customer_id = OLD.customer_id;
  UPDATE customer_seat_holdings SET held = held - 1
   WHERE workspace_id = OLD.workspace_id AND customer_id = OLD.customer_id
     AND seat_type IN (SELECT product_code FROM seat_assignments WHERE workspace_id = OLD.workspace_id AND user_id = OLD.user_id);
END;

CREATE TRIGGER seat_assignments_held_on_insert AFTER INSERT ON seat_assignments
BEGIN
  INSERT INTO customer_seat_holdings (workspace_id, customer_id, seat_type, held)
  SELECT l.workspace_id, l.customer_id, NEW.product_code, 0
    FROM customer_users AS l WHERE l.workspace_id = NEW.workspace_id AND l.user_id = NEW.user_id
    ON CONFLICT (workspace_id, customer_id, seat_type) DO NOTHING;
  UPDATE customer_seat_holdings SET held = held + 1
   WHERE workspace_id = NEW.workspace_id AND seat_type = NEW.product_code
     AND customer_id = (SELECT customer_id FROM customer_users WHERE workspace_id = NEW.workspace_id AND user_id = NEW.user_id);
END;

CREATE TRIGGER seat_assignments_held_on_delete AFTER DELETE ON seat_assignments
BEGIN
  UPDATE customer_seat_holdings SET held = held - 1
   WHERE workspace_id = OLD.workspace_id AND seat_type = OLD.product_code
     AND customer_id = (SELECT customer_id FROM customer_users WHERE workspace_id = OLD.workspace_id AND user_id = OLD.user_id);
END;

-- Seatkeeper's own seat event: the customer's new total for the seat type.
-- Within one write context the first change records the event and later
-- ones update its total and time; without a context each change is an
-- event. Not while the customer (or its workspace) is being deleted.
CREATE TRIGGER customer_seat_holdings_evented AFTER UPDATE OF held ON customer_seat_holdings
WHEN OLD.held <> NEW.held AND EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id)
BEGIN
  INSERT INTO seat_event_marks (workspace_id, customer_id, seat_type, event_id)
  SELECT NEW.workspace_id, NEW.customer_id, NEW.seat_type,
         lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
               substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
   WHERE EXISTS (SELECT 1 FROM write_context)
    ON CONFLICT (workspace_id, customer_id, seat_type) DO NOTHING;
  INSERT INTO seat_events (workspace_id, id, seq, customer_id, customer_alias, customer_event_id, seat_type,
                           event_timestamp, total, source, request_id, key_id)
  SELECT NEW.workspace_id, e.id, (SELECT coalesce(max(seq), 0) + 1 FROM seat_events WHERE workspace_id = NEW.workspace_id),
         NEW.customer_id, NEW.customer_id, e.id, NEW.seat_type, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.held, 'seatkeeper',
         (SELECT request_id FROM write_context), (SELECT key_id FROM write_context)
    FROM (SELECT coalesce(
            (SELECT event_id FROM seat_event_marks
              WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND seat_type = NEW.seat_type),
            lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
                  substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))
          ) AS id) AS e
   WHERE true
    ON CONFLICT (workspace_id, id) DO UPDATE SET total = excluded.total, event_timestamp = excluded.event_timestamp;
END;

-- An event keeps what it says; only a superseding event (superseded_by) and,
-- within its own write context, Seatkeeper's coalescing (total, time) change it.
CREATE TRIGGER seat_events_fixed BEFORE UPDATE OF workspace_id, id, seq, customer_id, customer_alias, customer_event_id,
  seat_type, source, request_id, key_id ON seat_events
BEGIN
  SELECT RAISE(ABORT, 'seat_events rows are immutable');
END;

-- The balance of a customer and seat type: its latest current event by
-- eventTimestamp (the later recorded on a tie), or 0 once none is left.
CREATE TRIGGER seat_events_balanced_on_insert AFTER INSERT ON seat_events
BEGIN
  INSERT INTO seat_balances (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, NEW.customer_id, NEW.seat_type, coalesce(latest.total, 0),
         coalesce(latest.event_timestamp, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    FROM (SELECT 1) LEFT JOIN (
      SELECT total, event_timestamp FROM seat_events
       WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND seat_type = NEW.seat_type AND superseded_by IS NULL
       ORDER BY event_timestamp DESC, seq DESC LIMIT 1) AS latest
   WHERE true
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = excluded.total, change_timestamp = excluded.change_timestamp;
END;

-- And after a change of an event's total, time or currency (its customer and seat type never change).
CREATE TRIGGER seat_events_balanced_on_update AFTER UPDATE OF total, event_timestamp, superseded_by ON seat_events
BEGIN
  INSERT INTO seat_balances (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, NEW.customer_id, NEW.seat_type, coalesce(latest.total, 0),
         coalesce(latest.event_timestamp, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    FROM (SELECT 1) LEFT JOIN (
      SELECT total, event_timestamp FROM seat_events
       WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND seat_type = NEW.seat_type AND superseded_by IS NULL
       ORDER BY event_timestamp DESC, seq DESC LIMIT 1) AS latest
   WHERE true
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = excluded.total, change_timestamp = excluded.change_timestamp;
END;

-- A customer's total and last change: its balances summed (one row per seat type).
CREATE TRIGGER seat_balances_summed_on_insert AFTER INSERT ON seat_balances
BEGIN
  INSERT INTO customer_seat_summaries (workspace_id, customer_id, users, total, change_timestamp)
  SELECT NEW.workspace_id, NEW.customer_id, 0, sum(b.total), max(b.change_timestamp)
    FROM seat_balances AS b WHERE b.workspace_id = NEW.workspace_id AND b.customer_id = NEW.customer_id
    ON CONFLICT (workspace_id, customer_id) DO UPDATE SET total = excluded.total, change_timestamp = excluded.change_timestamp;
END;

CREATE TRIGGER seat_balances_summed_on_update AFTER UPDATE ON seat_balances
BEGIN
  UPDATE customer_seat_summaries
     SET (total, change_timestamp) = (SELECT sum(b.total), max(b.change_timestamp) FROM seat_balances AS b
                                       WHERE b.workspace_id = NEW.workspace_id AND b.customer_id = NEW.customer_id)
   WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id;
END;

-- The customers with seats per workspace (row_counts, 0005): excludeZeroQuantity's total reads one row.
CREATE TRIGGER customer_seat_summaries_counted_insert AFTER INSERT ON customer_seat_summaries
WHEN NEW.total <> 0
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'customers_with_seats', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

-- (A CHECK holds for the row an upsert proposes, before its conflict: so -1 is an UPDATE.)
CREATE TRIGGER customer_seat_summaries_counted_update AFTER UPDATE OF total ON customer_seat_summaries
WHEN (OLD.total <> 0) <> (NEW.total <> 0)
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count)
  SELECT NEW.workspace_id, 'customers_with_seats', 1 WHERE NEW.total <> 0
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
  UPDATE row_counts SET row_count = row_count - 1
   WHERE NEW.total = 0 AND workspace_id = NEW.workspace_id AND table_name = 'customers_with_seats';
END;

CREATE TRIGGER customer_seat_summaries_counted_delete AFTER DELETE ON customer_seat_summaries
WHEN OLD.total <> 0
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'customers_with_seats';
END;

-- Archiving a customer unlinks its users: their seats stay theirs and leave
-- the customer's count (Seatkeeper records its totals falling to 0).
CREATE TRIGGER customers_archived_unlink_users AFTER UPDATE OF archived_at ON customers
WHEN OLD.archived_at IS NULL AND NEW.archived_at IS NOT NULL
BEGIN
  -- By user id: a DELETE of this WITHOUT ROWID table by customer alone walks its primary key (every link of the workspace).
  DELETE FROM customer_users
   WHERE workspace_id = NEW.workspace_id
     AND user_id IN (SELECT user_id FROM customer_users WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.id);
END;

-- The current seat events per workspace (row_counts, 0005): the unfiltered list's total reads one row.
CREATE TRIGGER seat_events_counted_insert AFTER INSERT ON seat_events
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'seat_events', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER seat_events_counted_supersede AFTER UPDATE OF superseded_by ON seat_events
WHEN OLD.superseded_by IS NULL AND NEW.superseded_by IS NOT NULL
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = NEW.workspace_id AND table_name = 'seat_events';
END;

-- Balances that include the customer hierarchy (balances with
-- includeMembers=true): per customer and seat type, the sum of the balances
-- of the customer and of every customer below it (members of organizations
-- it owns, and theirs). Kept as balances change and as members join and
-- leave, along the one path up from the changed customer (each customer
-- has at most one parent, 0003), so a read is one row per seat type.
CREATE TABLE customer_seat_rollups (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  seat_type TEXT NOT NULL,
  total INTEGER NOT NULL,
  change_timestamp TEXT NOT NULL,
  PRIMARY KEY (workspace_id, customer_id, seat_type)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER seat_balances_rolled_up_on_insert AFTER INSERT ON seat_balances
BEGIN
  INSERT INTO customer_seat_rollups (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, up.customer_id, NEW.seat_type, NEW.total, NEW.change_timestamp
    FROM (WITH RECURSIVE up (customer_id) AS (
            SELECT NEW.customer_id
            UNION ALL
            SELECT m.owner_id FROM customer_organization_members AS m
              JOIN up ON m.workspace_id = NEW.workspace_id AND m.customer_id = up.customer_id)
          SELECT customer_id FROM up) AS up
   WHERE true
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = total + excluded.total, change_timestamp = max(change_timestamp, excluded.change_timestamp);
END;

CREATE TRIGGER seat_balances_rolled_up_on_update AFTER UPDATE ON seat_balances
BEGIN
  UPDATE customer_seat_rollups
     SET total = total + NEW.total - OLD.total, change_timestamp = max(change_timestamp, NEW.change_timestamp)
   WHERE workspace_id = NEW.workspace_id AND seat_type = NEW.seat_type
     AND customer_id IN (
       WITH RECURSIVE up (customer_id) AS (
         SELECT NEW.customer_id
         UNION ALL
         SELECT m.owner_id FROM customer_organization_members AS m
           JOIN up ON m.workspace_id = NEW.workspace_id AND m.customer_id = up.customer_id)
       SELECT customer_id FROM up);
END;

-- A member joining brings its own rollup to its new owner and the owner's ancestors.
CREATE TRIGGER customer_organization_members_rolled_up_on_insert AFTER INSERT ON customer_organization_members
BEGIN
  INSERT INTO customer_seat_rollups (workspace_id, customer_id, seat_type, total, change_timestamp)
  SELECT NEW.workspace_id, up.customer_id, r.seat_type, r.total, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM (WITH RECURSIVE up (customer_id) AS (
            SELECT NEW.owner_id
            UNION ALL
            SELECT m.owner_id FROM customer_organization_members AS m
              JOIN up ON m.workspace_id = NEW.workspace_id AND m.customer_id = up.customer_id)
          SELECT customer_id FROM up) AS up
   CROSS JOIN customer_seat_rollups AS r
   WHERE r.workspace_id = NEW.workspace_id AND r.customer_id = NEW.customer_id
    ON CONFLICT (workspace_id, customer_id, seat_type)
    DO UPDATE SET total = total + excluded.total, change_timestamp = excluded.change_timestamp;
END;

-- ... and leaving takes it away (not while the workspace is being deleted).
CREATE TRIGGER customer_organization_members_rolled_up_on_delete AFTER DELETE ON customer_organization_members
WHEN EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id)
BEGIN
  UPDATE customer_seat_rollups
     SET total = total - coalesce((SELECT r.total FROM customer_seat_rollups AS r
                                    WHERE r.workspace_id = OLD.workspace_id AND r.customer_id = OLD.customer_id
                                      AND r.seat_type = customer_seat_rollups.seat_type), 0),
         change_timestamp = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
   WHERE workspace_id = OLD.workspace_id
     AND seat_type IN (SELECT seat_type FROM customer_seat_rollups WHERE workspace_id = OLD.workspace_id AND customer_id = OLD.customer_id)
     AND customer_id IN (
       WITH RECURSIVE up (customer_id) AS (
         SELECT OLD.owner_id
         UNION ALL
         SELECT m.owner_id FROM customer_organization_members AS m
           JOIN up ON m.workspace_id = OLD.workspace_id AND m.customer_id = up.customer_id)
       SELECT customer_id FROM up);
END;
