/**
 * Finds a request's route without trying every route's pattern in turn.
 * Routes are grouped by their number of path segments and their first two
 * segments; a request looks up its own group and tries the few routes in
 * it in table order, comparing segments as strings. Matching is itty-router's
 * (which this replaces): a `{name}` segment takes one non-empty segment,
 * still percent-encoded, and trailing slashes are ignored. A route with a
 * parameter among its first two segments is tried for every request.
 * (bench/dispatch.ts measures both.)
 */
export class RouteTable<T> {
  readonly #groups = new Map<string, Compiled<T>[]>();
  readonly #everywhere: Compiled<T>[] = [];
  readonly #all: Compiled<T>[] = [];

  /** Adds a route (`path` in OpenAPI form, `/a/{id}`); earlier routes win. */
  add(method: string, path: string, value: T): void {
    const segments = path.split("/").slice(1);
    const route: Compiled<T> = {
      order: this.#all.length,
      method,
      path,
      segments,
      names: segments.map((segment) => /^\{(\w+)\}$/.exec(segment)?.[1]),
      value,
    };
    this.#all.push(route);
    if (route.names[0] !== undefined || route.names[1] !== undefined) this.#everywhere.push(route);
    else pushTo(this.#groups, groupKey(segments), route);
  }

  /** The first route of `method` whose path matches, with its parameters. */
  match(method: string, pathname: string): { value: T; params: Record<string, string> } | undefined {
    const segments = segmentsOf(pathname);
    for (const route of this.#candidates(segments)) {
      if (route.method === method && fits(route, segments)) return { value: route.value, params: paramsOf(route, segments) };
    }
    return undefined;
  }

  /** The methods whose routes match `pathname`, in table order, each once: a 405's `Allow`. */
  allowed(pathname: string): string[] {
    const segments = segmentsOf(pathname);
    return [...new Set(this.#candidates(segments).filter((route) => fits(route, segments)).map((route) => route.method))];
  }

  /** Every route, in table order. */
  get routes(): readonly { method: string; path: string }[] {
    return this.#all;
  }

  #candidates(segments: string[]): Compiled<T>[] {
    const group = this.#groups.get(groupKey(segments)) ?? [];
    if (this.#everywhere.length === 0) return group;
    return [...group, ...this.#everywhere].sort((a, b) => a.order - b.order);
  }
}

interface Compiled<T> {
  order: number;
  method: string;
  path: string;
  segments: string[];
  /** The parameter's name at each parameter segment. */
  names: (string | undefined)[];
  value: T;
}

function groupKey(segments: string[]): string {
  return `${segments.length}/${segments[0]}/${segments[1] ?? ""}`;
}

/** `/a/b//` -> ["a", "b"]: the segments after the leading slash, trailing slashes dropped. */
function segmentsOf(pathname: string): string[] {
  let end = pathname.length;
  while (end > 1 && pathname.charCodeAt(end - 1) === 0x2f) end--;
  return pathname.slice(1, end).split("/");
}

function fits(route: Compiled<unknown>, segments: string[]): boolean {
  if (route.segments.length !== segments.length) return false;
  return route.segments.every((segment, index) => (route.names[index] === undefined ? segment === segments[index] : segments[index] !== ""));
}

function paramsOf(route: Compiled<unknown>, segments: string[]): Record<string, string> {
  const params: Record<string, string> = {};
  route.names.forEach((name, index) => {
    if (name !== undefined) params[name] = segments[index]!;
  });
  return params;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
