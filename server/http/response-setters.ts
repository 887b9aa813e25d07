// Koa's ctx.set() and ctx.body = {…} without the garbage they made on every answer, same headers.
//
// ctx.set(name, value) built two arrays for the pair, mapped them into a third with a fourth per
// pair and walked it with a closure, ~0.2 KB for one setHeader call; it runs for Content-Type on
// every JSON answer and for Content-Length on every answer. Setting a JSON body made a closure,
// read the Content-Type back through Koa's `type` getter (a split array and a new string) to see
// whether it already named JSON. Here a single header is handed to setHeader as Koa's normalising
// would hand it, and a plain object or array as the body takes the same steps as Koa's JSON branch;
// everything else is Koa's own setter. test/http/response-paths.test.ts holds both against plain Koa.
import type Koa from 'koa';

type KoaResponse = Koa.Response & { _body?: unknown; _explicitStatus?: boolean };
type SetHeader = (this: KoaResponse, field: string | Record<string, unknown>, value?: unknown) => void;

/** The Content-Type Koa's `type = 'json'` gives: an answer already carrying it needs no other. */
const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Makes `app`'s responses set single headers and JSON bodies without Koa's per-call garbage. */
export function cheapResponseSetters(app: Koa): void {
  const response = app.response as unknown as { set: SetHeader };
  const koaSet = response.set;
  response.set = function (this: KoaResponse, field, value) {
    // Koa normalises an array to its one value only for a few single-value headers: left to it.
    if (typeof field !== 'string' || Array.isArray(value)) return koaSet.call(this, field, value);
    if (this.headerSent || !field) return;
    this.res.setHeader(field, value as string);
  };

  const koaBody = accessorOf(app.response, 'body');
  Object.defineProperty(app.response, 'body', {
    configurable: true,
    enumerable: koaBody.enumerable,
    get: koaBody.get,
    set(this: KoaResponse, body: unknown) {
      // A stream being replaced is cleaned up by Koa's setter; anything but plain JSON is Koa's too.
      if (!plainJson(body) || (typeof this._body === 'object' && this._body !== null && !plainJson(this._body))) return koaBody.set!.call(this, body);
      this._body = body;
      if (!this._explicitStatus) this.status = 200;
      if (!this.headerSent) this.res.removeHeader('Content-Length');
      const type = this.res.getHeader('Content-Type');
      if (type === JSON_CONTENT_TYPE) return;
      // No Content-Type yet (nearly every answer): what Koa's `type = 'json'` sets, without its
      // mime lookup and the getter's split.
      if (type === undefined && !this.headerSent) return void this.res.setHeader('Content-Type', JSON_CONTENT_TYPE);
      // Koa's test, word for word: a Content-Type that already names JSON is kept.
      if (!this.type || !/\bjson\b/i.test(this.type)) this.type = 'json';
    },
  });
}

/**
 * A plain object or array: what Koa's body setter sends as JSON (no string, Buffer, stream, Blob,
 * web stream or Response can be one; a duck-typed stream has a pipe method).
 */
function plainJson(body: unknown): body is object {
  if (typeof body !== 'object' || body === null) return false;
  const proto: unknown = Object.getPrototypeOf(body);
  if (proto !== Object.prototype && proto !== null && !Array.isArray(body)) return false;
  return typeof (body as { pipe?: unknown }).pipe !== 'function';
}

/** Koa's own accessor for a response property, from the prototype chain. */
function accessorOf(response: object, name: string): PropertyDescriptor {
  for (let proto: object | null = response; proto; proto = Object.getPrototypeOf(proto)) {
    const own = Object.getOwnPropertyDescriptor(proto, name);
    if (own?.get && own.set) return own;
  }
  throw new Error(`Koa responses have no ${name} accessor: response-setters.ts must set it another way`);
}
