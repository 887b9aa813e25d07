// The knowledge-base feature: loads the hall file's knowledge base (`kb:` in it, or the `kb` folder
// beside it; KB_DIR overrides; config/kb for a deployment not read from a file) at start, serves /api/kb, and provides
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
    start({ registry, env, services, log }) {
      const ids = new Set(registry.all().flatMap((e) => e.hall.services.map((s) => s.id)));
      const kb = KnowledgeBase.load(options.dir ?? env.KB_DIR ?? registry.deployment.kbDir ?? DEFAULT_KB_DIR, ids);
      for (const w of kb.warnings) log.warn({ dir: kb.dir }, w);
      services.provide('knowledgeBase', kb);
      return { hallRoutes: [kbRoutes(kb)], openApiPaths: kbOpenApiPaths() };
    },
  };
}
