import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import * as users from "../../../src/db/users";
import { insertWorkspace } from "../../../src/db/workspaces";

async function workspace() {
  return insertWorkspace(env.DB, `db-${crypto.randomUUID()}`);
}

describe("users data layer", () => {
  it("names the unique column a write violated, from D1's own errors", async () => {
    const ws = await workspace();
    await users.insertUser(env.DB, ws.id, { userIdentityKey: "k", emailAddress: "e@x.io", phoneNumber: "+1555" });
    const attempts = {
      user_identity_key: { userIdentityKey: "k" },
      email_address: { emailAddress: "E@X.IO" },
      phone_number: { phoneNumber: "+1555" },
    };
    for (const [column, fields] of Object.entries(attempts)) {
      const error = await users.insertUser(env.DB, ws.id, fields).catch((e: unknown) => e);
      expect(users.violatedUniqueColumn(error)).toBe(column);
    }
    expect(users.violatedUniqueColumn(new Error("no such table: users"))).toBeUndefined();
  });

  it("keeps its CHECK constraints even when the API's validation is bypassed", async () => {
    const ws = await workspace();
    for (const fields of [{ phoneNumber: "5551234" }, { phoneNumber: "+0123" }, { userIdentityKey: "" }, { fullName: "" }]) {
      await expect(users.insertUser(env.DB, ws.id, fields)).rejects.toThrow(/CHECK constraint failed/);
    }
    await expect(users.insertUser(env.DB, "no-such-workspace", {})).rejects.toThrow(/FOREIGN KEY/);
  });

  it("updates and deletes only within the workspace, reporting whether a row was there", async () => {
    const ws = await workspace();
    const other = await workspace();
    const user = await users.insertUser(env.DB, ws.id, { fullName: "Ann" });
    expect(await users.updateUser(env.DB, other.id, user.id, { fullName: "Bob" })).toBe(false);
    expect(await users.deleteUser(env.DB, other.id, user.id)).toBe(false);
    expect(await users.updateUser(env.DB, ws.id, user.id, { fullName: null, emailAddress: "a@x.io" })).toBe(true);
    expect(await users.findUser(env.DB, ws.id, { id: user.id })).toEqual({ ...user, fullName: null, emailAddress: "a@x.io" });
    expect(await users.deleteUser(env.DB, ws.id, user.id)).toBe(true);
    expect(await users.findUser(env.DB, ws.id, { id: user.id })).toBeNull();
  });

  it("reads seats with the workspace name as account", async () => {
    const ws = await workspace();
    const user = await users.insertUser(env.DB, ws.id, { userIdentityKey: "sub" });
    expect(await users.findUserByIdOrKey(env.DB, ws.id, "sub")).toEqual({ ...user, account: ws.name });
    expect(await users.listUsersByOffset(env.DB, ws.id, { limit: 10, offset: 0 })).toEqual([{ ...user, account: ws.name }]);
    expect(await users.countUsers(env.DB, ws.id)).toBe(1);
  });
});
