import { notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as hierarchy from "../../db/hierarchy";
import * as store from "../../db/organizations";
import { type SequencePageQuery, sequencePage } from "../../surfaces/sequencePagination";
import { refusal } from "./organizationRefusals";
import { type CreateCustomerOrganizationBody, distinct, type MembersBody, toOrganizationWire } from "./organizationSchemas";

type ById = { params: { id: string } };

/** POST /api/customer-organizations: 201, or refused whole (nothing written). */
export const createCustomerOrganization: Handler<{ body: CreateCustomerOrganizationBody }> = async ({ body }, request) => {
  const result = await hierarchy.createOrganization(request.db, request.auth.workspaceId, body.ownerId, distinct(body.memberIds));
  if (!result.ok) throw refusal(result.problems);
  return Response.json(toOrganizationWire(result.organization), { status: 201 });
};

/** GET /api/customer-organizations */
export const listCustomerOrganizations: Handler<{ query: SequencePageQuery }> = async ({ query }, request) => {
  const page = await store.listOrganizations(request.db, request.auth.workspaceId, query);
  return Response.json(sequencePage(page, query, (organization) => organization.id, toOrganizationWire));
};

/** GET /api/customer-organizations/{id} */
export const getCustomerOrganization: Handler<ById> = async ({ params }, request) => {
  const organization = await store.findOrganization(request.db, request.auth.workspaceId, params.id);
  if (!organization) throw notFound("customer_organization");
  return Response.json(toOrganizationWire(organization));
};

/** POST /api/customer-organizations/{id}/members: adds customers; those already members stay. */
export const addMembers = changeMembers("add");

/** PUT /api/customer-organizations/{id}/members: the members become exactly these customers. */
export const replaceMembers = changeMembers("replace");

function changeMembers(mode: "add" | "replace"): Handler<ById & { body: MembersBody }> {
  return async ({ body, params }, request) => {
    const ids = distinct(body.customerIds);
    const result = await hierarchy.changeMembers(request.db, mode, request.auth.workspaceId, params.id, ids);
    if (!result.ok) throw refusal(result.problems);
    return Response.json(toOrganizationWire(result.organization));
  };
}

/** DELETE /api/customer-organizations/{id}: 200 with the organization as it was; its members become free. */
export const deleteCustomerOrganization: Handler<ById> = async ({ params }, request) => {
  const organization = await store.deleteOrganization(request.db, request.auth.workspaceId, params.id);
  if (!organization) throw notFound("customer_organization");
  return Response.json(toOrganizationWire(organization));
};
