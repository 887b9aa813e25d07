// Loads the Lua scripts in ./scripts once per process and registers them on a client with
// ioredis defineCommand (EVALSHA, falling back to EVAL after a Redis restart flushed the cache).
// A file is named <command>-<number of keys>.lua, as in BullMQ.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Redis } from 'ioredis';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'scripts');

interface ScriptDef {
  name: string;
  numberOfKeys: number;
  lua: string;
}

let loaded: ScriptDef[] | undefined;

function loadScripts(): ScriptDef[] {
  loaded ??= readdirSync(DIR)
    .filter((f) => f.endsWith('.lua'))
    .map((file) => {
      const m = /^([a-zA-Z]+)-(\d+)\.lua$/.exec(file);
      if (!m) throw new Error(`${file}: a script file is named <command>-<number of keys>.lua`);
      return { name: m[1]!, numberOfKeys: Number(m[2]), lua: readFileSync(join(DIR, file), 'utf8') };
    });
  return loaded;
}

/** The commands the scripts add to a client; argument order is each script's KEYS then ARGV. */
export interface ScriptCommands {
  append(log: string, days: string, atPrefix: string, ...argv: (string | number)[]): Promise<[number, number]>;
  saveSnapshot(snapshot: string, seq: number, state: string): Promise<number>;
  copyScrubbed(log: string, copy: string, firstSeq: number, lastSeq: number, n: number, ...replaced: (string | number)[]): Promise<[number, number]>;
  swapRewritten(log: string, copy: string, copiedSeq: number): Promise<[number, number]>;
}

export function withScripts(client: Redis): Redis & ScriptCommands {
  for (const s of loadScripts()) client.defineCommand(s.name, { numberOfKeys: s.numberOfKeys, lua: s.lua });
  return client as Redis & ScriptCommands;
}
