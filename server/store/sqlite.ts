// Embedded event store on one SQLite file (better-sqlite3, WAL). An append is one IMMEDIATE
// transaction that checks the hall's last seq first, so several processes can share the file.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DomainEvent, StoredEvent } from '../domain/events.ts';
import { VersionConflict, type EventStore, type Snapshot } from './port.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  hall_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  type    TEXT NOT NULL,
  at      INTEGER NOT NULL,
  body    TEXT NOT NULL,
  PRIMARY KEY (hall_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS events_by_time ON events (hall_id, at);
CREATE TABLE IF NOT EXISTS snapshots (
  hall_id TEXT PRIMARY KEY,
  seq     INTEGER NOT NULL,
  state   TEXT NOT NULL
);
`;

export interface SqliteStoreOptions {
  /** 'normal' survives a process crash (kill -9); 'full' also survives power loss, at an fsync per append. */
  synchronous?: 'normal' | 'full';
  /** How often to look for appends by other processes, ms. */
  pollMs?: number;
}

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmt;
  private readonly appendTx;
  private readonly watchers = new Map<string, Set<(seq: number) => void>>();
  private poller?: NodeJS.Timeout;
  private readonly pollMs: number;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.pollMs = options.pollMs ?? 250;
    this.stmt = {
      last: this.db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM events WHERE hall_id = ?'),
      insert: this.db.prepare('INSERT INTO events (hall_id, seq, type, at, body) VALUES (?, ?, ?, ?, ?)'),
      read: this.db.prepare<[string, number, number], { body: string; seq: number }>(
        'SELECT seq, body FROM events WHERE hall_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      range: this.db.prepare<[string, number, number], { body: string; seq: number }>(
        'SELECT seq, body FROM events WHERE hall_id = ? AND at >= ? AND at < ? ORDER BY seq',
      ),
      loadSnap: this.db.prepare<[string], { seq: number; state: string }>('SELECT seq, state FROM snapshots WHERE hall_id = ?'),
      saveSnap: this.db.prepare(
        'INSERT INTO snapshots (hall_id, seq, state) VALUES (?, ?, ?) ON CONFLICT (hall_id) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE excluded.seq > snapshots.seq',
      ),
    };
    this.appendTx = this.db.transaction((hallId: string, expectedSeq: number, events: DomainEvent[]) => {
      const actual = this.stmt.last.get(hallId)?.seq ?? 0;
      if (actual !== expectedSeq) throw new VersionConflict(hallId, expectedSeq, actual);
      return events.map((e, i) => {
        const stored = { ...e, seq: expectedSeq + i + 1 } as StoredEvent;
        this.stmt.insert.run(hallId, stored.seq, e.type, e.at, JSON.stringify(stored));
        return stored;
      });
    });
  }

  async read(hallId: string, afterSeq: number, limit = 1_000_000): Promise<StoredEvent[]> {
    return this.stmt.read.all(hallId, afterSeq, limit).map((r) => JSON.parse(r.body) as StoredEvent);
  }

  async readRange(hallId: string, from: number, to: number): Promise<StoredEvent[]> {
    return this.stmt.range.all(hallId, from, to).map((r) => JSON.parse(r.body) as StoredEvent);
  }

  async append(hallId: string, expectedSeq: number, events: DomainEvent[]): Promise<StoredEvent[]> {
    if (events.length === 0) return [];
    const stored = this.appendTx.immediate(hallId, expectedSeq, events);
    // Other watchers on this store instance hear of it after the appender has folded its own
    // events, so the appender is not woken to read back what it just wrote.
    const seq = stored[stored.length - 1]!.seq;
    setImmediate(() => this.notify(hallId, seq));
    return stored;
  }

  async lastSeq(hallId: string): Promise<number> {
    return this.stmt.last.get(hallId)?.seq ?? 0;
  }

  async loadSnapshot(hallId: string): Promise<Snapshot | null> {
    const row = this.stmt.loadSnap.get(hallId);
    return row ? { seq: row.seq, state: JSON.parse(row.state) } : null;
  }

  async saveSnapshot(hallId: string, snapshot: Snapshot): Promise<void> {
    this.stmt.saveSnap.run(hallId, snapshot.seq, JSON.stringify(snapshot.state));
  }

  watch(hallId: string, onAppend: (lastSeq: number) => void): () => void {
    let set = this.watchers.get(hallId);
    if (!set) this.watchers.set(hallId, (set = new Set()));
    set.add(onAppend);
    this.startPolling();
    return () => {
      set!.delete(onAppend);
    };
  }

  async close(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    this.watchers.clear();
    if (this.db.open) this.db.close();
  }

  private notify(hallId: string, seq: number) {
    for (const fn of this.watchers.get(hallId) ?? []) fn(seq);
  }

  /** Another process sharing the file appends without telling us; a cheap MAX(seq) poll finds it. */
  private startPolling() {
    if (this.poller) return;
    const seen = new Map<string, number>();
    this.poller = setInterval(() => {
      for (const hallId of this.watchers.keys()) {
        const seq = this.stmt.last.get(hallId)?.seq ?? 0;
        if (seen.get(hallId) !== seq) {
          seen.set(hallId, seq);
          this.notify(hallId, seq);
        }
      }
    }, this.pollMs);
    this.poller.unref();
  }
}
