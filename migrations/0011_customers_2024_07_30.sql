-- Sequence customers as API version 2024-07-30 defines them (issue 17):
-- contacts, aliases and custom properties become rows of their own, the
-- customer gains `status` and `archived_at`, and the 2024-05-09 columns
-- (email, contact_name, billing_emails, customer_aliases) go once their
-- contents have moved. Nothing is lost; docs/customers.md has the mapping:
--   * email + contact_name -> a PRIMARY contact (named by the legal name
--     when there was no contact name); each billing email -> a STANDARD
--     contact named by its address;
--   * customer_aliases -> alias rows, one customer per value in a workspace:
--     the oldest customer keeps a value two customers shared; the others
--     keep it in the custom property `legacyDuplicateAliases`;
--   * integration ids of a service 2024-07-30 does not name, and address
--     states outside its list of US and Canadian codes, move to the custom
--     properties `legacyIntegrationIds` and `legacyAddressState`;
--   * telephone stays a column: only the 2024-05-09 answer of
--     GET /customers/by-alias/{alias} has the field.

-- Contacts. Every customer keeps at least one active PRIMARY contact (the
-- trigger below); a customer's contacts read back in the order written (rowid).
CREATE TABLE customer_contacts (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  name TEXT NOT NULL CHECK (length(name) >= 1),
  email TEXT NOT NULL COLLATE NOCASE CHECK (length(email) BETWEEN 3 AND 320),
  billing_preference TEXT NOT NULL CHECK (billing_preference IN ('PRIMARY', 'STANDARD', 'NONE')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  archived_at TEXT,
  PRIMARY KEY (workspace_id, id),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX customer_contacts_by_customer ON customer_contacts (workspace_id, customer_id);
-- The customers list's email filter: customers with an active contact of that address.
CREATE INDEX customer_contacts_by_email ON customer_contacts (workspace_id, email, customer_id) WHERE archived_at IS NULL;

-- Demoting or archiving a customer's last active PRIMARY contact is refused.
-- (Replacing all contacts deletes them first: a delete is not checked.)
CREATE TRIGGER customer_contacts_keep_primary
AFTER UPDATE OF billing_preference, archived_at ON customer_contacts
WHEN OLD.billing_preference = 'PRIMARY' AND OLD.archived_at IS NULL
  AND NOT EXISTS (
    SELECT 1 FROM customer_contacts
     WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id
       AND billing_preference = 'PRIMARY' AND archived_at IS NULL
  )
BEGIN
  SELECT RAISE(ABORT, 'customer_primary_contact_required');
END;

-- Aliases: an alias value names one customer of the workspace (seat events
-- name customers by alias), however many requests race for it.
CREATE TABLE customer_aliases (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
  label TEXT CHECK (length(label) >= 1),
  created_at TEXT NOT NULL,
  PRIMARY KEY (workspace_id, id),
  UNIQUE (workspace_id, value),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX customer_aliases_by_customer ON customer_aliases (workspace_id, customer_id);

CREATE TRIGGER customer_aliases_counted_insert AFTER INSERT ON customer_aliases
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count) VALUES (NEW.workspace_id, 'customer_aliases', 1)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + 1;
END;

CREATE TRIGGER customer_aliases_counted_delete AFTER DELETE ON customer_aliases
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'customer_aliases';
END;

-- Custom properties, string values. The value indexes serve
-- sortBy=customProperties.<key> (the customers having the key, in value
-- order); `archived` mirrors the customer's archivedAt (triggers below), so
-- the default list, which leaves archived customers out, walks its own index.
CREATE TABLE customer_properties (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  customer_id TEXT NOT NULL,
  key TEXT NOT NULL CHECK (length(key) >= 1),
  value TEXT NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  PRIMARY KEY (workspace_id, customer_id, key),
  FOREIGN KEY (workspace_id, customer_id) REFERENCES customers (workspace_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX customer_properties_by_value ON customer_properties (workspace_id, key, value, customer_id);
CREATE INDEX customer_properties_active_by_value ON customer_properties (workspace_id, key, value, customer_id) WHERE archived = 0;

-- The workspace's distinct property keys with the number of customers that
-- have each (GET /customer-custom-property-keys reads one row per key).
CREATE TABLE customer_property_keys (
  workspace_id TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  customer_count INTEGER NOT NULL CHECK (customer_count > 0),
  PRIMARY KEY (workspace_id, key)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER customer_properties_key_counted_insert AFTER INSERT ON customer_properties
BEGIN
  INSERT INTO customer_property_keys (workspace_id, key, customer_count) VALUES (NEW.workspace_id, NEW.key, 1)
    ON CONFLICT (workspace_id, key) DO UPDATE SET customer_count = customer_count + 1;
END;

CREATE TRIGGER customer_properties_key_counted_delete AFTER DELETE ON customer_properties
BEGIN
  DELETE FROM customer_property_keys WHERE workspace_id = OLD.workspace_id AND key = OLD.key AND customer_count = 1;
  UPDATE customer_property_keys SET customer_count = customer_count - 1 WHERE workspace_id = OLD.workspace_id AND key = OLD.key;
END;

-- What 2024-07-30 accepts, for the moves below; dropped at the end.
CREATE TABLE migration_0011_services (service TEXT PRIMARY KEY) STRICT;
INSERT INTO migration_0011_services (service) VALUES
  ('Amazon_Redshift'), ('GoCardless'), ('Google_BigQuery'), ('Google_Sheets'), ('HubSpot'), ('NetSuite'),
  ('QuickBooks_Online'), ('Salesforce'), ('Slack'), ('Snowflake'), ('Stripe'), ('Xero'), ('Avalara'),
  ('Anrok'), ('Attio'), ('Numeral'), ('Rillet'), ('Sphere');
CREATE TABLE migration_0011_states (code TEXT PRIMARY KEY) STRICT;
INSERT INTO migration_0011_states (code) VALUES
  ('AL'), ('AK'), ('AZ'), ('AR'), ('CA'), ('CO'), ('CT'), ('DC'), ('DE'), ('FL'), ('GA'), ('HI'), ('ID'), ('IL'),
  ('IN'), ('IA'), ('KS'), ('KY'), ('LA'), ('ME'), ('MD'), ('MA'), ('MI'), ('MN'), ('MS'), ('MO'), ('MT'), ('NE'),
  ('NV'), ('NH'), ('NJ'), ('NM'), ('NY'), ('NC'), ('ND'), ('OH'), ('OK'), ('OR'), ('PA'), ('RI'), ('SC'), ('SD'),
  ('TN'), ('TX'), ('UT'), ('VT'), ('VA'), ('WA'), ('WV'), ('WI'), ('WY'),
  ('AB'), ('BC'), ('MB'), ('NB'), ('NL'), ('NS'), ('NT'), ('NU'), ('ON'), ('PE'), ('QC'), ('SK'), ('YT');

-- Ids of moved rows: UUIDv7 layout at the customer's creation millisecond,
-- random below, as mintId() makes them (src/shared/ids.ts).
CREATE VIEW migration_0011_customers AS
  SELECT c.*, CAST(round(unixepoch(c.created_at, 'subsec') * 1000) AS INTEGER) AS ms FROM customers AS c;

-- Contacts: the main contact first, then the billing emails in their order.
INSERT INTO customer_contacts (workspace_id, id, customer_id, name, email, billing_preference, created_at, updated_at)
SELECT workspace_id,
       printf('%08x-%04x-7%03x-%x%03x-%012x', ms / 65536, ms % 65536, random() & 4095, 8 + (random() & 3), random() & 4095,
              random() & 281474976710655),
       id, coalesce(contact_name, legal_name), email, 'PRIMARY', created_at, updated_at
  FROM migration_0011_customers
 ORDER BY workspace_id, id;
INSERT INTO customer_contacts (workspace_id, id, customer_id, name, email, billing_preference, created_at, updated_at)
SELECT c.workspace_id,
       printf('%08x-%04x-7%03x-%x%03x-%012x', c.ms / 65536, c.ms % 65536, random() & 4095, 8 + (random() & 3), random() & 4095,
              random() & 281474976710655),
       c.id, b.value, b.value, 'STANDARD', c.created_at, c.updated_at
  FROM migration_0011_customers AS c, json_each(c.billing_emails) AS b
 ORDER BY c.workspace_id, c.id, b.key;

-- Aliases: a value listed by several customers goes to the oldest.
INSERT INTO customer_aliases (workspace_id, id, customer_id, value, created_at)
SELECT workspace_id,
       printf('%08x-%04x-7%03x-%x%03x-%012x', ms / 65536, ms % 65536, random() & 4095, 8 + (random() & 3), random() & 4095,
              random() & 281474976710655),
       customer_id, value, created_at
  FROM (
    SELECT c.workspace_id, c.id AS customer_id, a.value, a.key, c.created_at, c.ms,
           row_number() OVER (PARTITION BY c.workspace_id, a.value ORDER BY c.id, a.key) AS claim
      FROM migration_0011_customers AS c, json_each(c.customer_aliases) AS a
  )
 WHERE claim = 1
 ORDER BY workspace_id, customer_id, key;

-- What the new model cannot hold, as custom properties (JSON text values).
INSERT INTO customer_properties (workspace_id, customer_id, key, value)
SELECT c.workspace_id, c.id, 'legacyDuplicateAliases', json_group_array(DISTINCT a.value)
  FROM customers AS c, json_each(c.customer_aliases) AS a
 WHERE EXISTS (
   SELECT 1 FROM customer_aliases AS kept
    WHERE kept.workspace_id = c.workspace_id AND kept.value = a.value AND kept.customer_id <> c.id
 )
 GROUP BY c.workspace_id, c.id;
INSERT INTO customer_properties (workspace_id, customer_id, key, value)
SELECT c.workspace_id, c.id, 'legacyIntegrationIds', json_group_array(json(i.value) ORDER BY i.key)
  FROM customers AS c, json_each(c.integration_ids) AS i
 WHERE NOT EXISTS (
   SELECT 1 FROM migration_0011_services AS s WHERE lower(s.service) = lower(replace(trim(i.value ->> '$.service'), ' ', '_'))
 )
 GROUP BY c.workspace_id, c.id;
INSERT INTO customer_properties (workspace_id, customer_id, key, value)
SELECT workspace_id, id, 'legacyAddressState', address_state
  FROM customers
 WHERE address_state IS NOT NULL AND upper(trim(address_state)) NOT IN (SELECT code FROM migration_0011_states);

-- Integration ids keep the services 2024-07-30 names, spelled as it spells them.
UPDATE customers
   SET integration_ids = (
     SELECT json_group_array(json_object('service', s.service, 'id', i.value ->> '$.id') ORDER BY i.key)
       FROM json_each(customers.integration_ids) AS i
       JOIN migration_0011_services AS s ON lower(s.service) = lower(replace(trim(i.value ->> '$.service'), ' ', '_'))
   )
 WHERE integration_ids <> '[]';
UPDATE customers
   SET address_state = (SELECT code FROM migration_0011_states WHERE code = upper(trim(customers.address_state)))
 WHERE address_state IS NOT NULL;

DROP VIEW migration_0011_customers;
DROP TABLE migration_0011_services;
DROP TABLE migration_0011_states;

-- The customer's own new fields; the moved columns go.
ALTER TABLE customers ADD COLUMN status TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('DRAFT', 'ACTIVE'));
ALTER TABLE customers ADD COLUMN archived_at TEXT;
DROP INDEX customers_by_email;
ALTER TABLE customers DROP COLUMN email;
ALTER TABLE customers DROP COLUMN contact_name;
ALTER TABLE customers DROP COLUMN billing_emails;
ALTER TABLE customers DROP COLUMN customer_aliases;

-- The list's walks (src/db/customerList.ts): creation order and legal-name
-- order without the archived customers (the default), and the label filter.
CREATE INDEX customers_active ON customers (workspace_id, id) WHERE archived_at IS NULL;
CREATE INDEX customers_active_by_legal_name ON customers (workspace_id, legal_name, id) WHERE archived_at IS NULL;
CREATE INDEX customers_by_label ON customers (workspace_id, label, id);

-- The archived customers per workspace (row_counts, 0005): the default
-- list's total is customers minus these, two rows read.
CREATE TRIGGER customers_archived_counted AFTER UPDATE OF archived_at ON customers
WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN
  INSERT INTO row_counts (workspace_id, table_name, row_count)
  VALUES (NEW.workspace_id, 'customers_archived', CASE WHEN NEW.archived_at IS NULL THEN -1 ELSE 1 END)
    ON CONFLICT (workspace_id, table_name) DO UPDATE SET row_count = row_count + excluded.row_count;
END;

-- A property row takes its customer's archived state when written, and follows it.
CREATE TRIGGER customer_properties_archived_insert AFTER INSERT ON customer_properties
WHEN EXISTS (SELECT 1 FROM customers WHERE workspace_id = NEW.workspace_id AND id = NEW.customer_id AND archived_at IS NOT NULL)
BEGIN
  UPDATE customer_properties SET archived = 1 WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.customer_id AND key = NEW.key;
END;

CREATE TRIGGER customers_archived_properties AFTER UPDATE OF archived_at ON customers
WHEN (OLD.archived_at IS NULL) <> (NEW.archived_at IS NULL)
BEGIN
  UPDATE customer_properties SET archived = (NEW.archived_at IS NOT NULL) WHERE workspace_id = NEW.workspace_id AND customer_id = NEW.id;
END;

CREATE TRIGGER customers_archived_counted_delete AFTER DELETE ON customers
WHEN OLD.archived_at IS NOT NULL
BEGIN
  UPDATE row_counts SET row_count = row_count - 1 WHERE workspace_id = OLD.workspace_id AND table_name = 'customers_archived';
END;

