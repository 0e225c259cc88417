// Datadog's own Seats scenarios, replayed: every request its client repository
// recorded against Datadog's real API (../shared/vendor/datadog/seats-recorded-answers.json)
// is sent to Seatkeeper, and the answer must carry the status and the error
// detail Datadog gave. Datadog's users (POST/DELETE /api/v2/users) are made and
// deleted through Seam's user identities, and the recorded ids are mapped to ours.
// Differences that are the spec's choice, not ours (docs/seat-assignments.md): Datadog
// really answers `{"errors":[{"title","detail"}]}` as application/vnd.api+json; its
// published spec, which the official clients are generated from, says `{"errors":["..."]}`.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { createWorkspaceWithKey, type TestKey } from "../../sdk/workspace.ts";

const RECORDINGS = resolve(import.meta.dirname, "../../../../shared/vendor/datadog/seats-recorded-answers.json");

interface Interaction {
  request: { method: string; path: string; query: [string, string][]; body?: { value: unknown } | null };
  response: { status: number; body?: { value: string } | null };
}
interface Recording {
  scenario: string;
  interactions: Interaction[];
}

const recordings: Recording[] = existsSync(RECORDINGS)
  ? (JSON.parse(readFileSync(RECORDINGS, "utf8")) as { recordings: Recording[] }).recordings
  : [];

/** Every Datadog product code a scenario names exists here as a seat type (Datadog has them built in). */
const PRODUCT_CODES = ["incident_response"];

/** A scenario's world: a workspace with Datadog's product codes, and Datadog's user ids mapped to ours. */
class Replay {
  readonly ids = new Map<string, string>();
  constructor(readonly key: TestKey) {}

  static async start(): Promise<Replay> {
    const replay = new Replay(await createWorkspaceWithKey());
    for (const seatType of PRODUCT_CODES) {
      await replay.send("POST", "/api/seat-metrics", { authorization: `Basic ${btoa(`${replay.key.keyId}:${replay.key.secret}`)}` }, {
        seatType,
        label: seatType,
      });
    }
    return replay;
  }

  /** The recorded request as Seatkeeper serves it: users through Seam, seats as recorded. */
  async run({ request }: Interaction): Promise<Response> {
    const recordedUser = /^\/api\/v2\/users\/([^/]+)$/.exec(request.path)?.[1];
    if (request.method === "POST" && request.path === "/api/v2/users") return this.createUser(request.body?.value);
    if (request.method === "DELETE" && recordedUser) {
      return this.send("POST", "/user_identities/delete", this.seam, { user_identity_id: this.ids.get(recordedUser) });
    }
    const query = new URLSearchParams(request.query).toString();
    const recorded = request.body?.value;
    const body = recorded === undefined || recorded === null ? undefined : JSON.parse(this.mapIds(JSON.stringify(recorded)));
    return this.send(request.method, `${request.path}${query ? `?${query}` : ""}`, this.datadog, body);
  }

  /** Remembers which of our users a recorded Datadog user id stands for. */
  learn(interaction: Interaction, ours: unknown): void {
    const recorded = interaction.response.body?.value;
    if (interaction.request.path !== "/api/v2/users" || !recorded) return;
    const theirs = (JSON.parse(recorded) as { data: { id: string } }).data.id;
    this.ids.set(theirs, (ours as { user_identity: { user_identity_id: string } }).user_identity.user_identity_id);
  }

  private get datadog() {
    return { "dd-api-key": this.key.keyId, "dd-application-key": this.key.secret };
  }

  private get seam() {
    return { authorization: `Bearer ${this.key.token}` };
  }

  private createUser(body: unknown): Promise<Response> {
    const email = (body as { data: { attributes: { email: string } } }).data.attributes.email;
    return this.send("POST", "/user_identities/create", this.seam, { email_address: email });
  }

  private mapIds(text: string): string {
    return [...this.ids].reduce((mapped, [theirs, ours]) => mapped.replaceAll(theirs, ours), text);
  }

  private send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
    return fetch(`${this.key.baseUrl}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }
}

/** What a recorded answer says a client sees: its status, and its error details or its data. */
function expected(interaction: Interaction) {
  const text = interaction.response.body?.value;
  const body = text ? (JSON.parse(text) as { errors?: { detail: string }[]; data?: unknown }) : undefined;
  return { status: interaction.response.status, details: body?.errors?.map((error) => error.detail), data: body?.data };
}

const isSeats = (interaction: Interaction) => interaction.request.path === "/api/v2/seats/users";

describe.skipIf(recordings.length === 0)("Datadog's recorded Seats scenarios, replayed", () => {
  it("cover every operation of the Seats path", () => {
    const operations = new Set(recordings.flatMap((recording) => recording.interactions.filter(isSeats).map((i) => i.request.method)));
    expect([...operations].sort()).toEqual(["DELETE", "GET", "POST"]);
  });

  it.each(recordings.map((recording) => [recording.scenario, recording] as const))("%s", async (_scenario, recording) => {
    const replay = await Replay.start();
    for (const interaction of recording.interactions) {
      const response = await replay.run(interaction);
      const answer = response.status === 204 ? undefined : ((await response.json()) as { errors?: string[]; data?: unknown });
      const want = expected(interaction);
      if (!isSeats(interaction)) {
        expect(response.status, `${interaction.request.method} ${interaction.request.path}`).toBeLessThan(300);
        replay.learn(interaction, answer);
        continue;
      }
      expect({ status: response.status, details: answer?.errors }).toEqual({ status: want.status, details: want.details });
      if (want.data !== undefined) expect(answer?.data).toEqual(want.data);
    }
  });
});
