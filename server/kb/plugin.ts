// The knowledge-base feature: loads config/kb (or KB_DIR) at start, serves /api/kb, and provides
// the `knowledgeBase` service to the features started after it (ticket printer, assist notices).
import type { Feature } from '../feature.ts';
import { DEFAULT_KB_DIR, KnowledgeBase } from './knowledge-base.ts';
import { kbOpenApiPaths } from './openapi.ts';
import { kbRoutes } from './routes.ts';

declare module '../feature.ts' {
  interface FeatureServices {
    knowledgeBase: KnowledgeBase;
  }
}

export function kbPlugin(options: { dir?: string } = {}): Feature {
  return {
    name: 'kb',
    start({ registry, env, services }) {
      const ids = new Set(registry.all().flatMap((e) => e.hall.services.map((s) => s.id)));
      const kb = KnowledgeBase.load(options.dir ?? env.KB_DIR ?? DEFAULT_KB_DIR, ids);
      services.provide('knowledgeBase', kb);
      return { hallRoutes: [kbRoutes(kb)], openApiPaths: kbOpenApiPaths() };
    },
  };
}
