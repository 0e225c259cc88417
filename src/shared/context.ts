import type { IRequest } from "itty-router";
import type { Permission } from "./permissions";
import type { RateLimitState, Surface } from "./surface";

/** Who is calling: set by the auth middleware before any tenant handler runs. */
export interface AuthContext {
  /**
   * The key's workspace. For a key this isolate has not seen yet it is a
   * placeholder (UNSEEN_WORKSPACE, src/db/keyGate.ts) until the request's
   * first batch has read the key: a statement may bind it, and the key gate
   * puts the key's workspace in its place in SQL. Any other use must first
   * await `request.keyGate.identify()`.
   */
  workspaceId: string;
  keyId: string;
  /** Empty until the first batch has read a key this isolate had not seen. */
  permissions: readonly Permission[];
}

/**
 * The check of a signed-in caller's key, made inside the request's first
 * D1 batch (src/db/keyGate.ts implements it, docs/key-check.md explains it).
 */
export interface KeyGate {
  /** D1 for this request's statements: until the key is confirmed, each batch carries the check. */
  readonly db: D1Database;
  /** Whether a batch has already found the key active (and, for a key not seen before, valid). */
  readonly confirmed: boolean;
  /** Checks the key on its own (one round trip) unless a batch already did; throws KeyInactive or KeyLacksPermission. */
  confirm(): Promise<void>;
  /** Makes `request.auth` hold the key's workspace: a lookup for a key no batch has read yet, else nothing. */
  identify(): Promise<void>;
  /** Records that a check elsewhere (a Durable Object's batch) found the key active. */
  confirmedElsewhere(): void;
  /**
   * Whether webhook deliveries waited in the outbox when this request's last
   * write batch committed (its own, the seat object's, or another request's
   * not sent yet); false while the request has written nothing.
   */
  readonly outboxWaiting: boolean;
  /** Records a write beside the gate (the seat object's batch) and what that batch's outbox probe found. */
  wroteElsewhere(outboxWaiting: boolean): void;
  /** The key as presented: its id, the SHA-256 hex of the secret, the route's permissions (a seat change's batch checks them). */
  readonly presented: { keyId: string; secretHash: string; anyOf: readonly Permission[] };
}

/** One statement as SQL and its bound values (numbered `?N` parameters, src/db/params.ts). */
export interface RiderStatement {
  sql: string;
  values: unknown[];
}

/**
 * Something a request's D1 batches carry besides the request's own
 * statements (the Idempotency-Key's lookup and claim): it puts statements
 * in a batch (after the key check, before the request's own, in the same
 * transaction) and reads their results.
 */
export interface BatchRider {
  /** Whether it still needs to ride: while it does, every statement runs as a batch. */
  readonly active: boolean;
  /** The statements this batch carries for it; none when it needs nothing from this one. */
  statementsFor(writes: boolean): RiderStatement[];
  /** The batch committed: the results of its statements. May throw to abort the request. */
  settled(results: D1Result[]): void;
  /** The batch failed: the error to throw instead (when the rider's statement refused it), else `error`. */
  failed(error: unknown): unknown;
}

/** Where riders get on: a request's D1 batches (the key gate's, or the admin API's). */
export interface BatchCarrier {
  carry(rider: BatchRider): void;
}

/** A write request's Idempotency-Key (src/http/idempotency.ts): the key as sent, its hash and the request's fingerprint. */
export interface IdempotentRequest {
  /** Printable ASCII, 1 to 255 characters. */
  key: string;
  /** SHA-256 (hex) of the key: what the record is stored under. */
  keyHash: string;
  /** SHA-256 (hex) of the method, path, query and body: a retry must send the same. */
  fingerprint: string;
}


/** The bookmarks of a request's D1 session (D1's Sessions API), answered in `x-d1-bookmark`. */
export interface SessionBookmarks {
  /** The newest bookmark the request's reads and writes reached; null before any query. */
  latest(): string | null;
  /** Notes a bookmark reached by D1 work done elsewhere for this request (the seat object's session). */
  reached(bookmark: string | null): void;
}

/** A request as itty-router hands it on (`query`: a repeated key becomes an array; `params`: still percent-encoded). */
export type AppRequest = IRequest & {
  /**
   * The request's id (a UUID), set once by the router before anything can
   * fail: on every answer and log line, and it rides along with every write
   * the request makes (the write context, src/db/writeContext.ts): seat
   * ledger entries name it.
   */
  id: string;
  /** When the router got the request (Date.now()). */
  receivedAt: number;
  /** The request's URL, parsed once by the router. */
  parsedUrl: URL;
  surface: Surface;
  auth: AuthContext;
  /** Where handlers send their statements: env.DB, a session of it, behind the key gate for signed-in requests. */
  db: D1Database;
  /** Absent on public and admin routes. */
  keyGate?: KeyGate;
  /** The D1 session of signed-in and admin routes. */
  session?: SessionBookmarks;
  /** The batches of signed-in and admin routes (the key gate, or the admin API's session). */
  carrier?: BatchCarrier;
  /** The body as read, when the route read one (the Idempotency-Key fingerprint). */
  bodyText?: string;
  /** Set for a write that sent an Idempotency-Key. */
  idempotency?: IdempotentRequest;
  /** Set once the key's rate limit was checked. */
  rateLimit?: RateLimitState;
  /** The type of the error answered, for the log line. */
  errorType?: string;
};

export type RouteArgs = [env: Env, ctx: ExecutionContext];

/** Middleware: returns a Response to answer, or nothing to pass the request on. */
export type Middleware = (request: AppRequest, env: Env, ctx: ExecutionContext) => Response | void | Promise<Response | void>;
