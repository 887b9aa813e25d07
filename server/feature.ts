// The plug-in boundary: what a feature (appointments, assist, metrics, printing, voice, pages …)
// gives the core and what it gets from it. The core (domain, engine, store, http, realtime) imports
// no feature; server/plugins.ts composes the features, and startServer starts them in that order.
// What one feature needs from another is handed over here, per server, never through a module global.
import type { HallRegistry } from './engine/hall-registry.ts';
import type { PrincipalResolver } from './http/auth.ts';
import type { AppDeps, RouteModule, TicketHooks } from './http/context.ts';
import type { Logger } from './log.ts';
import type { RealtimeGateway } from './realtime/gateway.ts';

/**
 * Services features hand to each other at start. Empty in the core: each feature that provides one
 * adds its key and type by declaration merging, next to the code that provides it:
 *
 *   declare module '../server/feature.ts' { interface FeatureServices { printing: Printing } }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FeatureServices {}
export type ServiceKey = keyof FeatureServices & string;

export interface FeatureParts {
  registry: HallRegistry;
  deps: AppDeps;
  env: Record<string, string | undefined>;
  /** The server's logger with `{ feature: name }`; add `{ hall }` per hall (log.child). */
  log: Logger;
  /** What earlier features provided, and where this one provides its own. */
  services: ServiceScope;
}

/** A feature plugs into the core through this: a name and a start that says what it adds. */
export interface Feature {
  name: string;
  start(parts: FeatureParts): Contribution | Promise<Contribution>;
}

/** What a started feature adds to the server. Every field is optional. */
export interface Contribution {
  /** Hall-scoped API routes, mounted under /api and /api/halls/:hall like the core ones. */
  hallRoutes?: RouteModule[];
  /** Routes outside the hall API: pages, /metrics, static files. */
  rootRoutes?: RouteModule[];
  /** OpenAPI path items merged into /api/openapi.json (a path+method given twice is a start error). */
  openApiPaths?: Record<string, Record<string, unknown>>;
  /** Extra fields for /healthz. */
  health?: (() => Record<string, unknown>)[];
  /** Added to ticket issuing and ticket views. */
  ticketHooks?: Partial<TicketHooks>;
  /** Ways to resolve credentials (sign-in sessions, device tokens), asked after the hall file's tokens. */
  principalResolvers?: PrincipalResolver[];
  /** Stream ids this feature appends to (one owner per stream; a second claim is a start error). */
  streams?: string[];
  /** Called once the socket.io gateway exists: namespaces, live-event decoration. */
  attach?(gateway: RealtimeGateway): void;
  /** Called at shutdown, in reverse start order. */
  stop?(): Promise<void> | void;
}

export class FeatureStartError extends Error {
  override name = 'FeatureStartError';
}

/** One feature's view of the services: `use` what earlier features provided, `provide` its own. */
export interface ServiceScope {
  /** A service an earlier feature provided; a start error naming both features when there is none. */
  use<K extends ServiceKey>(key: K): FeatureServices[K];
  /** A service if an earlier feature provided it. A later feature providing it is then a start error (wrong order). */
  optional<K extends ServiceKey>(key: K): FeatureServices[K] | undefined;
  provide<K extends ServiceKey>(key: K, value: FeatureServices[K]): void;
}

/** The services of one server, filled in start order. */
export class Services {
  private readonly provided = new Map<string, { by: string; value: unknown }>();
  /** Optional lookups that found nothing: key → the feature that went without. */
  private readonly missed = new Map<string, string>();

  scope(feature: string): ServiceScope {
    return {
      use: (key) => {
        const p = this.provided.get(key);
        if (!p)
          throw new FeatureStartError(`feature "${feature}" needs the service "${key}", which no feature started before it provides; add the feature that provides it earlier in the list`);
        return p.value as FeatureServices[typeof key];
      },
      optional: (key) => {
        const p = this.provided.get(key);
        if (!p && !this.missed.has(key)) this.missed.set(key, feature);
        return p?.value as FeatureServices[typeof key] | undefined;
      },
      provide: (key, value) => {
        const p = this.provided.get(key);
        if (p) throw new FeatureStartError(`feature "${feature}" provides the service "${key}", which feature "${p.by}" already provides`);
        const without = this.missed.get(key);
        if (without)
          throw new FeatureStartError(`feature "${feature}" provides the service "${key}" after feature "${without}" started without it; start "${feature}" first`);
        this.provided.set(key, { by: feature, value });
      },
    };
  }

  /** A provided service (tests, tools); undefined when no feature provided it. */
  get<K extends ServiceKey>(key: K): FeatureServices[K] | undefined {
    return this.provided.get(key)?.value as FeatureServices[K] | undefined;
  }
}
