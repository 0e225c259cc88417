/** JSON response with the given status; shared by every renderer. */
export function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers });
}

/** Splits "Scheme value" from an Authorization header, case-insensitively on the scheme. */
export function authorizationValue(headers: Headers, scheme: "Basic" | "Bearer"): string | undefined {
  const header = headers.get("authorization");
  if (!header) return undefined;
  const [given, ...rest] = header.trim().split(/\s+/);
  if (given?.toLowerCase() !== scheme.toLowerCase()) return undefined;
  return rest.join(" ");
}
