/**
 * Finds a request's route without trying every route's pattern in turn
 * (itty-router's way, which this replaces; bench/dispatch.ts measures both).
 * A path without parameters is one map lookup of the whole path. A route
 * with parameters is filed under its first two segments, which are fixed,
 * and a request tries only the routes filed under its own, comparing its
 * path segment by segment in place. Earlier routes still win: the first
 * match in table order is the answer. Matching is itty's: a `{name}` takes
 * one non-empty segment, still percent-encoded; trailing slashes are
 * ignored. A route with a parameter among its first two segments would be
 * tried for every request.
 */
export class RouteTable<T> {
  /** Routes without parameters, by path. */
  readonly #exact = new Map<string, Compiled<T>[]>();
  /** Routes with parameters, by their first two segments (`/api/seat-metrics`). */
  readonly #patterned = new Map<string, Compiled<T>[]>();
  readonly #everywhere: Compiled<T>[] = [];
  readonly #all: Compiled<T>[] = [];

  /** Adds a route (`path` in OpenAPI form, `/a/{id}`); earlier routes win. */
  add(method: string, path: string, value: T): void {
    const segments = path.split("/").slice(1);
    const names = segments.map((segment) => /^\{(\w+)\}$/.exec(segment)?.[1]);
    const route: Compiled<T> = { order: this.#all.length, method, path, segments, names, value };
    this.#all.push(route);
    if (names.every((name) => name === undefined)) listIn(this.#exact, path).push(route);
    else if (names[0] !== undefined || names[1] !== undefined) this.#everywhere.push(route);
    else listIn(this.#patterned, `/${segments[0]}/${segments[1]}`).push(route);
  }

  /** The first route of `method` whose path matches, with its parameters. */
  match(method: string, pathname: string): { value: T; params: Record<string, string> } | undefined {
    const path = withoutTrailingSlashes(pathname);
    let found: Compiled<T> | undefined;
    for (const route of this.#exact.get(path) ?? NONE) {
      if (route.method === method) {
        found = route;
        break;
      }
    }
    for (const route of this.#patternedFor(path)) {
      if (found && route.order > found.order) break;
      if (route.method === method && fits(route, path)) {
        found = route;
        break;
      }
    }
    return found && { value: found.value, params: paramsOf(found, path) };
  }

  /** The methods whose routes match `pathname`, in table order, each once: a 405's `Allow`. */
  allowed(pathname: string): string[] {
    const path = withoutTrailingSlashes(pathname);
    const matching = [...(this.#exact.get(path) ?? NONE), ...this.#patternedFor(path).filter((route) => fits(route, path))];
    return [...new Set(matching.sort((a, b) => a.order - b.order).map((route) => route.method))];
  }

  /** Every route, in table order. */
  get routes(): readonly { method: string; path: string }[] {
    return this.#all;
  }

  /** The routes with parameters a path may match, in table order. */
  #patternedFor(path: string): readonly Compiled<T>[] {
    const second = path.indexOf("/", 1);
    const third = second < 0 ? -1 : path.indexOf("/", second + 1);
    const group = third < 0 ? NONE : (this.#patterned.get(path.slice(0, third)) ?? NONE);
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

const NONE: readonly never[] = [];

function listIn<V>(map: Map<string, V[]>, key: string): V[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

function withoutTrailingSlashes(pathname: string): string {
  let end = pathname.length;
  while (end > 1 && pathname.charCodeAt(end - 1) === 0x2f) end--;
  return end === pathname.length ? pathname : pathname.slice(0, end);
}

/** Whether `path` has the route's segments: equal where fixed, non-empty where a parameter. Compared in place. */
function fits(route: Compiled<unknown>, path: string): boolean {
  let start = 1;
  for (let index = 0; index < route.segments.length; index++) {
    if (start > path.length) return false;
    const slash = path.indexOf("/", start);
    const end = slash < 0 ? path.length : slash;
    const segment = route.segments[index]!;
    const fitting = route.names[index] === undefined ? end - start === segment.length && path.startsWith(segment, start) : end > start;
    if (!fitting) return false;
    start = end + 1;
  }
  return start === path.length + 1;
}

function paramsOf(route: Compiled<unknown>, path: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (!route.names.some((name) => name !== undefined)) return params;
  const segments = path.split("/");
  route.names.forEach((name, index) => {
    if (name !== undefined) params[name] = segments[index + 1]!;
  });
  return params;
}
