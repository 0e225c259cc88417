// Events as receivers see them: the outbox's raw snapshot rendered by the
// resource's own wire mapper, so an event shows the resource exactly as its
// surface answers it (Seam for user identities, Sequence for seat metrics,
// customers and organizations, Datadog for seats). This module sits above
// the resource folders (.dependency-cruiser.cjs: events) because it uses
// several families' mappers.
import type { ContactRow } from "../db/contacts";
import { toListedCustomer, type CustomerRow } from "../db/customers";
import type { EventRecord } from "../db/events";
import { toContact } from "../db/contacts";
import type { CustomerOrganization } from "../db/organizations";
import { toLedgerEntry, type LedgerRow } from "../db/seatLedger";
import { toSeatMetric, type SeatMetricRow } from "../db/seatMetrics";
import { toUser, type UserRow } from "../db/users";
import { toCustomerWire } from "../resources/customers/schemas";
import { toOrganizationWire } from "../resources/customers/organizationSchemas";
import { toLedgerEntryWire } from "../resources/seatAssignments/ledgerSchemas";
import { toSeatMetricWire } from "../resources/seatMetrics/schemas";
import { toUserIdentityWire } from "../resources/userIdentities/schemas";

/** An event on the wire: the feed's item and a webhook's body. */
export interface EventWire {
  id: string;
  type: string;
  timestamp: string;
  workspace_id: string;
  request_id: string | null;
  data: unknown;
}

/** The event as the feed lists it and a webhook carries it. */
export function toEventWire(event: EventRecord): EventWire {
  return {
    id: event.id,
    type: event.type,
    timestamp: event.occurredAt,
    workspace_id: event.workspaceId,
    request_id: event.requestId,
    data: renderResource(event),
  };
}

type Snapshot = Record<string, unknown>;

const RENDERERS: Record<EventRecord["resourceKind"], (snapshot: Snapshot) => unknown> = {
  user_identity: (snapshot) => toUserIdentityWire(toUser(snapshot as unknown as UserRow)),
  seat_metric: (snapshot) => toSeatMetricWire(toSeatMetric(snapshot as unknown as SeatMetricRow)),
  customer: (snapshot) => {
    const row = snapshot as unknown as Omit<CustomerRow, "custom_properties"> & {
      custom_properties: object;
      contacts: ContactRow[];
      organizations: CustomerOrganization[];
    };
    // The snapshot nests the properties as JSON; the row type holds them as text.
    const listed = toListedCustomer({ ...row, custom_properties: JSON.stringify(row.custom_properties) }, row.organizations);
    return toCustomerWire({ ...listed, contacts: row.contacts.map(toContact) });
  },
  customer_organization: (snapshot) => toOrganizationWire(snapshot as unknown as CustomerOrganization),
  // Datadog's JSON:API entry of the seat ledger, with the user's customer (null when none).
  seat: (snapshot) => {
    const entry = toLedgerEntryWire(toLedgerEntry(snapshot as unknown as LedgerRow));
    return { ...entry, attributes: { ...entry.attributes, customer_id: (snapshot.customer_id as string | null) ?? null } };
  },
  // Sequence's balance fields, camel-cased as its seat balances are.
  seat_balance: (snapshot) => ({
    customerId: snapshot.customer_id,
    seatType: snapshot.seat_type,
    total: snapshot.total,
    changeTimestamp: snapshot.change_timestamp,
  }),
};

function renderResource(event: EventRecord): unknown {
  return RENDERERS[event.resourceKind](event.snapshot);
}
