// The store conformance suite on real SQLite files: each backing space is one file in a temp
// dir, and two SqliteEventStore instances on one file stand for two processes sharing it.
import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../server/store/sqlite.ts';
import { storeConformance } from './conformance.ts';

const dir = mkdtempSync(join(tmpdir(), 'onewindow-sqlite-'));
test.after.always(() => rmSync(dir, { recursive: true, force: true }));

// A short poll so cross-instance wake-ups come quickly in tests.
storeConformance('sqlite', async (space) => new SqliteEventStore(join(dir, `${space}.sqlite`), { pollMs: 20 }));
