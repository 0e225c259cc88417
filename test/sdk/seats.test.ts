// Sendblue's official SDK (`sendblue`) against the served Worker: list, count
// and retrieve seats (the users created through Seam), and its error classes.
import { SeamHttp } from "@seamapi/http";
import SendblueAPI, { AuthenticationError, BadRequestError, NotFoundError, PermissionDeniedError } from "sendblue";
import { beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "./workspace.ts";

function sendblueFor(key: TestKey, secret = key.secret): SendblueAPI {
  // No retries: a refused request must surface at once, and be sent once.
  return new SendblueAPI({ apiKey: key.keyId, apiSecret: secret, baseURL: key.baseUrl, maxRetries: 0 });
}

describe("Sendblue SDK: seats are the workspace's users", () => {
  let key: TestKey;
  let sendblue: SendblueAPI;
  const ids: string[] = [];

  beforeAll(async () => {
    key = await createWorkspaceWithKey();
    sendblue = sendblueFor(key);
    const seam = new SeamHttp({ apiKey: key.token, endpoint: key.baseUrl });
    const people = [
      { user_identity_key: "auth0|rep", email_address: "rep@example.com", phone_number: "+19998887777", full_name: "Jane Doe" },
      { user_identity_key: "team/ops a", full_name: "Cher" },
      { email_address: "third@example.com" },
      { user_identity_key: "count" },
    ];
    for (const person of people) ids.push((await seam.userIdentities.create(person)).user_identity_id);
  });

  it("seats.list() returns every seat in creation order, mapped from the users", async () => {
    const seats = await sendblue.v2.seats.list();
    expect(seats.map((seat) => seat.seat_id)).toEqual(ids);
    expect(seats[0]).toEqual({
      seat_id: ids[0],
      account: key.workspaceName,
      email: "rep@example.com",
      first_name: "Jane",
      last_name: "Doe",
      forwarding_number: "+19998887777",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(seats[1]).toMatchObject({ first_name: "Cher", last_name: null, forwarding_number: null });
    expect(seats[1]).not.toHaveProperty("email");
  });

  it("seats.list() filters by email and pages with limit and offset", async () => {
    expect((await sendblue.v2.seats.list({ email: "rep@example.com" })).map((seat) => seat.seat_id)).toEqual([ids[0]]);
    const pages = [];
    for (let offset = 0; offset < ids.length; offset += 3) {
      pages.push(...(await sendblue.v2.seats.list({ limit: 3, offset })).map((seat) => seat.seat_id));
    }
    expect(pages).toEqual(ids);
  });

  it("seats.count() counts, with the email filter too; /count wins over a user keyed `count`", async () => {
    expect(await sendblue.v2.seats.count()).toEqual({ count: 4 });
    expect(await sendblue.v2.seats.count({ email: "third@example.com" })).toEqual({ count: 1 });
    expect(await sendblue.v2.seats.count({ email: "nobody@example.com" })).toEqual({ count: 0 });
  });

  it("seats.retrieve() by seat id and by auth subject, which the SDK percent-encodes", async () => {
    const byId = await sendblue.v2.seats.retrieve(ids[0]!);
    expect(byId.status).toBe("OK");
    expect(byId.seat?.seat_id).toBe(ids[0]);
    expect((await sendblue.v2.seats.retrieve("auth0|rep")).seat?.seat_id).toBe(ids[0]);
    expect((await sendblue.v2.seats.retrieve("team/ops a")).seat).toMatchObject({ seat_id: ids[1], account: key.workspaceName });
  });

  it("throws NotFoundError for an unknown seat", async () => {
    const error = await sendblue.v2.seats.retrieve("00000000-0000-7000-8000-000000000000").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, error: { status: "ERROR", message: "Seat not found" } });
  });

  it("throws BadRequestError for a negative or oversized limit and a negative offset", async () => {
    await expect(sendblue.v2.seats.list({ limit: -1 })).rejects.toBeInstanceOf(BadRequestError);
    await expect(sendblue.v2.seats.list({ limit: 501 })).rejects.toBeInstanceOf(BadRequestError);
    await expect(sendblue.v2.seats.list({ offset: -5 })).rejects.toMatchObject({ status: 400, error: { status: "ERROR" } });
  });

  it("throws AuthenticationError for a wrong secret or an unknown key", async () => {
    await expect(sendblueFor(key, "wrong-secret").v2.seats.list()).rejects.toBeInstanceOf(AuthenticationError);
    const stranger = { ...key, keyId: "0".repeat(32) };
    await expect(sendblueFor(stranger).v2.seats.count()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("throws PermissionDeniedError when the key lacks users_read", async () => {
    const writer = sendblueFor(await createWorkspaceWithKey(["users_write"]));
    await expect(writer.v2.seats.list()).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("another workspace sees none of these seats", async () => {
    const other = sendblueFor(await createWorkspaceWithKey());
    expect(await other.v2.seats.list()).toEqual([]);
    expect(await other.v2.seats.count()).toEqual({ count: 0 });
    await expect(other.v2.seats.retrieve(ids[0]!)).rejects.toBeInstanceOf(NotFoundError);
    await expect(other.v2.seats.retrieve("auth0|rep")).rejects.toBeInstanceOf(NotFoundError);
  });
});
