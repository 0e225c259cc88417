import { listEvents } from "../db/events";
import type { Handler } from "../shared/route";
import { toEventWire } from "./render";
import type { EventListQuery } from "./schemas";

/** GET /api/events: the workspace's events in the order written, for catching up without webhooks. */
export const listEventFeed: Handler<{ query: EventListQuery }> = async ({ query }, request) => {
  const page = await listEvents(
    request.db,
    request.auth.workspaceId,
    { types: query.type, from: query.from, to: query.to },
    { limit: query.limit, after: query.after ?? 0 },
  );
  const last = page.items.at(-1);
  // Where a poller resumes once newer events are written: this page's last event, else where it asked from.
  const resumeAfter = last ? String(last.seq) : (query.after?.toString() ?? null);
  return Response.json({
    items: page.items.map(toEventWire),
    pagination: { after: page.hasMore ? resumeAfter : null, resumeAfter },
  });
};
