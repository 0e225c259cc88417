import { ApiError, notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as store from "../../db/customerAliases";
import { BY_ALIAS, findCustomer } from "../../db/customers";
import { nowIso } from "../../shared/ids";
import { encodeCursor, sequencePage } from "../../surfaces/sequencePagination";
import { aliasTaken } from "./customerRefusals";
import { type AliasListQuery, type CreateAliasBody, type UpdateAliasBody, toAliasWire, toCustomerAliasWire, toLegacyCustomerWire } from "./aliasSchemas";

type ById = { params: { id: string } };

/** GET /api/customer-aliases: newest first, Sequence cursor pagination (PaginationMeta5). */
export const listAliases: Handler<{ query: AliasListQuery }> = async ({ query }, request) => {
  const page = { limit: query.limit, direction: "DESC" as const, after: query.after, before: query.before };
  const found = await store.listAliases(request.db, request.auth.workspaceId, query.value, page);
  return Response.json(sequencePage(found, query, (alias) => encodeCursor([alias.id]), (alias) => toAliasWire(alias), "omit"));
};

/** POST /api/customer-aliases: 201; the value must name no customer yet. */
export const createAlias: Handler<{ body: CreateAliasBody }> = async ({ body }, request) => {
  const outcome = await store.createAlias(request.db, request.auth.workspaceId, body.customerId, body.value, body.label ?? null);
  if (outcome.ok) return Response.json(toAliasWire(outcome.alias), { status: 201 });
  if (outcome.reason === "taken") throw aliasTaken([outcome.taken]);
  throw new ApiError(422, "customer_not_found", `customerId names no customer of this workspace: ${body.customerId}`);
};

/** PUT /api/customer-aliases/{id}: sets (or clears) the label. */
export const updateAlias: Handler<ById & { body: UpdateAliasBody }> = async ({ params, body }, request) => {
  const alias = await store.relabelAlias(request.db, request.auth.workspaceId, params.id, body.label ?? null);
  if (!alias) throw notFound("customer_alias");
  return Response.json(toAliasWire(alias));
};

/** DELETE /api/customer-aliases/{id}: 200 with the alias and deletedAt; the value may be used again. */
export const deleteAlias: Handler<ById> = async ({ params }, request) => {
  const alias = await store.deleteAlias(request.db, request.auth.workspaceId, params.id);
  if (!alias) throw notFound("customer_alias");
  return Response.json(toAliasWire(alias, nowIso()));
};

/** GET /api/customers/{id}/aliases: all of the customer's aliases, oldest first. */
export const customerAliases: Handler<ById> = async ({ params }, request) => {
  const aliases = await store.aliasesOf(request.db, request.auth.workspaceId, params.id);
  if (!aliases) throw notFound("customer");
  return Response.json({ items: aliases.map(toCustomerAliasWire) });
};

/** GET /api/customers/by-alias/{alias}: the customer the alias names, in 2024-05-09's shape (as Sequence documents). */
export const customerByAlias: Handler<{ params: { alias: string } }> = async ({ params }, request) => {
  const customer = await findCustomer(request.db, request.auth.workspaceId, params.alias, BY_ALIAS);
  if (!customer) throw notFound("customer", "No customer has this alias");
  return Response.json(toLegacyCustomerWire(customer));
};
