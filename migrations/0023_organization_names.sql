-- An organization's snapshot names its owner and members (0020), so renaming
-- one of those customers changes how the organization reads: it is updated
-- too (once per request, as its other changes are).
CREATE TRIGGER customers_renamed_in_organizations AFTER UPDATE OF legal_name ON customers
WHEN OLD.legal_name IS NOT NEW.legal_name AND EXISTS (SELECT 1 FROM write_context)
BEGIN
  INSERT INTO events (id, workspace_id, type, resource_kind, resource_id, occurred_at, request_id)
  SELECT 'evt_' || lower(hex(randomblob(16))), NEW.workspace_id, 'customer_organization.updated', 'customer_organization', o.id,
         strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), (SELECT request_id FROM write_context)
    FROM (SELECT id FROM customer_organizations WHERE workspace_id = NEW.workspace_id AND owner_id = NEW.id
          UNION SELECT organization_id FROM customer_organization_members WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.id) AS o
   WHERE NOT EXISTS (SELECT 1 FROM events WHERE snapshot IS NULL AND workspace_id = NEW.workspace_id
                        AND resource_kind = 'customer_organization' AND resource_id = o.id);
END;
