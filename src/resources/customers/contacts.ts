import { conflict, notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as store from "../../db/contacts";
import { type ContactBody, type ContactListQuery, toContactWire } from "./contactSchemas";

type OfCustomer = { params: { customer: string } };
type ById = { params: { customer: string; id: string } };

/** GET /api/customers/{customer}/contacts: every contact at once, archived ones when asked. */
export const listContacts: Handler<OfCustomer & { query: ContactListQuery }> = async ({ params, query }, request) => {
  const contacts = await store.listContacts(request.db, request.auth.workspaceId, params.customer, query.includeArchived);
  if (!contacts) throw notFound("customer");
  return Response.json({ items: contacts.map(toContactWire) });
};

/** POST /api/customers/{customer}/contacts: 201. */
export const createContact: Handler<OfCustomer & { body: ContactBody }> = async ({ params, body }, request) => {
  const contact = await store.addContact(request.db, request.auth.workspaceId, params.customer, body);
  if (!contact) throw notFound("customer");
  return Response.json(toContactWire(contact), { status: 201 });
};

/** PUT /api/customers/{customer}/contacts/{id}: replaces name, email and billing preference. */
export const replaceContact: Handler<ById & { body: ContactBody }> = async ({ params, body }, request) =>
  answer(await store.replaceContact(request.db, request.auth.workspaceId, params.customer, params.id, body));

/** POST /api/customers/{customer}/contacts/{id}/archive: archiving again keeps the first time. */
export const archiveContact: Handler<ById> = async ({ params }, request) =>
  answer(await store.archiveContact(request.db, request.auth.workspaceId, params.customer, params.id));

function answer(outcome: store.ContactOutcome): Response {
  if (outcome.ok) return Response.json(toContactWire(outcome.contact));
  if (outcome.reason === "not_found") throw notFound("contact", "Contact not found for this customer");
  throw conflict(
    "primary_contact_required",
    "This is the customer's last PRIMARY contact that is not archived; a customer keeps at least one. Make another contact PRIMARY first.",
  );
}
