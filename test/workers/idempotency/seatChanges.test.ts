// Idempotency-Key on Datadog's seat changes: the key's record is written in the seat object's own
// D1 batch, with what the change did, so a retry is answered what the first attempt did.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { call, createTenant, expectJson, type Tenant } from "../helpers";
import { assignBody, countRows, failingBetweenCommitAndAnswer, keyed, later, newKey, seatsToAssign } from "./fixtures";

const SEATS = "/api/v2/seats/users";
const DAY = 24 * 60 * 60 * 1000;

let tenant: Tenant;
beforeAll(async () => {
  tenant = await createTenant();
});

const assign = (key: string, productCode: string, userIds: string[]) => call("POST", SEATS, keyed(tenant.headers.datadog, key), assignBody(productCode, userIds));
const unassign = (key: string, productCode: string, userIds: string[]) =>
  call("DELETE", SEATS, keyed(tenant.headers.datadog, key), assignBody(productCode, userIds));

describe("Datadog: a retried assign", () => {
  it("answers what the first seated, with its id, marked replayed, and seats once", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 3);
    const [a, b, c] = userIds as [string, string, string];
    const key = newKey();
    const first = await expectJson(await assign(key, productCode, [a, b]), 201);
    expect(first.data.attributes.assigned_ids).toEqual([a, b]);
    // Someone else seats c and unseats b meanwhile: the retry still tells what the first did.
    await expectJson(await call("POST", SEATS, tenant.headers.datadog, assignBody(productCode, [c])), 201);
    const retry = await assign(key, productCode, [a, b]);
    expect(await expectJson(retry, 201)).toEqual(first);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(await countRows("seat_assignments", tenant.workspaceId)).toBe(3);
  });

  it("a retried unassign answers 204 again and unseats once", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 1);
    await expectJson(await call("POST", SEATS, tenant.headers.datadog, assignBody(productCode, userIds)), 201);
    const key = newKey();
    expect((await unassign(key, productCode, userIds)).status).toBe(204);
    const retry = await unassign(key, productCode, userIds);
    expect(retry.status).toBe(204);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
  });

  it("the same key for other users: 422 naming the key, in Datadog's shape, nothing seated", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 2);
    const key = newKey();
    await expectJson(await assign(key, productCode, [userIds[0]!]), 201);
    const before = await countRows("seat_assignments", tenant.workspaceId);
    const body = await expectJson(await assign(key, productCode, [userIds[1]!]), 422);
    expect(body).toEqual({ errors: [expect.stringContaining(key)] });
    expect(await countRows("seat_assignments", tenant.workspaceId)).toBe(before);
  });

  it("racing duplicates seat once, and all answer the same assigned_ids", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 2);
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 5 }, () => assign(key, productCode, userIds)));
    const bodies = await Promise.all(answers.map((answer) => expectJson(answer, 201)));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(bodies[0].data.attributes.assigned_ids).toEqual(userIds);
    expect(answers.filter((answer) => answer.headers.get("idempotent-replayed") === null)).toHaveLength(1);
  });

  it("a failure between the object's commit and the answer: the retry answers what the first seated", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 2);
    const key = newKey();
    const lost = await failingBetweenCommitAndAnswer(() => assign(key, productCode, userIds));
    expect(lost.status).toBe(500);
    const retry = await assign(key, productCode, userIds);
    const body = await expectJson(retry, 201);
    expect(body.data.attributes.assigned_ids).toEqual(userIds);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    // Without the key, the same assign would have said nobody was newly seated.
    expect((await expectJson(await call("POST", SEATS, tenant.headers.datadog, assignBody(productCode, userIds)), 201)).data.attributes.assigned_ids).toEqual([]);
  });

  it("a refusal (over the cap) is not stored: once a seat is free the same key runs", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 2, 1);
    const [a, b] = userIds as [string, string];
    await expectJson(await call("POST", SEATS, tenant.headers.datadog, assignBody(productCode, [a])), 201);
    const key = newKey();
    expect((await assign(key, productCode, [b])).status).toBe(422);
    expect((await call("DELETE", SEATS, tenant.headers.datadog, assignBody(productCode, [a]))).status).toBe(204);
    const retry = await assign(key, productCode, [b]);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect((await expectJson(retry, 201)).data.attributes.assigned_ids).toEqual([b]);
  });

  it("after 24 hours the key is new again", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 1);
    const key = newKey();
    await expectJson(await assign(key, productCode, userIds), 201);
    const dayLater = await later(DAY + 60_000, () => assign(key, productCode, userIds));
    expect(dayLater.headers.get("idempotent-replayed")).toBeNull();
    expect((await expectJson(dayLater, 201)).data.attributes.assigned_ids).toEqual([]);
  });

  it("a key first used on a Sequence write is refused here (422), never run", async () => {
    const { productCode, userIds } = await seatsToAssign(tenant, 1);
    const key = newKey();
    await expectJson(await call("POST", "/api/seat-metrics", keyed(tenant.headers.sequence, key), { seatType: `k_${crypto.randomUUID().slice(0, 6)}`, label: "k" }), 201);
    expect((await assign(key, productCode, userIds)).status).toBe(422);
    const held = await env.DB.prepare("SELECT count(*) AS n FROM seat_assignments WHERE workspace_id = ?1 AND product_code = ?2")
      .bind(tenant.workspaceId, productCode)
      .first<{ n: number }>();
    expect(held!.n).toBe(0);
  });
});
