// The baseline: a bare Koa app with one JSON route that reads a small JSON body and answers 201,
// the least any ticket-issuing route must do. Started as a child process by bench/run.ts.
import Koa from 'koa';
import { createServer } from 'node:http';

const app = new Koa();
app.use(async (ctx) => {
  const chunks: Buffer[] = [];
  for await (const c of ctx.req as AsyncIterable<Buffer>) chunks.push(c);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
  ctx.status = ctx.method === 'POST' ? 201 : 200;
  ctx.body = { ok: true, service: body.service ?? null, at: Date.now() };
});
const server = createServer(app.callback());
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as { port: number }).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
