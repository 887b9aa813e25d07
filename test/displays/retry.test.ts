// The consoles' retry: one key per tap, the same request again on 503 or a lost answer, and a
// refusal shown at once. Plain functions, no DOM; the sends are scripted, the waits recorded.
import test from 'ava';
import { isRetryable, newIdempotencyKey, retrying } from '../../displays/live/retry.ts';

const fail = (status: number) => Object.assign(new Error(`status ${status}`), { status });

function script(outcomes: (number | 'ok')[]) {
  const attempts: number[] = [];
  const send = async (attempt: number) => {
    attempts.push(attempt);
    const next = outcomes[attempt];
    if (next === 'ok') return 'answer';
    throw fail(next ?? 503);
  };
  return { attempts, send };
}

test('503 and a lost answer (status 0) are retried with waits that grow; the answer ends it', async (t) => {
  const waits: number[] = [];
  const { attempts, send } = script([503, 0, 503, 'ok']);
  const out = await retrying(send, { delaysMs: [10, 20, 40, 80], sleep: async (ms) => void waits.push(ms) });
  t.is(out, 'answer');
  t.deepEqual(attempts, [0, 1, 2, 3]);
  t.deepEqual(waits, [10, 20, 40]);
});

test('a refusal (4xx) or a server error is not retried', async (t) => {
  for (const status of [400, 401, 409, 422, 429, 500]) {
    const { attempts, send } = script([status, 'ok']);
    const err = await t.throwsAsync(retrying(send, { delaysMs: [1, 1], sleep: async () => {} }));
    t.is((err as Error & { status: number }).status, status);
    t.deepEqual(attempts, [0], `status ${status} is sent once`);
  }
});

test('when the delays run out the last error is thrown after one attempt per delay plus the first', async (t) => {
  const { attempts, send } = script([503, 503, 503, 503, 'ok']);
  const err = await t.throwsAsync(retrying(send, { delaysMs: [1, 1], sleep: async () => {} }));
  t.is((err as Error & { status: number }).status, 503);
  t.deepEqual(attempts, [0, 1, 2]);
});

test('isRetryable: only 503 and no answer', (t) => {
  t.true(isRetryable(fail(503)));
  t.true(isRetryable(fail(0)));
  t.false(isRetryable(fail(502)));
  t.false(isRetryable(new Error('no status')));
  t.false(isRetryable(undefined));
});

test('keys are fresh per tap and fit the header rules (1-200 printable characters)', (t) => {
  const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey()));
  t.is(keys.size, 1000);
  for (const k of keys) t.regex(k, /^[\x20-\x7e]{1,200}$/);
});
