-- Sequence customers and customer organizations.
--
-- The organizations form a hierarchy: an organization's owner is the parent of
-- its members. The database keeps it a forest of trees on its own:
--   * a customer is a member of at most one organization (primary key of
--     customer_organization_members), so every customer has at most one parent;
--   * a member is never its organization's owner (CHECK), and never the owner
--     or an ancestor of the owner (trigger below), so no customer ends up under
--     itself, directly or through other organizations.
-- Every table carries workspace_id and every reference includes it, so no
-- organization can point at another workspace's customer.
CREATE TABLE customers (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  legal_name TEXT NOT NULL CHECK (length(legal_name) BETWEEN 1 AND 500),
  email TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 320),
  contact_name TEXT CHECK (length(contact_name) >= 1),
  address_line1 TEXT NOT NULL CHECK (length(address_line1) >= 1),
  address_line2 TEXT,
  address_town TEXT NOT NULL CHECK (length(address_town) >= 1),
  address_state TEXT,
  address_postcode TEXT NOT NULL CHECK (length(address_postcode) >= 1),
  -- ISO 3166-1 alpha-2; the API checks the code is assigned.
  address_country TEXT NOT NULL CHECK (length(address_country) = 2 AND address_country NOT GLOB '*[^A-Z]*'),
  billing_emails TEXT NOT NULL CHECK (json_valid(billing_emails) AND json_type(billing_emails) = 'array'),
  telephone TEXT,
  url TEXT,
  label TEXT,
  tax_status TEXT NOT NULL CHECK (tax_status IN ('TAXED', 'TAX_EXEMPT', 'REVERSE_CHARGED')),
  customer_aliases TEXT NOT NULL CHECK (json_valid(customer_aliases) AND json_type(customer_aliases) = 'array'),
  integration_ids TEXT NOT NULL CHECK (json_valid(integration_ids) AND json_type(integration_ids) = 'array'),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id)
) STRICT;
-- The list filters, each walked in id (creation) order.
CREATE INDEX customers_by_legal_name ON customers (workspace_id, legal_name, id);
CREATE INDEX customers_by_email ON customers (workspace_id, email, id);

CREATE TABLE customer_organizations (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id),
  -- The target of the members' reference, which carries the owner along.
  UNIQUE (workspace_id, id, owner_id),
  FOREIGN KEY (workspace_id, owner_id) REFERENCES customers (workspace_id, id)
) STRICT;
CREATE INDEX customer_organizations_by_owner ON customer_organizations (workspace_id, owner_id, id);

-- One row per member: the edge owner_id (parent) -> customer_id (child).
CREATE TABLE customer_organization_members (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  organization_id TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- A customer is a member of at most one organization.
  PRIMARY KEY (workspace_id, customer_id),
  CHECK (customer_id <> owner_id),
  FOREIGN KEY (workspace_id, organization_id, owner_id)
    REFERENCES customer_organizations (workspace_id, id, owner_id) ON DELETE CASCADE,
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id)
) STRICT;
CREATE INDEX customer_organization_members_by_organization
  ON customer_organization_members (workspace_id, organization_id);

-- No cycles: a new member must not be the owner or any ancestor of the owner.
-- The walk goes up from the owner through each customer's one parent.
CREATE TRIGGER customer_organization_members_acyclic
BEFORE INSERT ON customer_organization_members
WHEN EXISTS (
  WITH RECURSIVE above (customer_id) AS (
    SELECT NEW.owner_id
    UNION
    SELECT m.owner_id
      FROM customer_organization_members AS m
      JOIN above ON m.workspace_id = NEW.workspace_id AND m.customer_id = above.customer_id
  )
  SELECT 1 FROM above WHERE above.customer_id = NEW.customer_id
)
BEGIN
  SELECT RAISE(ABORT, 'customer_organization_cycle');
END;

-- Edges are inserted and deleted, never rewritten (a rewrite would bypass the cycle check).
CREATE TRIGGER customer_organization_members_immutable
BEFORE UPDATE ON customer_organization_members
BEGIN
  SELECT RAISE(ABORT, 'customer_organization_members rows are immutable');
END;

-- An organization's owner is fixed: the members' edges name it.
CREATE TRIGGER customer_organizations_owner_immutable
BEFORE UPDATE OF owner_id ON customer_organizations
BEGIN
  SELECT RAISE(ABORT, 'customer_organizations.owner_id is immutable');
END;
