import type { Handler } from "../http/context";

/** Liveness: answers without credentials or storage. */
export const health: Handler = () => Response.json({ status: "ok" });
