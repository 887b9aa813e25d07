// The visitor-data purge's rewrite of one Redis stream log (EventStore.rewriteBefore). A Redis
// stream's entries cannot be changed, and XDEL leaves the bytes in place, so the log is copied into
// a fresh stream in steps of at most `chunk` entries (copyScrubbed: each replaced entry only if still
// unchanged), then swapped in (swapRewritten: only once the copy has every entry, so appends made
// meanwhile are copied too, never lost). Nothing is copied when no event would change.
import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { StreamKeys } from './keys.ts';
import type { ScriptCommands } from './scripts.ts';

export interface RewriteTarget {
  client: (Redis | Cluster) & ScriptCommands;
  keys: StreamKeys;
  streamId: string;
  /** Entries per read and per copy step. */
  chunk: number;
  /** The store's command wrapper (refuses when closed, maps connection failures to 503). */
  run: <T>(op: () => Promise<T>) => Promise<T>;
}

/**
 * Rewrites the entries whose body `scrub` changes (it returns the new event, or undefined to keep
 * the entry). Returns how many changed, and their new bodies by seq.
 */
export async function rewriteLog(t: RewriteTarget, scrub: (body: string) => object | undefined): Promise<{ changed: number; newBodies: Map<number, string> }> {
  const newBodies = new Map<number, string>();
  if (!(await anyEntry(t, (body) => scrub(body) !== undefined))) return { changed: 0, newBodies };
  await t.run(() => t.client.del(t.keys.rewriting));
  let copied = 0;
  let changed = 0;
  for (;;) {
    const entries = await t.run(() => t.client.xrange(t.keys.log, `${copied + 1}-0`, '+', 'COUNT', t.chunk));
    if (entries.length > 0) {
      const last = seqOf(entries.at(-1)![0]);
      const replaced = replacements(entries, scrub, newBodies);
      const [code, at] = await t.run(() => t.client.copyScrubbed(t.keys.log, t.keys.rewriting, copied + 1, last, replaced.length / 3, ...replaced));
      if (code !== 0) throw new Error(`rewriting stream ${t.streamId}: step ${copied + 1}..${last} refused (code ${code}, ${at}); another purge may be running`);
      copied = last;
      changed += replaced.length / 3;
    }
    if (entries.length === t.chunk) continue;
    const [code, at] = await t.run(() => t.client.swapRewritten(t.keys.log, t.keys.rewriting, copied));
    if (code === 0) return { changed, newBodies };
    if (code !== 1) throw new Error(`rewriting stream ${t.streamId}: the copy ends at ${at}, not ${copied}; another purge may be running`);
  }
}

/** copyScrubbed's ARGV tail for one step: seq, sha1 of the body read, new body — for each changed entry. */
function replacements(entries: [string, string[]][], scrub: (body: string) => object | undefined, newBodies: Map<number, string>): (string | number)[] {
  const out: (string | number)[] = [];
  for (const [id, fields] of entries) {
    const next = scrub(fields[1]!);
    if (!next) continue;
    const body = JSON.stringify(next);
    out.push(seqOf(id), sha1(fields[1]!), body);
    newBodies.set(seqOf(id), body);
  }
  return out;
}

/** Whether any entry's body passes the test, reading the log in pages of `chunk` entries. */
async function anyEntry(t: RewriteTarget, test: (body: string) => boolean): Promise<boolean> {
  for (let after = 0; ; ) {
    const entries = await t.run(() => t.client.xrange(t.keys.log, `${after + 1}-0`, '+', 'COUNT', t.chunk));
    if (entries.some(([, fields]) => test(fields[1]!))) return true;
    if (entries.length < t.chunk) return false;
    after = seqOf(entries.at(-1)![0]);
  }
}

function seqOf(entryId: string): number {
  return Number(entryId.split('-')[0]);
}

function sha1(text: string): string {
  return createHash('sha1').update(text, 'utf8').digest('hex');
}
