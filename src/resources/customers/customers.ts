import { notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as store from "../../db/customers";
import { sequencePage } from "../../surfaces/sequencePagination";
import { type CustomerBody, type CustomerListQuery, toCustomerWire, toFields } from "./schemas";

type ById = { params: { id: string } };

/** POST /api/customers */
export const createCustomer: Handler<{ body: CustomerBody }> = async ({ body }, request) => {
  const customer = await store.insertCustomer(request.db, request.auth.workspaceId, toFields(body));
  return Response.json(toCustomerWire(customer), { status: 201 });
};

/** GET /api/customers: Sequence cursor pagination, filters legalName and email. */
export const listCustomers: Handler<{ query: CustomerListQuery }> = async ({ query }, request) => {
  const { legalName, email, ...pageQuery } = query;
  const page = await store.listCustomers(request.db, request.auth.workspaceId, { legalName, email }, pageQuery);
  return Response.json(sequencePage(page, pageQuery, (customer) => customer.id, toCustomerWire));
};

/** GET /api/customers/{id} */
export const getCustomer: Handler<ById> = async ({ params }, request) => {
  const customer = await store.findCustomer(request.db, request.auth.workspaceId, params.id);
  if (!customer) throw notFound("customer");
  return Response.json(toCustomerWire(customer));
};

/** PUT /api/customers/{id}: replaces the customer's fields; its organizations are untouched. */
export const replaceCustomer: Handler<ById & { body: CustomerBody }> = async ({ body, params }, request) => {
  const customer = await store.replaceCustomer(request.db, request.auth.workspaceId, params.id, toFields(body));
  if (!customer) throw notFound("customer");
  return Response.json(toCustomerWire(customer));
};
