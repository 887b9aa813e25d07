// Full-text search over the knowledge base, Chinese included. Chinese has no spaces, so CJK runs
// are indexed as overlapping character bigrams (and single characters, for one-character queries);
// Latin text as lower-cased words. A query matches an entry when every one of its terms does;
// entries are ranked by where the terms occur (title over materials over the rest). Pure.
import type { KbEntry } from './schema.ts';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Terms of a text: CJK bigrams (or the lone character) per run, lower-cased Latin words and numbers. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const run of text.toLowerCase().match(/[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g) ?? []) {
    if (CJK.test(run[0]!)) {
      if (run.length === 1) out.push(run);
      for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    } else out.push(run);
  }
  return out;
}

/** Single CJK characters of a text, so a one-character query ("税") still finds entries. */
function chars(text: string): string[] {
  return (text.match(/[\u3400-\u9fff\uf900-\ufaff]/g) ?? []) as string[];
}

export type KbField = 'title' | 'keywords' | 'materials' | 'guide' | 'steps' | 'fees' | 'legalBasis' | 'faqs';
const WEIGHT: Record<KbField, number> = { title: 5, keywords: 4, materials: 3, guide: 2, steps: 1, fees: 1, legalBasis: 1, faqs: 1 };

/** Every searchable text of an entry, with its field. */
export function fieldsOf(e: KbEntry): { field: KbField; text: string }[] {
  const both = (t: { zh: string; en: string }) => [t.zh, t.en];
  return [
    ...both(e.title).map((text) => ({ field: 'title' as const, text })),
    ...e.keywords.map((text) => ({ field: 'keywords' as const, text })),
    ...e.materials.flatMap((m) => [m.zh, m.en, ...(m.note ? both(m.note) : [])]).map((text) => ({ field: 'materials' as const, text })),
    ...both(e.guide).map((text) => ({ field: 'guide' as const, text })),
    ...e.steps.flatMap(both).map((text) => ({ field: 'steps' as const, text })),
    ...both(e.fees).map((text) => ({ field: 'fees' as const, text })),
    ...e.legalBasis.flatMap(both).map((text) => ({ field: 'legalBasis' as const, text })),
    ...e.faqs.flatMap((f) => [...both(f.q), ...both(f.a)]).map((text) => ({ field: 'faqs' as const, text })),
  ];
}

export interface SearchHit {
  service: string;
  score: number;
  /** The texts that matched, best field first (at most 3), to show why it was found. */
  matches: { field: KbField; text: string }[];
}

interface Posting {
  service: string;
  field: KbField;
  text: string;
}

export class SearchIndex {
  private readonly postings = new Map<string, Posting[]>();

  constructor(entries: Iterable<KbEntry>) {
    for (const e of entries)
      for (const f of fieldsOf(e)) {
        const keys = new Set([...terms(f.text), ...chars(f.text)]);
        for (const k of keys) {
          let list = this.postings.get(k);
          if (!list) this.postings.set(k, (list = []));
          list.push({ service: e.service, field: f.field, text: f.text });
        }
      }
  }

  search(query: string, limit = 10): SearchHit[] {
    const q = [...new Set(terms(query))];
    if (q.length === 0) return [];
    const perService = new Map<string, { matched: Set<string>; score: number; texts: Map<string, KbField> }>();
    for (const term of q) {
      for (const p of this.postings.get(term) ?? []) {
        let s = perService.get(p.service);
        if (!s) perService.set(p.service, (s = { matched: new Set(), score: 0, texts: new Map() }));
        s.matched.add(term);
        s.score += WEIGHT[p.field];
        if (!s.texts.has(p.text)) s.texts.set(p.text, p.field);
      }
    }
    return [...perService.entries()]
      .filter(([, s]) => s.matched.size === q.length)
      .map(([service, s]) => ({
        service,
        score: s.score,
        matches: [...s.texts.entries()]
          .map(([text, field]) => ({ field, text }))
          .sort((a, b) => WEIGHT[b.field] - WEIGHT[a.field])
          .slice(0, 3),
      }))
      .sort((a, b) => b.score - a.score || a.service.localeCompare(b.service))
      .slice(0, limit);
  }
}
