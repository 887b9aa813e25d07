// Koa's context properties that stand for the request's or the response's (ctx.body, ctx.status,
// ctx.path, ctx.method, ctx.set, …), each written out as its own accessor.
//
// Koa makes them with the `delegates` package: one shared function body, `this[target][name]`, for
// every property, so the property loads in it see every name and every object shape of the app and
// V8 gives up on caching them (a megamorphic lookup on each use). Issuing a ticket touches them
// ~15 times (the route's status and body, the route table's path and method, the answer's, the
// access line's): ~1.3 % of an issue. Written out, each accessor loads one fixed property and is
// cached like any other. Same properties, same behaviour: each does exactly what Koa's delegate does
// (test/http/context-accessors.test.ts runs both on the same requests). The rest stay Koa's.
import type Koa from 'koa';

interface Ctx {
  request: Record<string, unknown> & { get(field: string): string; is(...types: string[]): string | false | null };
  response: Record<string, unknown> & { set(field: unknown, value?: unknown): void; remove(field: string): void; vary(field: string): void; has(field: string): boolean };
}

/** Koa's property descriptors for these, as `delegates` defines them (__defineGetter__: enumerable, configurable). */
const accessors: Record<string, { get(this: Ctx): unknown; set?(this: Ctx, value: unknown): void }> = {
  // The response's.
  status: {
    get() {
      return this.response.status;
    },
    set(value) {
      this.response.status = value;
    },
  },
  message: {
    get() {
      return this.response.message;
    },
    set(value) {
      this.response.message = value;
    },
  },
  body: {
    get() {
      return this.response.body;
    },
    set(value) {
      this.response.body = value;
    },
  },
  length: {
    get() {
      return this.response.length;
    },
    set(value) {
      this.response.length = value;
    },
  },
  type: {
    get() {
      return this.response.type;
    },
    set(value) {
      this.response.type = value;
    },
  },
  headerSent: {
    get() {
      return this.response.headerSent;
    },
  },
  writable: {
    get() {
      return this.response.writable;
    },
  },
  // The request's.
  method: {
    get() {
      return this.request.method;
    },
    set(value) {
      this.request.method = value;
    },
  },
  path: {
    get() {
      return this.request.path;
    },
    set(value) {
      this.request.path = value;
    },
  },
  url: {
    get() {
      return this.request.url;
    },
    set(value) {
      this.request.url = value;
    },
  },
  query: {
    get() {
      return this.request.query;
    },
    set(value) {
      this.request.query = value;
    },
  },
  querystring: {
    get() {
      return this.request.querystring;
    },
    set(value) {
      this.request.querystring = value;
    },
  },
  headers: {
    get() {
      return this.request.headers;
    },
  },
  header: {
    get() {
      return this.request.header;
    },
  },
  host: {
    get() {
      return this.request.host;
    },
  },
  secure: {
    get() {
      return this.request.secure;
    },
  },
  ip: {
    get() {
      return this.request.ip;
    },
  },
};

/** Koa's method delegates hand on every argument (`apply(target, arguments)`); the methods read only these. */
const methods: Record<string, (this: Ctx, ...args: never[]) => unknown> = {
  set(field: unknown, value?: unknown) {
    return this.response.set(field, value);
  },
  remove(field: string) {
    return this.response.remove(field);
  },
  vary(field: string) {
    return this.response.vary(field);
  },
  has(field: string) {
    return this.response.has(field);
  },
  get(field: string) {
    return this.request.get(field);
  },
  is(...types: string[]) {
    return this.request.is(...types);
  },
};

/** Gives `app`'s contexts their own accessors for the properties above (in place of Koa's delegates). */
export function directContextAccessors(app: Koa): void {
  const context = app.context as unknown as Record<string, unknown>;
  for (const [name, { get, set }] of Object.entries(accessors)) {
    checkDelegated(context, name, set ? 'accessor' : 'getter');
    Object.defineProperty(context, name, { get, ...(set ? { set } : {}), enumerable: true, configurable: true });
  }
  for (const [name, method] of Object.entries(methods)) {
    checkDelegated(context, name, 'method');
    Object.defineProperty(context, name, { value: method, writable: true, enumerable: true, configurable: true });
  }
}

/** A Koa whose context no longer delegates a property this way fails at start, not on a request. */
function checkDelegated(context: Record<string, unknown>, name: string, kind: 'accessor' | 'getter' | 'method'): void {
  let desc: PropertyDescriptor | undefined;
  for (let proto: object | null = context; proto && !desc; proto = Object.getPrototypeOf(proto)) desc = Object.getOwnPropertyDescriptor(proto, name);
  const ok = kind === 'method' ? typeof desc?.value === 'function' : typeof desc?.get === 'function' && (kind === 'getter' ? !desc.set : typeof desc.set === 'function');
  if (!ok) throw new Error(`Koa's context has no delegated ${kind} "${name}": context-accessors.ts must be brought in line with Koa`);
}
