import { ApiError, conflict, notFound } from "../../shared/errors";
import type { Handler } from "../../shared/route";
import * as store from "../../db/customerUsers";
import { type SequencePageQuery, sequencePage } from "../../surfaces/sequencePagination";
import { distinct } from "./organizationSchemas";
import { type CustomerUsersBody, toCustomerUserWire } from "./userSchemas";

type ById = { params: { id: string } };

/** The first page a link answers with; the rest is GET's, from `pagination.after`. */
const ANSWERED = 100;

/** GET /api/customers/{id}/users: the customer's users in creation order. */
export const listCustomerUsers: Handler<ById & { query: SequencePageQuery }> = async ({ params, query }, request) => {
  const page = await store.listCustomerUsers(request.db, request.auth.workspaceId, params.id, query);
  if (!page) throw notFound("customer");
  return Response.json(pageWire(page, query));
};

/** POST /api/customers/{id}/users: links the users; those linked already stay. */
export const addCustomerUsers = changeUsers("add");

/** PUT /api/customers/{id}/users: the customer's users become exactly these; the others are unlinked. */
export const replaceCustomerUsers = changeUsers("replace");

function changeUsers(mode: "add" | "replace"): Handler<ById & { body: CustomerUsersBody }> {
  return async ({ params, body }, request) => {
    const page = { limit: ANSWERED };
    const outcome = await store.linkUsers(request.db, mode, request.auth.workspaceId, params.id, distinct(body.userIds), page);
    if (!outcome.ok) throw linkRefusal(outcome.reason, params.id);
    return Response.json(pageWire(outcome.page, page));
  };
}

function pageWire(page: store.LinkedUsersPage, query: { limit: number; after?: string | undefined; before?: string | undefined }) {
  return sequencePage(page, query, (user) => user.id, toCustomerUserWire, "omit");
}

/** 404 for an unknown customer, 409 for an archived one or a user of another customer (naming each), 422 for unknown users. */
function linkRefusal(reason: store.LinkRefusal, customerId: string): ApiError {
  switch (reason.kind) {
    case "customer_not_found":
      return notFound("customer");
    case "customer_archived":
      return conflict("customer_archived", `Customer ${customerId} is archived: it takes no users`);
    case "unknown_users":
      return new ApiError(422, "user_not_found", `Unknown user ids in this workspace: ${reason.userIds.join(", ")}`);
    case "linked_elsewhere":
      return conflict(
        "user_belongs_to_another_customer",
        reason.links.map((link) => `User ${link.userId} belongs to customer ${link.customerId}`).join("; ") +
          ". A user belongs to at most one customer: unlink them there first (PUT that customer's users without them).",
      );
  }
}
