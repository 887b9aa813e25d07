// The Content-Type an answer's type names, remembered. Koa 3 asks mime-types afresh at every
// `ctx.type = …`, and `ctx.body = {…}` sets type 'json' on every JSON answer: a table lookup, a
// charset regex and a new string (~0.5 µs) per answer, for the same few types the app uses. The
// setter here keeps what Koa's own setter made of each type and sets that; a type Koa does not
// know (it then removes the header) is left to Koa every time.
import type Koa from 'koa';

/** More types than the app names: past this, new ones are not kept (a file's extension may come from a client). */
const MAX_KEPT = 64;

type KoaResponse = Koa.Response;

/** Makes `app`'s responses remember the Content-Type per type set (same headers as Koa's setter). */
export function rememberContentTypes(app: Koa): void {
  const koaType = typeAccessorOf(app.response);
  const kept = new Map<string, string>();
  Object.defineProperty(app.response, 'type', {
    configurable: true,
    enumerable: koaType.enumerable,
    get: koaType.get,
    set(this: KoaResponse, type: string) {
      const known = typeof type === 'string' ? kept.get(type) : undefined;
      if (known !== undefined) return void this.set('Content-Type', known);
      koaType.set!.call(this, type);
      // Once the headers are out Koa's setter changes nothing: the header read then is not the type's.
      if (typeof type !== 'string' || this.headerSent || kept.size >= MAX_KEPT) return;
      const made = this.res.getHeader('Content-Type');
      if (typeof made === 'string') kept.set(type, made);
    },
  });
}

/** Koa's own `type` accessor, from the response prototype chain. */
function typeAccessorOf(response: object): PropertyDescriptor {
  for (let proto: object | null = response; proto; proto = Object.getPrototypeOf(proto)) {
    const own = Object.getOwnPropertyDescriptor(proto, 'type');
    if (own?.get && own.set) return own;
  }
  throw new Error('Koa responses have no type accessor: content-types.ts must find Content-Type another way');
}
