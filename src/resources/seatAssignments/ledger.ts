import { listLedger } from "../../db/seatLedger";
import type { Handler } from "../../shared/route";
import { type LedgerQuery, toLedgerPageWire } from "./ledgerSchemas";

/** GET /api/v2/seats/users/ledger: the workspace's seat ledger in the order written (a Seatkeeper extension). */
export const listSeatLedger: Handler<{ query: LedgerQuery }> = async ({ query }, request) => {
  const page = await listLedger(
    request.db,
    request.auth.workspaceId,
    { productCode: query["filter[product_code]"], userId: query["filter[user_uuid]"], from: query["filter[from]"], to: query["filter[to]"] },
    { limit: query["page[limit]"], after: query["page[cursor]"] ?? 0 },
  );
  return Response.json(toLedgerPageWire(query, page));
};
