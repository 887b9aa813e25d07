// Embedded event store on one SQLite file (better-sqlite3, WAL). An append is one IMMEDIATE
// transaction that checks the stream's last seq first, so several processes can share the file.
// The column hall_id holds the stream id (./streams.ts): it was named when a hall had one stream,
// and renaming it would break files written by earlier versions.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { numbered, VersionConflict, type AnyStream, type Envelope, type EventStore, type Snapshot, type Stored, type Stream, UNVERSIONED_SNAPSHOT } from './port.ts';

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
  /** INSERT statements of 1..ROWS_PER_INSERT rows, prepared at first use. */
  private readonly inserts: Database.Statement[] = [];
  private readonly watchers = new Map<string, Set<(seq: number) => void>>();
  private poller?: NodeJS.Timeout;
  private readonly pollMs: number;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    // SQLite's own default page cache (2 MB), not better-sqlite3's 16 MB: the start reads the whole
    // day once and a 20k-ticket day would keep ~12 MB of pages that only that read used; appends
    // touch a few pages at the log's end, and the OS's file cache serves any reread.
    this.db.pragma('cache_size = -2000');
    this.db.exec(SCHEMA);
    this.pollMs = options.pollMs ?? 250;
    this.stmt = {
      // The value alone (pluck): no row object per append.
      last: this.db.prepare<[string], number | null>('SELECT MAX(seq) AS seq FROM events WHERE hall_id = ?').pluck(),
      read: this.db.prepare<[string, number, number], { body: string; seq: number }>(
        'SELECT seq, body FROM events WHERE hall_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      range: this.db.prepare<[string, number, number], { body: string; seq: number }>(
        'SELECT seq, body FROM events WHERE hall_id = ? AND at >= ? AND at < ? ORDER BY seq',
      ),
      loadSnap: this.db.prepare<[string], { seq: number; state: string | Buffer }>('SELECT seq, state FROM snapshots WHERE hall_id = ?'),
      saveSnap: this.db.prepare(
        'INSERT INTO snapshots (hall_id, seq, state) VALUES (?, ?, ?) ON CONFLICT (hall_id) DO UPDATE SET seq = excluded.seq, state = excluded.state WHERE excluded.seq > snapshots.seq',
      ),
      deleteSnap: this.db.prepare<[string]>('DELETE FROM snapshots WHERE hall_id = ?'),
    };
    this.appendTx = this.db.transaction((streamId: string, expectedSeq: number, events: Stored<Envelope>[]) => {
      const actual = this.stmt.last.get(streamId) ?? 0;
      if (actual !== expectedSeq) throw new VersionConflict(streamId, expectedSeq, actual);
      insertRows(this.db, this.inserts, streamId, events);
    });
  }

  async read<E extends Envelope>(stream: Stream<E, unknown>, afterSeq: number, limit = 1_000_000): Promise<Stored<E>[]> {
    return this.stmt.read.all(stream.id, afterSeq, limit).map((r) => decode<Stored<E>>(r.body));
  }

  async readRange<E extends Envelope>(stream: Stream<E, unknown>, from: number, to: number): Promise<Stored<E>[]> {
    return this.stmt.range.all(stream.id, from, to).map((r) => decode<Stored<E>>(r.body));
  }

  async append<E extends Envelope>(stream: Stream<E, unknown>, expectedSeq: number, events: E[]): Promise<Stored<E>[]> {
    if (events.length === 0) return [];
    const stored = numbered(events, expectedSeq);
    this.appendTx.immediate(stream.id, expectedSeq, stored);
    // Other watchers on this store instance hear of it after the appender has folded its own
    // events, so the appender is not woken to read back what it just wrote.
    const seq = stored[stored.length - 1]!.seq;
    setImmediate(() => this.notify(stream.id, seq));
    return stored;
  }

  async lastSeq(stream: AnyStream): Promise<number> {
    return this.stmt.last.get(stream.id) ?? 0;
  }

  async loadSnapshot<S>(stream: Stream<unknown, S>, format = UNVERSIONED_SNAPSHOT): Promise<Snapshot<S> | null> {
    const row = this.stmt.loadSnap.get(snapshotRow(stream.id, format));
    return row ? { seq: row.seq, state: decode<S>(row.state) } : null;
  }

  async saveSnapshot<S>(stream: Stream<unknown, S>, snapshot: Snapshot<S>, encoded?: Buffer, format = UNVERSIONED_SNAPSHOT): Promise<void> {
    // Bytes go in as a blob, without a conversion to UTF-8 (a text of megabytes took ~20 ms more);
    // the column's TEXT affinity leaves a blob as it is, and loadSnapshot reads either.
    this.stmt.saveSnap.run(snapshotRow(stream.id, format), snapshot.seq, encoded ?? JSON.stringify(snapshot.state));
  }

  async deleteSnapshot(stream: AnyStream, format: number): Promise<void> {
    // secure_delete zeroes the deleted row's bytes (what the purge deletes it for); the checkpoint
    // empties the WAL, which may hold a copy of the row.
    this.db.pragma('secure_delete = ON');
    if (this.stmt.deleteSnap.run(snapshotRow(stream.id, format)).changes) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async rewriteBefore<E extends Envelope>(stream: Stream<E, unknown>, before: number, scrub: (e: Stored<E>) => Stored<E> | undefined): Promise<number> {
    // secure_delete zeroes the old bodies' bytes; the checkpoint empties the WAL that held copies.
    this.db.pragma('secure_delete = ON');
    const rows = this.db.prepare<[string, number], { seq: number; body: string }>('SELECT seq, body FROM events WHERE hall_id = ? AND at < ? ORDER BY seq').iterate(stream.id, before);
    const changed: [number, string][] = [];
    for (const r of rows) {
      const next = scrub(decode<Stored<E>>(r.body));
      if (next) changed.push([r.seq, JSON.stringify(next)]);
    }
    const update = this.db.prepare('UPDATE events SET body = ? WHERE hall_id = ? AND seq = ?');
    this.db.transaction(() => changed.forEach(([seq, body]) => update.run(body, stream.id, seq))).immediate();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changed.length;
  }

  watch(stream: AnyStream, onAppend: (lastSeq: number) => void): () => void {
    let set = this.watchers.get(stream.id);
    if (!set) this.watchers.set(stream.id, (set = new Set()));
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

  private notify(streamId: string, seq: number) {
    for (const fn of this.watchers.get(streamId) ?? []) fn(seq);
  }

  /** Another process sharing the file appends without telling us; a cheap MAX(seq) poll finds it. */
  private startPolling() {
    if (this.poller) return;
    const seen = new Map<string, number>();
    this.poller = setInterval(() => {
      for (const streamId of this.watchers.keys()) {
        const seq = this.stmt.last.get(streamId) ?? 0;
        if (seen.get(streamId) !== seq) {
          seen.set(streamId, seq);
          this.notify(streamId, seq);
        }
      }
    }, this.pollMs);
    this.poller.unref();
  }
}

const ROWS_PER_INSERT = 32;

/** The events in as few INSERT runs as there are chunks of 32: each run of a statement is a crossing
 * into SQLite, a reset and a VM program start; a batch of 9 events paid those 9 times, now once.
 * The statements are cached by row count (at most 32 of them), so none is prepared per append. */
function insertRows(db: Database.Database, cache: Database.Statement[], streamId: string, events: Stored<Envelope>[]) {
  for (let from = 0; from < events.length; from += ROWS_PER_INSERT) {
    const rows = Math.min(ROWS_PER_INSERT, events.length - from);
    const stmt = (cache[rows] ??= db.prepare(`INSERT INTO events (hall_id, seq, type, at, body) VALUES ${Array(rows).fill('(?, ?, ?, ?, ?)').join(', ')}`));
    const values: unknown[] = new Array(rows * 5);
    for (let i = 0; i < rows; i++) {
      const e = events[from + i]!;
      values[i * 5] = streamId;
      values[i * 5 + 1] = e.seq;
      values[i * 5 + 2] = e.type;
      values[i * 5 + 3] = e.at;
      values[i * 5 + 4] = JSON.stringify(e);
    }
    stmt.run(values);
  }
}

/**
 * The snapshots row of a stream's snapshot of a format: the stream id for the unversioned one (what
 * nodes that knew no format read), `<stream id>:snapshot:v<format>` for any other, a name no stream
 * id takes and no older node asks for (':' occurs in no hall id; the one deployment stream,
 * staff:accounts, ends otherwise).
 */
function snapshotRow(streamId: string, format: number): string {
  return format === UNVERSIONED_SNAPSHOT ? streamId : `${streamId}:snapshot:v${format}`;
}

/**
 * The adapter's one cast: a row holds what append (or saveSnapshot) wrote for this stream, so it
 * parses back to the type the stream descriptor names. Nothing else in this file asserts a type.
 */
function decode<T>(json: string | Buffer): T {
  return JSON.parse(typeof json === 'string' ? json : json.toString('utf8')) as T;
}
