import { notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as store from "../../db/customers";
import { listCustomers as listPage, sortKeysOf } from "../../db/customerList";
import * as writes from "../../db/customerWrites";
import type { KeyValues } from "../../db/keyset";
import { encodeCursor, sequencePage } from "../../surfaces/sequencePagination";
import { customerRefusal, ownParent } from "./customerRefusals";
import { type CustomerListQuery, sortName, toListArgs } from "./listSchemas";
import { type CustomerBody, toCustomerWire, toFields, toListedCustomerWire } from "./schemas";

type ById = { params: { id: string } };

/** POST /api/customers: 201 with its contacts, aliases, properties and parent, or refused whole. */
export const createCustomer: Handler<{ body: CustomerBody }> = async ({ body }, request) => {
  const fields = toFields(body);
  const outcome = await writes.insertCustomer(request.db, request.auth.workspaceId, fields);
  if (!outcome.ok) throw customerRefusal(outcome.problems, undefined, fields.parentId);
  return Response.json(toCustomerWire(outcome.value), { status: 201 });
};

/** GET /api/customers: filtered, sorted, Sequence cursor pagination (PaginationMeta5). */
export const listCustomers: Handler<{ query: CustomerListQuery }> = async ({ query }, request) => {
  const { filters, page } = toListArgs(query);
  const found = await listPage(request.db, request.auth.workspaceId, filters, page);
  const cursor = (keys: KeyValues) => encodeCursor([sortName(page.sort), ...keys]);
  const cursorOf = (customer: store.ListedCustomer) => cursor(sortKeysOf(customer, page.sort));
  const resume = found.resume && cursor(found.resume);
  return Response.json(sequencePage({ ...found, resume }, query, cursorOf, toListedCustomerWire, "omit"));
};

/** GET /api/customers/{id}: archived customers too. */
export const getCustomer: Handler<ById> = async ({ params }, request) => {
  const customer = await store.findCustomer(request.db, request.auth.workspaceId, params.id);
  if (!customer) throw notFound("customer");
  return Response.json(toCustomerWire(customer));
};

/** PUT /api/customers/{id}: replaces the customer's fields and contacts; see CustomerBody for what stays. */
export const replaceCustomer: Handler<ById & { body: CustomerBody }> = async ({ body, params }, request) => {
  const fields = toFields(body);
  if (fields.parentId === params.id) throw ownParent();
  const outcome = await writes.replaceCustomer(request.db, request.auth.workspaceId, params.id, fields);
  if (!outcome.ok) throw customerRefusal(outcome.problems, params.id, fields.parentId);
  if (!outcome.value) throw notFound("customer");
  return Response.json(toCustomerWire(outcome.value));
};

/** POST /api/customers/{id}/archive: 200 with archivedAt; archiving again keeps the first time. */
export const archiveCustomer: Handler<ById> = async ({ params }, request) => {
  const customer = await store.archiveCustomer(request.db, request.auth.workspaceId, params.id);
  if (!customer) throw notFound("customer");
  return Response.json(toCustomerWire(customer));
};

/** GET /api/customer-custom-property-keys: every key some customer of the workspace has, archived ones included. */
export const listCustomPropertyKeys: Handler = async (_input, request) => {
  return Response.json({ items: await store.listCustomPropertyKeys(request.db, request.auth.workspaceId) });
};
