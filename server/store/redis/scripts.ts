// Loads the Lua scripts in ./scripts once per process and registers them on a client with
// ioredis defineCommand (EVALSHA, falling back to EVAL after a Redis restart flushed the cache), on
// one Redis or on a Cluster alike (ioredis routes each call by its KEYS). A file is named
// <command>-<number of keys>.lua, as in BullMQ, or <command>-n.lua when the number of keys varies
// with the call and the caller passes it first (as EVAL takes it).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cluster, Redis } from 'ioredis';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'scripts');

interface ScriptDef {
  name: string;
  /** undefined: the caller passes the number of keys as the first argument. */
  numberOfKeys: number | undefined;
  lua: string;
}

let loaded: ScriptDef[] | undefined;

function loadScripts(): ScriptDef[] {
  loaded ??= readdirSync(DIR)
    .filter((f) => f.endsWith('.lua'))
    .map((file) => {
      const m = /^([a-zA-Z]+)-(\d+|n)\.lua$/.exec(file);
      if (!m) throw new Error(`${file}: a script file is named <command>-<number of keys, or n>.lua`);
      return { name: m[1]!, numberOfKeys: m[2] === 'n' ? undefined : Number(m[2]), lua: readFileSync(join(DIR, file), 'utf8') };
    });
  return loaded;
}

/** The commands the scripts add to a client; argument order is each script's KEYS then ARGV. */
export interface ScriptCommands {
  /** numberOfKeys = 2 + events; keys: log, days, then each event's day index; then ARGV (append-n.lua). */
  append(numberOfKeys: number, ...keysAndArgv: (string | number)[]): Promise<[number, number]>;
  saveSnapshot(snapshot: string, seq: number, state: string | Buffer): Promise<number>;
  copyScrubbed(log: string, copy: string, firstSeq: number, lastSeq: number, n: number, ...replaced: (string | number)[]): Promise<[number, number]>;
  swapRewritten(log: string, copy: string, copiedSeq: number): Promise<[number, number]>;
}

export function withScripts<C extends Redis | Cluster>(client: C): C & ScriptCommands {
  for (const s of loadScripts()) client.defineCommand(s.name, s.numberOfKeys === undefined ? { lua: s.lua } : { numberOfKeys: s.numberOfKeys, lua: s.lua });
  return client as C & ScriptCommands;
}
