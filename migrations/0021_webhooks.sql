-- Webhook endpoints and their deliveries (docs/events-and-webhooks.md).
-- An endpoint belongs to one workspace and hears its events of the types it
-- lists (event_types NULL: every type). The secrets are Standard Webhooks'
-- `whsec_` keys; after a rotation the previous one signs too until
-- previous_secret_expires_at.
CREATE TABLE webhook_endpoints (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL PRIMARY KEY,
  url TEXT NOT NULL,
  description TEXT,
  event_types TEXT CHECK (event_types IS NULL OR (json_valid(event_types) AND json_type(event_types) = 'array')),
  secret TEXT NOT NULL CHECK (secret GLOB 'whsec_*'),
  previous_secret TEXT CHECK (previous_secret GLOB 'whsec_*'),
  previous_secret_expires_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX webhook_endpoints_by_workspace ON webhook_endpoints (workspace_id, id);

-- One delivery per endpoint and event: the outbox. enqueued_at is NULL until
-- a queue message for it was sent (after the commit; the cron's sweeper
-- sends what a crash left behind). The consumer records every attempt.
CREATE TABLE webhook_deliveries (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL PRIMARY KEY,
  endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  event_seq INTEGER NOT NULL REFERENCES events (seq) ON DELETE CASCADE,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  -- The HTTP status of the last attempt; NULL before one or when it got no answer (last_error says why).
  last_status INTEGER,
  last_error TEXT,
  last_attempt_at TEXT,
  created_at TEXT NOT NULL,
  enqueued_at TEXT,
  UNIQUE (endpoint_id, event_seq)
) STRICT;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, event_seq);
CREATE INDEX webhook_deliveries_by_event ON webhook_deliveries (event_seq);
CREATE INDEX webhook_deliveries_unsent ON webhook_deliveries (created_at) WHERE enqueued_at IS NULL;

-- An event with its snapshot is due at every endpoint of its workspace that hears its type.
CREATE TRIGGER events_delivered_on_insert AFTER INSERT ON events
WHEN NEW.snapshot IS NOT NULL
BEGIN
  INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_seq, created_at)
  SELECT e.workspace_id, 'whd_' || lower(hex(randomblob(16))), e.id, NEW.seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM webhook_endpoints AS e
   WHERE e.workspace_id = NEW.workspace_id
     AND (e.event_types IS NULL OR EXISTS (SELECT 1 FROM json_each(e.event_types) WHERE value = NEW.type));
END;

CREATE TRIGGER events_delivered_on_snapshot AFTER UPDATE OF snapshot ON events
WHEN OLD.snapshot IS NULL AND NEW.snapshot IS NOT NULL
BEGIN
  INSERT INTO webhook_deliveries (workspace_id, id, endpoint_id, event_seq, created_at)
  SELECT e.workspace_id, 'whd_' || lower(hex(randomblob(16))), e.id, NEW.seq, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    FROM webhook_endpoints AS e
   WHERE e.workspace_id = NEW.workspace_id
     AND (e.event_types IS NULL OR EXISTS (SELECT 1 FROM json_each(e.event_types) WHERE value = NEW.type));
END;
