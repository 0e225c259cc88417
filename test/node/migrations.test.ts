// An applied migration never changes (docs/operations.md): a database that
// ran it keeps what it built, so an edit would leave such databases behind
// fresh ones, silently (wrangler applies each file once, by name). Each
// file's SHA-256 is pinned here when it lands; a change to the schema is a
// new migration, whose hash joins the list.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { expect, it } from "vitest";

const PINNED: Record<string, string> = {
  "0001_foundation.sql": "6fa0b9949f49faceb2543618688efe98f1b68ca2e3fba4143465e9dc4f3448ab",
  "0002_users.sql": "6b20efd67ea4a4d3b7d56ca053a772bab9d1cc6e3bf4cd8d64104cf2038651e8",
  "0003_customers.sql": "6dc47fc526407c1a50aeca1fa0604eecd56a478c1e5071f92c8d78570edf1e32",
  "0004_seat_assignments.sql": "2144f42080cd8e38170cd0f44d691a96a5ebb5b56bb5038f09726ba14641f824",
  "0005_row_counts.sql": "3b64b82888635c7f7d139b697d615c2034856001f7947315213a696e3e6daaab",
  "0006_scale_free_reads.sql": "cad501343314eb445237937d283c649ecdfdeba797cc0702b86c68023b0c96d6",
  "0007_key_gate.sql": "9c5755c05d06fa63a40b392a8bb5a49309e928604688dadd5dcf6f637875138d",
  "0008_search_by_workspace.sql": "3b120c84c8f9f951e1096db808b170b9f365a6ad7b7f4266aced1d9f554b0735",
  "0009_search_marks.sql": "148cf7a2098ed59c4befc3da0ae3800b4e03e0cce309f14764473b2d1fbdd571",
  "0010_key_gate_verified.sql": "e98b8ff2be52c62e2a6c6cc7b91bc6ec520fe0c9bd6c9a4437df605573ec0868",
  "0011_customers_2024_07_30.sql": "097d83f1ff92219f21021041bb93dd512755f8f657b30a09403d7013d5107707",
  "0012_write_context.sql": "f78f1be47bd801582e32ba8ee1a29be950567ed312b4a5a43939622b0426c6a2",
  "0013_seat_ledger.sql": "0fbce11a5f32e76228819e0b15e0c5599df18f6fde130a19de1564048cec1c4a",
  "0014_seat_events_and_balances.sql": "bb432deb6d3f8163aad7fcaeabd7dbb48f75af0753815d6cf75445126c0bc29a",
  "0017_idempotency.sql": "9766d0f5be95de072289d0d227bb88a440c10d1e7f6379bbbb6107c0ff90b45b",
  "0020_events.sql": "c829b1e3509c479ca1962bd646219863c18cbaf21e79c6c0a68cc5dd535becb7",
  "0021_webhooks.sql": "92e5cfb26698bd64b415afab5ff7b30c3be148ea85187233d84866b8ca7595f3",
  "0022_departing_users.sql": "21e93283eb695247d6795caf624e401ce1d8086c8611e16d9f5038e63595baa3",
  "0023_organization_names.sql": "13615b06093599cf303190714b648dce0d8e04124f037fa89ce97a14f46c37e4",
  "0024_named_key_ids.sql": "f18a78252ac1425a891740ca7c4ef51ba5a9e7388530974188117cb68411a63f",
  "0025_key_gate_with_context.sql": "01653c478ccd2a4db8c6943061b1d67b95c1fcfaa13558804c7d9636ac8e9ad5",
  "0026_outbox_probe_on_clear.sql": "4e93a5aece827d833803033dc1ae5400c0f0dbe50a02a25bee783110a5e716e5",
  "0027_users_evented_on_change.sql": "4bc4630b5fd954a16818606f9d871290040ba58949af13c8f06870c1a56fc372",
};

it("keeps every applied migration byte for byte, and has each new one pinned", () => {
  const hashes = Object.fromEntries(
    readdirSync("migrations")
      .filter((file) => file.endsWith(".sql"))
      .sort()
      // Line endings as committed: a CRLF checkout (git's autocrlf) holds the same SQL.
      .map((file) => [file, createHash("sha256").update(readFileSync(`migrations/${file}`, "utf8").replaceAll("\r\n", "\n")).digest("hex")]),
  );
  expect(hashes).toEqual(PINNED);
});
