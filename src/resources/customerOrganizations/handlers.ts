import { parseBody, validate } from "../../http/body";
import { notFound } from "../../http/errors";
import type { Handler } from "../../http/context";
import * as hierarchy from "../../db/hierarchy";
import * as store from "../../db/organizations";
import { SequencePageQuery, sequencePage } from "../../surfaces/sequencePagination";
import { refusal } from "./refusals";
import { CreateCustomerOrganizationBody, distinct, MembersBody, toWire } from "./schemas";

/** POST /api/customer-organizations: 201, or refused whole (nothing written). */
export const createCustomerOrganization: Handler = async (request) => {
  const body = await parseBody(request, CreateCustomerOrganizationBody);
  const result = await hierarchy.createOrganization(request.db, request.auth.workspaceId, body.ownerId, distinct(body.memberIds));
  if (!result.ok) throw refusal(result.problems);
  return Response.json(toWire(result.organization), { status: 201 });
};

/** GET /api/customer-organizations */
export const listCustomerOrganizations: Handler = async (request) => {
  const query = validate(SequencePageQuery, request.query);
  const page = await store.listOrganizations(request.db, request.auth.workspaceId, query);
  return Response.json(sequencePage(page, query, (organization) => organization.id, toWire));
};

/** GET /api/customer-organizations/{id} */
export const getCustomerOrganization: Handler = async (request) => {
  const organization = await store.findOrganization(request.db, request.auth.workspaceId, request.params.id ?? "");
  if (!organization) throw notFound("customer_organization");
  return Response.json(toWire(organization));
};

/** POST /api/customer-organizations/{id}/members: adds customers; those already members stay. */
export const addMembers = changeMembers("add");

/** PUT /api/customer-organizations/{id}/members: the members become exactly these customers. */
export const replaceMembers = changeMembers("replace");

function changeMembers(mode: "add" | "replace"): Handler {
  return async (request) => {
    const body = await parseBody(request, MembersBody);
    const id = request.params.id ?? "";
    const result = await hierarchy.changeMembers(request.db, mode, request.auth.workspaceId, id, distinct(body.customerIds));
    if (!result.ok) throw refusal(result.problems);
    return Response.json(toWire(result.organization));
  };
}

/** DELETE /api/customer-organizations/{id}: 200 with the organization as it was; its members become free. */
export const deleteCustomerOrganization: Handler = async (request) => {
  const organization = await store.deleteOrganization(request.db, request.auth.workspaceId, request.params.id ?? "");
  if (!organization) throw notFound("customer_organization");
  return Response.json(toWire(organization));
};
