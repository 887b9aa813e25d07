// The WAIT step after an append (REDIS_WAIT_REPLICAS, docs/scale-out.md "A master dies"): an append
// is answered only once that many replicas of the stream's master have it, so a failover that
// promotes one of them keeps every acknowledged event.
import type { Cluster, Redis } from 'ioredis';
import { StoreUnavailable } from '../port.ts';
import { toStoreError } from './errors.ts';

export interface Replication {
  /** Replicas that must have an append before it is answered; 0: no wait. */
  replicas: number;
  timeoutMs: number;
}

/**
 * Waits until the master that took the append has passed it to `replication.replicas` replicas
 * (WAIT). WAIT counts the writes of the connection it is sent on: a pipeline keyed by the log goes
 * to the master owning the log's slot on the connection the append took (one per node). XLEN on the
 * same node shows the event is there. Unconfirmed (timeout, or the slot moved to a replica
 * meanwhile): the event may or may not survive, so the caller gets StoreUnavailable (503) and
 * nothing is folded; a retry with the same Idempotency-Key finds the event if it survived, and
 * decides again if it did not. `run` is the store's guard (timeouts, history checks).
 */
export async function confirmReplicated(
  client: Redis | Cluster,
  run: <T>(op: () => Promise<T>) => Promise<T>,
  replication: Replication,
  where: { streamId: string; log: string; seq: number },
): Promise<void> {
  const { replicas, timeoutMs } = replication;
  const replies = await run(() => client.pipeline().xlen(where.log).wait(replicas, timeoutMs).exec());
  const [length, acked] = (replies ?? []).map(([err, value]) => {
    if (err) throw toStoreError(err);
    return Number(value);
  });
  if (length! >= where.seq && acked! >= replicas) return;
  throw new StoreUnavailable(
    `the append of event ${where.seq} to stream ${where.streamId} was not confirmed by ${replicas} Redis replica(s) within ${timeoutMs} ms ` +
      `(${acked} did); it may or may not survive a failover`,
  );
}
