// Which stored snapshot a stream's engine starts from, by format (SnapshotPolicy.format), and the
// deletion of its snapshots of older formats. Each format is stored apart (../store/port.ts
// UNVERSIONED_SNAPSHOT), so nodes of two versions sharing one store each read only shapes they know:
// in a rolling upgrade the node not yet upgraded never meets the new shape, and starts from its own
// older snapshot, or from the log (docs/scale-out.md, "Upgrading node by node").
import type { Logger } from '../log.ts';
import type { EventStore, Snapshot, Stream } from '../store/port.ts';
import type { SnapshotPolicy } from './stream-contract.ts';

/** The stream's snapshot of the policy's format, else of the newest older format it still reads, else null. */
export async function loadReadableSnapshot<S>(store: EventStore, stream: Stream<unknown, S>, policy: SnapshotPolicy<S>, log: Logger): Promise<Snapshot<S> | null> {
  const own = await store.loadSnapshot(stream, policy.format);
  if (own) return own;
  for (const format of policy.older ?? []) {
    const older = await store.loadSnapshot(stream, format);
    if (older) {
      log.info({ format, seq: older.seq, current: policy.format }, 'starting from a snapshot of an older format (saved before an upgrade)');
      return older;
    }
  }
  await warnOfNewerFormat(store, stream, policy.format, log);
  return null;
}

/** A node rolled back, or not yet upgraded, after a newer one saved the next format: it is never
 * read here, and the operator should know why this start folds the whole log. */
async function warnOfNewerFormat(store: EventStore, stream: Stream<unknown, unknown>, format: number, log: Logger): Promise<void> {
  const newer = await store.loadSnapshot(stream, format + 1);
  if (newer) log.warn({ format: format + 1, seq: newer.seq, current: format }, 'a snapshot of a newer format, saved by a later version, is ignored: folding the log');
}

/**
 * Deletes the stream's snapshots of every format before `format` (the visitor-data purge: one
 * left by a node before its upgrade may hold what the purge masked). A node still on an older
 * version then starts from the log: slower, never wrong.
 */
export async function deleteOlderSnapshots(store: EventStore, stream: Stream<unknown, unknown>, format: number): Promise<void> {
  for (let older = 1; older < format; older++) await store.deleteSnapshot(stream, older);
}
