// The knowledge-base plug-in: loads config/kb (or KB_DIR) at start and serves /api/kb.
import type { ServerPlugin } from '../server.ts';
import { DEFAULT_KB_DIR, KnowledgeBase, setActiveKnowledgeBase } from './knowledge-base.ts';
import { kbRoutes } from './routes.ts';

const byRegistry = new WeakMap<object, KnowledgeBase>();

/** The knowledge base a running server loaded (the assist notice and tests read it). */
export function knowledgeBaseOf(registry: object): KnowledgeBase | undefined {
  return byRegistry.get(registry);
}

export function kbPlugin(options: { dir?: string } = {}): ServerPlugin {
  return ({ registry, env }) => {
    const services = new Set(registry.all().flatMap((e) => e.hall.services.map((s) => s.id)));
    const kb = KnowledgeBase.load(options.dir ?? env.KB_DIR ?? DEFAULT_KB_DIR, services);
    byRegistry.set(registry, kb);
    setActiveKnowledgeBase(kb);
    return { hallRoutes: [kbRoutes(kb)] };
  };
}
