// Assembles a running OneWindow node: store, hall engines, Koa app, socket.io gateway.
// main.ts calls it with the environment; tests call it with a temp DATA_DIR and port 0.
import { idHashKeyOf } from './http/visitor-id.ts';
import { ticketKeys, ticketKeySecretOf } from './http/ticket-key.ts';
import { createServer, type Server as HttpServer } from 'node:http';
import { PresetHeadersResponse } from './http/preset-headers.ts';
import { requestHandler, watchSocketErrors } from './http/request-handler.ts';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';
import type { DeploymentConfig } from './config/schema.ts';
import type { HallEngineOptions } from './engine/hall-engine.ts';
import { assertProductionReady } from './config/production.ts';
import { HallRegistry } from './engine/hall-registry.ts';
import type { Feature, Services } from './feature.ts';
import { createApp } from './http/app.ts';
import { Auth } from './http/auth.ts';
import { RateLimiter } from './http/rate-limit.ts';
import { Admission, admissionFromEnv } from './http/admission.ts';
import { slowConsumerLimitsFromEnv, type SlowConsumerLimits } from './realtime/slow-consumers.ts';
import { securityOptionsFromEnv, type SecurityOptions } from './http/security.ts';
import type { AppDeps } from './http/context.ts';
import { createLogger, type Logger } from './log.ts';
import { RealtimeGateway } from './realtime/gateway.ts';
import { openStore, type StoreEnv } from './store/open.ts';
import { isRedisStore, type EventStore } from './store/port.ts';
import { ClockOffsetMonitor } from './engine/clock-offset.ts';
import { startFeatures, type StartedFeatures } from './start-features.ts';

export interface ServerOptions {
  deployment: DeploymentConfig;
  /** The environment: store, port, NODE_ENV and secrets (config/production.ts), ALLOWED_ORIGINS, HSTS_MAX_AGE, LOG_LEVEL, feature settings. */
  env?: StoreEnv & { PORT?: string; HOST?: string; PUBLIC_URL?: string; LOG_LEVEL?: string } & Record<string, string | undefined>;
  /** The server's logger (main.ts makes one from LOG_LEVEL); default: JSON lines on stdout at LOG_LEVEL or info. */
  logger?: Logger;
  /** A store to use instead of opening one from env (tests). */
  store?: EventStore;
  engine?: HallEngineOptions;
  /** The features to run, started in this order (server/plugins.ts composes the full set). */
  plugins?: Feature[];
}

export interface RunningServer {
  url: string;
  port: number;
  http: HttpServer;
  /** The Koa app (its routers list every route served: the role-matrix test compares them with the OpenAPI document). */
  app: Koa;
  registry: HallRegistry;
  gateway: RealtimeGateway;
  deps: AppDeps;
  log: Logger;
  /** What the features handed each other at start (the knowledge base, printing, …). */
  services: Services;
  /** The started features in start order, with the streams each owns. */
  features: { name: string; streams: string[] }[];
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const env = options.env ?? {};
  // Refuse a bad production set-up or a malformed ALLOWED_ORIGINS before opening anything.
  assertProductionReady(env, options.deployment);
  const security = securityOptionsFromEnv(env);
  const overload = admissionFromEnv(env);
  const slowConsumers = slowConsumerLimitsFromEnv(env);
  const log = options.logger ?? createLogger({ level: env.LOG_LEVEL });
  const { store, registry, clockOffset } = await openCore(options, env, log);
  const port = Number(env.PORT ?? 3000);
  const deps = appDeps(options.deployment, registry, log, env.PUBLIC_URL ?? `http://localhost:${port}`, env);
  deps.clockOffset = clockOffset;
  if (overload) deps.admission = new Admission(overload, log);
  // The store is closed with the server only when the server opened it.
  const core: Core = { registry, ownStore: options.store ? undefined : store, log, clockOffset };
  const node = await startNode(core, deps, options.plugins ?? [], env, { ...security, slowConsumers }, { port, host: env.HOST ?? '0.0.0.0' });
  // Watching the load from now: the start's replay of the day is no overload.
  deps.admission?.start();
  const actualPort = (node.http.address() as AddressInfo).port;
  if (!env.PUBLIC_URL) deps.publicUrl = `http://localhost:${actualPort}`;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    http: node.http,
    app: node.app,
    registry,
    gateway: node.gateway,
    deps,
    log,
    services: node.features.services,
    features: node.features.list,
    close: closeOnce(node, core),
  };
}

/** The engines and what closes with them: the store, when the server opened it. */
interface Core {
  registry: HallRegistry;
  ownStore: EventStore | undefined;
  log: Logger;
  clockOffset: ClockOffsetMonitor | undefined;
}

/** The parts built on the core: features, the Koa app, the http server and the socket.io gateway. */
interface Assembled {
  deps: AppDeps;
  features: StartedFeatures;
  app: Koa;
  http: HttpServer;
  gateway: RealtimeGateway;
}

/**
 * The event store (given, or opened from env), the hall registry with every hall's engine started,
 * and on Redis the watch on this node's clock against Redis's (the hall's time authority).
 */
async function openCore(options: ServerOptions, env: NonNullable<ServerOptions['env']>, log: Logger) {
  const store = options.store ?? (await openStore(env, log.child({ component: 'store' })));
  const registry = new HallRegistry(options.deployment, store, { log, ...options.engine });
  await registry.start();
  let clockOffset: ClockOffsetMonitor | undefined;
  if (isRedisStore(store)) {
    clockOffset = new ClockOffsetMonitor(store, options.engine?.clock ?? Date.now, { log: log.child({ component: 'clock' }) });
    await clockOffset.start();
  }
  return { store, registry, clockOffset };
}

/** What every route module gets; the features add their ticket hooks to it at start. */
function appDeps(deployment: DeploymentConfig, registry: HallRegistry, log: Logger, publicUrl: string, env: NonNullable<ServerOptions['env']>): AppDeps {
  return {
    registry,
    auth: new Auth(deployment.tokens, registry.defaultHallId),
    publicUrl,
    ticketHooks: { afterIssue: [], afterTransfer: [], viewExtras: [] },
    kioskLimiter: new RateLimiter(60, 60_000),
    log,
    idHashKey: idHashKeyOf(env),
    ticketKeys: ticketKeys(ticketKeySecretOf(env)),
  };
}

/**
 * Starts the features, builds the app, the http server and the gateway, and listens. A plug-in that
 * fails at start (a bad knowledge-base file, a port in use) leaves nothing open: what was started is
 * closed, the engines and an owned store too, and the start error is what the caller gets.
 */
async function startNode(
  core: Core,
  deps: AppDeps,
  plugins: Feature[],
  env: Record<string, string | undefined>,
  security: SecurityOptions & { slowConsumers: SlowConsumerLimits },
  at: { port: number; host: string },
): Promise<Assembled> {
  let features: StartedFeatures | undefined;
  let http: HttpServer | undefined;
  let gateway: RealtimeGateway | undefined;
  try {
    features = await startFeatures(plugins, { registry: core.registry, deps, env });
    // Build the http server only after every app.use(): app.callback() captures the middleware list.
    const app = createApp(deps, features, security);
    // The app's fixed headers go out as one block (http/preset-headers.ts); requests are handled as
    // app.callback() would, without its per-request watch of the socket (http/request-handler.ts).
    http = createServer({ ServerResponse: PresetHeadersResponse }, requestHandler(app));
    watchSocketErrors(http, app);
    const admission = deps.admission;
    gateway = new RealtimeGateway(http, core.registry, {
      log: core.log.child({ component: 'realtime' }),
      allowedOrigins: security.allowedOrigins,
      slowConsumers: security.slowConsumers,
      ...(admission && { admitsNewSocket: (req) => admission.admitsNewSocket(req) }),
    });
    deps.slowConsumers = gateway.slowConsumers;
    // While the heap is short, the displays' queues get a quarter of their total budget (slow-consumers.ts).
    if (admission) gateway.slowConsumers.heapShort = () => admission.heapShort;
    features.attach(gateway);
    await listen(http, at.port, at.host);
    return { deps, features, app, http, gateway };
  } catch (err) {
    // A failure while closing is only logged.
    const closing = (what: string) => (e: unknown) => core.log.warn({ err: e }, `after a failed start, closing the ${what} failed`);
    await gateway?.close().catch(closing('socket.io gateway'));
    http?.close();
    await features?.stop();
    await core.registry.stop().catch(closing('hall engines'));
    core.clockOffset?.stop();
    await core.ownStore?.close().catch(closing('store'));
    throw err;
  }
}

function listen(http: HttpServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
}

/** How long requests in flight at close() may take to be answered before their connections are dropped. */
const CLOSE_GRACE_MS = 1000;

/** close(): gateway, http (dropping kept-alive connections), features in reverse order, engines, an owned store; once however often called. */
function closeOnce(node: Assembled, core: Core): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () =>
    (closing ??= (async () => {
      // Kept-alive clients that keep sending (a busy hall, a load test) never let a connection go
      // idle, so http.close() alone would wait for ever: requests already in flight get a short grace
      // to be answered, then every connection is dropped.
      const grace = setTimeout(() => node.http.closeAllConnections(), CLOSE_GRACE_MS);
      node.http.closeIdleConnections();
      await node.gateway.close();
      await new Promise<void>((resolve) => node.http.close(() => resolve()));
      clearTimeout(grace);
      node.http.closeAllConnections();
      await node.features.stop();
      await core.registry.stop();
      core.clockOffset?.stop();
      await core.ownStore?.close();
      node.deps.admission?.stop();
    })());
}
