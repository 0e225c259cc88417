import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, createTenant, expectJson } from "../helpers";
import { assigned, createSeatType, insertUsers, listAll, SEATS, unassign } from "./fixtures";

describe("GET /api/v2/seats/users", () => {
  it("lists holders in Datadog's seat-users shape with meta", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const [user] = await insertUsers(tenant.workspaceId, 1);
    await assigned(tenant, "apm", [user!]);
    const stored = await env.DB.prepare("SELECT email_address, full_name FROM users WHERE id = ?1")
      .bind(user!)
      .first<{ email_address: string; full_name: string }>();

    const body = await expectJson(await call("GET", `${SEATS}?product_code=apm`, tenant.headers.datadog), 200);

    expect(body).toEqual({
      data: [
        {
          id: user,
          type: "seat-users",
          attributes: { assigned_at: expect.any(String), email: stored!.email_address, name: stored!.full_name },
        },
      ],
      meta: { limit: 100 },
    });
    expect(new Date(body.data[0].attributes.assigned_at).toISOString()).toBe(body.data[0].attributes.assigned_at);
  });

  // Datadog's SeatUserDataAttributes types both as optional strings, never null.
  it("leaves out the email and name of users without them", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const id = crypto.randomUUID();
    await env.DB.prepare("INSERT INTO users (workspace_id, id, created_at) VALUES (?1, ?2, ?3)")
      .bind(tenant.workspaceId, id, new Date().toISOString())
      .run();
    await assigned(tenant, "apm", [id]);

    const body = await expectJson(await call("GET", `${SEATS}?product_code=apm`, tenant.headers.datadog), 200);
    expect(body.data[0].attributes).toEqual({ assigned_at: expect.any(String) });
  });

  it("pages with literal and percent-encoded brackets alike", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const users = await insertUsers(tenant.workspaceId, 5);
    await assigned(tenant, "apm", users);
    const sorted = [...users].sort();

    const literal = await expectJson(await call("GET", `${SEATS}?product_code=apm&page[limit]=2`, tenant.headers.datadog), 200);
    const encoded = await expectJson(
      await call("GET", `${SEATS}?product_code=apm&page%5Blimit%5D=2&page%5Bcursor%5D=${literal.meta.next_cursor}`, tenant.headers.datadog),
      200,
    );

    expect(literal.data.map((u: { id: string }) => u.id)).toEqual(sorted.slice(0, 2));
    expect(literal.meta).toEqual({ limit: 2, next_cursor: sorted[1] });
    expect(encoded.data.map((u: { id: string }) => u.id)).toEqual(sorted.slice(2, 4));
    expect(encoded.meta).toEqual({ cursor: sorted[1], limit: 2, next_cursor: sorted[3] });
    expect(await listAll(tenant, "apm", 2)).toEqual(sorted);
  });

  it("never skips or repeats a holder while assignments change during the walk", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const users = await insertUsers(tenant.workspaceId, 12);
    const sorted = [...users].sort();
    const steady = sorted.filter((_, i) => i % 3 !== 0); // held throughout
    const churn = sorted.filter((_, i) => i % 3 === 0); // come and go during the walk
    await assigned(tenant, "apm", sorted);

    const seen: string[] = [];
    let cursor: string | null = null;
    let round = 0;
    do {
      const query: string = `product_code=apm&page[limit]=3${cursor ? `&page[cursor]=${cursor}` : ""}`;
      const page = await expectJson(await call("GET", `${SEATS}?${query}`, tenant.headers.datadog), 200);
      seen.push(...page.data.map((u: { id: string }) => u.id));
      cursor = page.meta.next_cursor;
      // Between pages: drop the churning users, then seat them again (alternating).
      if (round++ % 2 === 0) await unassign(tenant, "apm", churn);
      else await assigned(tenant, "apm", churn);
    } while (cursor);

    expect(new Set(seen).size).toBe(seen.length);
    for (const id of steady) expect(seen).toContain(id);
    expect(seen).toEqual([...seen].sort());
  });

  it.each([
    ["product_code missing", "", 400],
    ["product_code empty", "?product_code=", 400],
    ["page[limit] zero", "?product_code=apm&page[limit]=0", 400],
    ["page[limit] above 1000", "?product_code=apm&page[limit]=1001", 400],
    ["page[limit] not a number", "?product_code=apm&page%5Blimit%5D=ten", 400],
    // Not a user id, so no page's next_cursor: an empty page would read as the end of the walk.
    ["page[cursor] not a user id", "?product_code=apm&page[cursor]=garbage", 400],
    ["unknown product code", "?product_code=nope", 422],
  ])("answers %s with %i", async (_case, query, status) => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const body = await expectJson(await call("GET", `${SEATS}${query}`, tenant.headers.datadog), status);
    expect(body).toEqual({ errors: [expect.any(String)] });
  });

  it("names page[cursor] when it is not a user id", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const body = await expectJson(await call("GET", `${SEATS}?product_code=apm&page[cursor]=garbage`, tenant.headers.datadog), 400);
    expect(body.errors[0]).toContain("page[cursor]");
  });

  it("reads a UUID cursor that names no holder as a position in user-id order", async () => {
    const tenant = await createTenant();
    await createSeatType(tenant, "apm");
    const sorted = (await insertUsers(tenant.workspaceId, 4)).sort();
    await assigned(tenant, "apm", sorted);
    // The id one above the second holder's, which nobody holds: the page starts at the third holder.
    const hex = (BigInt(`0x${sorted[1]!.replaceAll("-", "")}`) + 1n).toString(16).padStart(32, "0");
    const cursor = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
    expect(cursor > sorted[1]! && cursor < sorted[2]!).toBe(true);
    const page = await expectJson(await call("GET", `${SEATS}?product_code=apm&page[cursor]=${cursor}`, tenant.headers.datadog), 200);
    expect(page.data.map((u: { id: string }) => u.id)).toEqual(sorted.slice(2));
    const past = await expectJson(await call("GET", `${SEATS}?product_code=apm&page[cursor]=ffffffff-ffff-4fff-bfff-ffffffffffff`, tenant.headers.datadog), 200);
    expect(past).toEqual({ data: [], meta: { cursor: "ffffffff-ffff-4fff-bfff-ffffffffffff", limit: 100 } });
  });

  it("names a missing or empty product_code in the 400 in Datadog's words, and a repeated one as repeated", async () => {
    const tenant = await createTenant();
    const body = await expectJson(await call("GET", SEATS, tenant.headers.datadog), 400);
    expect(body.errors).toEqual(["product_code query parameter is required"]);
    const empty = await expectJson(await call("GET", `${SEATS}?product_code=`, tenant.headers.datadog), 400);
    expect(empty.errors).toEqual(["product_code query parameter is required"]);
    const repeated = await expectJson(await call("GET", `${SEATS}?product_code=apm&product_code=other`, tenant.headers.datadog), 400);
    expect(repeated.errors).toEqual(["product_code is repeated"]);
  });
});
