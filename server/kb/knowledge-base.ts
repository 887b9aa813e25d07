// The knowledge base on disk: one YAML file per service under config/kb/, loaded and validated at
// start (a bad file stops the server naming the file and the problem), rewritten by the admin API.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { HallConfig } from '../config/schema.ts';
import { kbEntrySchema, type KbEntry, type KbMaterial } from './schema.ts';
import { SearchIndex, type SearchHit } from './search-index.ts';

export const DEFAULT_KB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'kb');

export class KbError extends Error {
  override name = 'KbError';
}

function problem(file: string, err: { issues: { path: PropertyKey[]; message: string }[] }): string {
  return err.issues.map((i) => `${file}: ${i.path.map(String).join('.') || '(top)'}: ${i.message}`).join('\n');
}

export class KnowledgeBase {
  private entries = new Map<string, KbEntry>();
  private index = new SearchIndex([]);
  /** Files skipped at load, one line each (a file for a service no hall has): logged as warnings. */
  readonly warnings: string[] = [];

  private constructor(readonly dir: string) {}

  /**
   * Loads every *.yaml in dir; the file name must be the service id. A bad file is an error; a file
   * for a service no hall has (services given) is skipped with a warning. A missing dir is an empty
   * knowledge base (the first PUT creates it).
   */
  static load(dir: string, services?: Set<string>): KnowledgeBase {
    const kb = new KnowledgeBase(dir);
    let files: string[];
    try {
      files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
    } catch (err) {
      throw new KbError(`${dir}: cannot read the knowledge base: ${(err as Error).message}`);
    }
    for (const f of files) {
      const file = join(dir, f);
      let raw: unknown;
      try {
        raw = parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new KbError(`${file}: not valid YAML: ${(err as Error).message}`);
      }
      const result = kbEntrySchema.safeParse(raw);
      if (!result.success) throw new KbError(problem(file, result.error));
      const id = f.replace(/\.ya?ml$/, '');
      if (result.data.service !== id) throw new KbError(`${file}: service is "${result.data.service}" but the file is named for "${id}"`);
      if (services && !services.has(id)) {
        kb.warnings.push(`${file}: no hall has a service "${id}"; the entry is not loaded`);
        continue;
      }
      kb.entries.set(id, result.data);
    }
    kb.reindex();
    return kb;
  }

  get(serviceId: string): KbEntry | undefined {
    return this.entries.get(serviceId);
  }

  list(): KbEntry[] {
    return [...this.entries.values()];
  }

  search(query: string, limit?: number): SearchHit[] {
    return this.index.search(query, limit);
  }

  /** Validates and writes an entry back to its file (atomically: a temp file renamed over it). */
  put(serviceId: string, value: unknown): KbEntry {
    const result = kbEntrySchema.safeParse({ ...(value as object), service: serviceId });
    if (!result.success) throw new KbError(problem(`${serviceId}.yaml`, result.error));
    const file = join(this.dir, `${serviceId}.yaml`);
    const tmp = `${file}.${process.pid}.tmp`;
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(tmp, `# Knowledge base: ${result.data.title.zh} / ${result.data.title.en}. Edited through PUT /api/kb/${serviceId}.\n${stringify(result.data, { lineWidth: 0 })}`);
    renameSync(tmp, file);
    this.entries.set(serviceId, result.data);
    this.reindex();
    return result.data;
  }

  private reindex() {
    this.index = new SearchIndex(this.entries.values());
  }
}

/** "身份证（原件）、公司章程（复印件1份）" parts for one material. */
export function describeMaterial(m: KbMaterial, lang: 'zh' | 'en' = 'zh'): string {
  const bits: string[] = [];
  if (lang === 'zh') {
    if (m.original) bits.push('原件');
    if (m.copies) bits.push(`复印件${m.copies}份`);
    return bits.length ? `${m.zh}（${bits.join('，')}）` : m.zh;
  }
  if (m.original) bits.push('original');
  if (m.copies) bits.push(`${m.copies} ${m.copies === 1 ? 'copy' : 'copies'}`);
  return bits.length ? `${m.en} (${bits.join(', ')})` : m.en;
}

/**
 * The materials list for a service, for the ticket printer and the one-time notice: from the
 * knowledge base the kb feature loaded (handed over at start), or from the hall file's short list
 * when there is none or it has no entry for the service.
 */
export function materialsFor(serviceId: string, hall: HallConfig | undefined, kb: KnowledgeBase | undefined): KbMaterial[] {
  const entry = kb?.get(serviceId);
  if (entry) return entry.materials;
  return hall?.services.find((s) => s.id === serviceId)?.materials ?? [];
}
