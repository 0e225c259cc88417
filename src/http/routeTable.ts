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
    const route: Compiled<T> = { order: this.#all.length, method, path, segments, names, value, shadowed: false };
    this.#all.push(route);
    // A fixed path that an earlier route with parameters also matches must still try that one first.
    route.shadowed = this.#patternedFor(path).some((earlier) => paramsIfFits(earlier, path) !== undefined);
    if (names.every((name) => name === undefined)) listIn(this.#exact, path).push(route);
    else if (names[0] !== undefined || names[1] !== undefined) this.#everywhere.push(route);
    else listIn(this.#patterned, `/${segments[0]}/${segments[1]}`).push(route);
  }

  /** The first route of `method` whose path matches, with its parameters. */
  match(method: string, pathname: string): { value: T; params: Record<string, string> } | undefined {
    const path = withoutTrailingSlashes(pathname);
    let fixed: Compiled<T> | undefined;
    for (const route of this.#exact.get(path) ?? NONE) {
      if (route.method === method) {
        fixed = route;
        break;
      }
    }
    if (fixed && !fixed.shadowed) return { value: fixed.value, params: {} };
    for (const route of this.#patternedFor(path)) {
      if (fixed && route.order > fixed.order) break;
      const params = route.method === method ? paramsIfFits(route, path) : undefined;
      if (params) return { value: route.value, params };
    }
    return fixed && { value: fixed.value, params: {} };
  }

  /** The methods whose routes match `pathname`, in table order, each once: a 405's `Allow`. */
  allowed(pathname: string): string[] {
    const path = withoutTrailingSlashes(pathname);
    const patterned = this.#patternedFor(path).filter((route) => paramsIfFits(route, path) !== undefined);
    const matching = [...(this.#exact.get(path) ?? NONE), ...patterned];
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
  /** Whether an earlier route with parameters matches this fixed path too. */
  shadowed: boolean;
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

/**
 * The route's parameters when `path` has its segments (equal where fixed,
 * non-empty where a parameter), else undefined. Compared in place: only a
 * parameter's value is cut out of the path.
 */
function paramsIfFits(route: Compiled<unknown>, path: string): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  let start = 1;
  for (let index = 0; index < route.segments.length; index++) {
    if (start > path.length) return undefined;
    const slash = path.indexOf("/", start);
    const end = slash < 0 ? path.length : slash;
    const name = route.names[index];
    if (name === undefined) {
      const segment = route.segments[index]!;
      if (end - start !== segment.length || !path.startsWith(segment, start)) return undefined;
    } else {
      if (end === start) return undefined;
      params[name] = path.slice(start, end);
    }
    start = end + 1;
  }
  return start === path.length + 1 ? params : undefined;
}
