// Baseline: the storage ceiling. One D1 statement per request, no auth, no
// validation: GET /read?id= is an indexed read by primary key (what a
// Seatkeeper get costs in D1), GET /list?limit=N one indexed statement
// returning N rows as JSON (what a page of N costs), POST /write is one
// insert (what a create costs).
// POST /write-through-object?object=N makes the same insert from Durable
// Object N: the ceiling of any design that serializes writes in an object,
// as Seatkeeper's seat assignments do.
// Every request first asks the Rate Limiting binding, as each signed-in
// Seatkeeper request does (src/auth/rateLimit.ts): locally the binding is
// Miniflare's emulation, a call that costs about as much workerd CPU as the
// D1 read itself; on Cloudflare it is a lookup on the same machine. Both
// sides paying it keeps the ratios about Seatkeeper's own code.
import { DurableObject } from "cloudflare:workers";

interface BaselineEnv {
  DB: D1Database;
  WRITERS: DurableObjectNamespace<Writer>;
  RATE_LIMITER: RateLimit;
}

/** The workspace the bench seeds `items` under (a Worker module may export only handlers). */
const WORKSPACE = "bench";

export default {
  async fetch(request: Request, env: BaselineEnv): Promise<Response> {
    const url = new URL(request.url);
    const { success } = await env.RATE_LIMITER.limit({ key: WORKSPACE });
    if (!success) return Response.json({ error: "rate limited" }, { status: 429 });
    if (request.method === "GET" && url.pathname === "/read") return read(env.DB, url.searchParams.get("id") ?? "");
    if (request.method === "GET" && url.pathname === "/list") return list(env.DB, Number(url.searchParams.get("limit") ?? "20"));
    if (request.method === "POST" && url.pathname === "/write") return write(env.DB, await request.json());
    if (request.method === "POST" && url.pathname === "/write-through-object") {
      const writer = env.WRITERS.getByName(url.searchParams.get("object") ?? "0");
      return Response.json(await writer.write(await request.json()), { status: 201 });
    }
    return Response.json({ error: "not found" }, { status: 404 });
  },
};

async function read(db: D1Database, id: string): Promise<Response> {
  const row = await db
    .prepare("SELECT workspace_id, id, name, email, created_at FROM items WHERE workspace_id = ?1 AND id = ?2")
    .bind(WORKSPACE, id)
    .first();
  return row ? Response.json(row) : Response.json({ error: "not found" }, { status: 404 });
}

async function list(db: D1Database, limit: number): Promise<Response> {
  const { results } = await db
    .prepare("SELECT workspace_id, id, name, email, created_at FROM items WHERE workspace_id = ?1 ORDER BY id LIMIT ?2")
    .bind(WORKSPACE, limit)
    .all();
  return Response.json({ items: results });
}

/** Makes the insert on the Worker's behalf: the hop that a Durable Object in front of D1 adds. */
export class Writer extends DurableObject<BaselineEnv> {
  write(body: unknown): Promise<Inserted> {
    return insert(this.env.DB, body);
  }
}

async function write(db: D1Database, body: unknown): Promise<Response> {
  return Response.json(await insert(db, body), { status: 201 });
}

interface Inserted {
  id: string;
  name: string;
  created_at: string;
}

async function insert(db: D1Database, body: unknown): Promise<Inserted> {
  const name = typeof body === "object" && body !== null && "name" in body ? String(body.name) : "item";
  const id = crypto.randomUUID();
  const createdAt = new Date().toISOString();
  await db
    .prepare("INSERT INTO items (workspace_id, id, name, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(WORKSPACE, id, name, `${id}@bench.test`, createdAt)
    .run();
  return { id, name, created_at: createdAt };
}
