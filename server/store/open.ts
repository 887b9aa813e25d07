// Picks the event store from the environment: the embedded SQLite file by default,
// Redis with STORE=redis and REDIS_URL.
import { join } from 'node:path';
import type { EventStore } from './port.ts';
import { SqliteEventStore } from './sqlite.ts';

export interface StoreEnv {
  STORE?: string;
  DATA_DIR?: string;
  REDIS_URL?: string;
  SQLITE_SYNC?: string;
}

export async function openStore(env: StoreEnv): Promise<EventStore> {
  const kind = env.STORE ?? 'sqlite';
  if (kind === 'sqlite') {
    const file = join(env.DATA_DIR ?? './data', 'onewindow.sqlite');
    return new SqliteEventStore(file, { synchronous: env.SQLITE_SYNC === 'full' ? 'full' : 'normal' });
  }
  throw new Error(`STORE=${kind}: unknown store (use sqlite or redis)`);
}
