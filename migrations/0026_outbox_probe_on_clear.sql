-- The write context's clearing takes the snapshots of the resources its
-- transaction created or changed (and so creates their webhook deliveries)
-- BEFORE its row is deleted, not after: a DELETE's RETURNING is computed
-- after BEFORE triggers and before AFTER triggers, so the clearing statement
-- itself can now tell whether deliveries wait to be sent (src/db/writeContext.ts),
-- one statement fewer in every write batch. The same body as migration 0020's.
-- A Worker deployed before this one still clears and then probes: it sees the same.
DROP TRIGGER write_context_cleared_snapshots;

CREATE TRIGGER write_context_cleared_snapshots BEFORE DELETE ON write_context
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
