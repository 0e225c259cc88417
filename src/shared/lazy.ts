/**
 * A value that lives in a module loaded on first use. The route table names
 * its schemas and handlers this way, so a Worker's startup builds none of
 * them and a request builds only its own route's (docs/bundle-and-startup.md).
 */
export interface Lazy<T> {
  readonly [LAZY]: true;
  load(): Promise<T>;
}

/** A value given as is, or one to load. */
export type Deferred<T> = T | Lazy<T>;

const LAZY = Symbol("lazy");

/** A Lazy of whatever `load` resolves to. */
export function lazy<T>(load: () => Promise<T>): Lazy<T> {
  return { [LAZY]: true, load };
}

/**
 * The exports of a module that is imported on first use:
 * `lazyModule(() => import("./x")).Name` is the Lazy of `Name`. Bundled with
 * the Worker all the same (esbuild inlines the import and defers the module's
 * top level until then).
 */
export function lazyModule<M extends object>(importModule: () => Promise<M>): { readonly [K in keyof M]: Lazy<M[K]> } {
  let module: Promise<M> | undefined;
  const exports = new Map<PropertyKey, Lazy<unknown>>();
  const exportOf = (name: PropertyKey) => lazy(async () => (await (module ??= importModule()))[name as keyof M]);
  return new Proxy({} as { readonly [K in keyof M]: Lazy<M[K]> }, {
    get(_target, name) {
      let value = exports.get(name);
      if (!value) exports.set(name, (value = exportOf(name)));
      return value;
    },
  });
}

export function isLazy(value: unknown): value is Lazy<unknown> {
  return typeof value === "object" && value !== null && LAZY in value;
}

/** The value itself, loaded first if it is a Lazy. */
export async function resolve<T>(value: Deferred<T>): Promise<T> {
  return isLazy(value) ? (value as Lazy<T>).load() : value;
}

/** `f` of the value, as a Lazy when the value is one (e.g. a handler wrapped before it is loaded). */
export function mapDeferred<T, U>(value: Deferred<T>, f: (value: T) => U): Deferred<U> {
  return isLazy(value) ? lazy(async () => f(await (value as Lazy<T>).load())) : f(value as T);
}

/** `build()`'s value, built on the first call and kept (the surfaces' OpenAPI pieces, for instance). */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
