import { parseBody, validate } from "../../http/body";
import { notFound } from "../../http/errors";
import type { Handler } from "../../http/context";
import * as store from "../../db/customers";
import { sequencePage } from "../../surfaces/sequencePagination";
import { CustomerBody, CustomerListQuery, toFields, toWire } from "./schemas";

/** POST /api/customers */
export const createCustomer: Handler = async (request) => {
  const body = await parseBody(request, CustomerBody);
  const customer = await store.insertCustomer(request.db, request.auth.workspaceId, toFields(body));
  return Response.json(toWire(customer), { status: 201 });
};

/** GET /api/customers: Sequence cursor pagination, filters legalName and email. */
export const listCustomers: Handler = async (request) => {
  const { legalName, email, ...pageQuery } = validate(CustomerListQuery, request.query);
  const page = await store.listCustomers(request.db, request.auth.workspaceId, { legalName, email }, pageQuery);
  return Response.json(sequencePage(page, pageQuery, (customer) => customer.id, toWire));
};

/** GET /api/customers/{id} */
export const getCustomer: Handler = async (request) => {
  const customer = await store.findCustomer(request.db, request.auth.workspaceId, request.params.id ?? "");
  if (!customer) throw notFound("customer");
  return Response.json(toWire(customer));
};

/** PUT /api/customers/{id}: replaces the customer's fields; its organizations are untouched. */
export const replaceCustomer: Handler = async (request) => {
  const body = await parseBody(request, CustomerBody);
  const customer = await store.replaceCustomer(request.db, request.auth.workspaceId, request.params.id ?? "", toFields(body));
  if (!customer) throw notFound("customer");
  return Response.json(toWire(customer));
};
