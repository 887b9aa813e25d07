// Where Redis outcomes become the port's typed errors, in one place: the scripts' numeric codes,
// and the client's connection failures (→ StoreUnavailable, which the HTTP layer answers with 503).
import { ReplyError } from 'ioredis';
import { StoreUnavailable, VersionConflict } from '../port.ts';

/** Codes the Lua scripts return as the first element of their reply. */
export enum ScriptCode {
  Ok = 0,
  VersionConflict = -1,
}

export function appendOutcome(streamId: string, expectedSeq: number, reply: [number, number]): number {
  const [code, seq] = reply;
  switch (code) {
    case ScriptCode.Ok:
      return seq;
    case ScriptCode.VersionConflict:
      throw new VersionConflict(streamId, expectedSeq, seq);
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
  if (err instanceof VersionConflict || err instanceof StoreUnavailable) return err;
  const message = (err as Error | undefined)?.message ?? String(err);
  if (err instanceof ReplyError && !TRANSIENT_REPLIES.test(message)) return err;
  return new StoreUnavailable(`Redis is unavailable: ${message}`, { cause: err });
}
