// Where Redis outcomes become the port's typed errors, in one place: the scripts' numeric codes,
// and the client's connection failures (→ StoreUnavailable, which the HTTP layer answers with 503).
import { ReplyError } from 'ioredis';
import { ClockAhead, StoreUnavailable, VersionConflict } from '../port.ts';

/** Codes the Lua scripts return as the first element of their reply. */
export enum ScriptCode {
  Ok = 0,
  VersionConflict = -1,
  ClockAhead = -2,
}

/** The batch's clock check as sent (append-n.lua ARGV[3]): its latest event time and the bound. */
export interface AppendClock {
  latestAt: number;
  maxAheadMs: number;
  /** Told of a refusal before it is thrown (redis.ts: onClockAhead). */
  refused?: Iterable<(refusal: ClockAhead) => void>;
}

export function appendOutcome(streamId: string, expectedSeq: number, reply: [number, number], clock: AppendClock): number {
  const [code, value] = reply;
  switch (code) {
    case ScriptCode.Ok:
      return value;
    case ScriptCode.VersionConflict:
      throw new VersionConflict(streamId, expectedSeq, value);
    case ScriptCode.ClockAhead: {
      const refusal = new ClockAhead(streamId, clock.latestAt, value, clock.maxAheadMs);
      for (const listener of clock.refused ?? []) listener(refusal);
      throw refusal;
    }
    default:
      throw new Error(`append script returned unknown code ${code}`);
  }
}

// Replies from a Redis that is up but cannot serve yet (replaying its AOF, running a long script,
// a replica without its master): retrying later will work, so they count as unavailable.
const TRANSIENT_REPLIES = /^(LOADING|BUSY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN|READONLY)\b/;

/**
 * Any failure that is not a reply from a working Redis — connection refused or closed, the
 * offline queue disabled, a command timeout, retries exhausted — means the store is unreachable.
 * A real reply error (a script bug, a wrong type) stays as it is: it is not a 503, it is a bug.
 */
export function toStoreError(err: unknown): unknown {
  if (err instanceof VersionConflict || err instanceof StoreUnavailable || err instanceof ClockAhead) return err;
  const message = (err as Error | undefined)?.message ?? String(err);
  if (err instanceof ReplyError && !TRANSIENT_REPLIES.test(message)) return err;
  return new StoreUnavailable(`Redis is unavailable: ${message}`, { cause: err });
}
