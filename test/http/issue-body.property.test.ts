// The hand check of the issue body (schemas.ts plainIssueBody, in front of zod on every issue)
// against zod's issueTicketBody itself: whatever JSON a client sends, the hand check either
// declines (zod then decides) or gives exactly what zod's parse gives. And it does not decline
// the plain bodies kiosks and desks send, or the shortcut would be dead.
import test from 'ava';
import fc from 'fast-check';
import { issueTicketBody, plainIssueBody } from '../../server/http/schemas.ts';
import { LANES } from '../../server/config/schema.ts';

const nearId = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{0,42}$/), fc.string({ maxLength: 12 }), fc.constantFrom('social', 'a b', 'é', '', 'x'.repeat(40), 'x'.repeat(41)));
const nearLane = fc.oneof(fc.constantFrom(...LANES), fc.constantFrom('Normal', 'vip', '', 'normal '));
const anyValue = fc.oneof(nearId, nearLane, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string({ maxLength: 4 }), fc.string({ maxLength: 4 }), { maxKeys: 2 }));
const body = fc.oneof(
  fc.record({ service: nearId, lane: nearLane }, { requiredKeys: [] }),
  fc.record({ service: fc.oneof(nearId, anyValue), lane: fc.oneof(nearLane, anyValue), print: fc.boolean(), visitor: fc.record({ name: fc.string({ maxLength: 3 }) }), extra: anyValue }, { requiredKeys: [] }),
  anyValue,
);

test('the hand check gives what zod gives, or declines', (t) => {
  fc.assert(
    fc.property(body, fc.boolean(), (value, viaJson) => {
      // Bodies reach the route through JSON.parse: a "__proto__" key is then an own key.
      const input: unknown = viaJson ? JSON.parse(JSON.stringify(value) ?? 'null') : value;
      const mine = plainIssueBody(input);
      if (mine === undefined) return true;
      const zod = issueTicketBody.safeParse(input);
      return zod.success && JSON.stringify(Object.entries(mine).sort()) === JSON.stringify(Object.entries(zod.data).sort());
    }),
    { numRuns: 3000 },
  );
  t.pass();
});

test('the bodies kiosks and desks send take the shortcut, and answer as zod does', (t) => {
  for (const lane of [...LANES, undefined]) {
    const input = JSON.parse(JSON.stringify({ service: 'social', lane }));
    const zod = issueTicketBody.parse(input);
    t.deepEqual(plainIssueBody(input), zod);
  }
  t.is(plainIssueBody(JSON.parse('{"service":"social","__proto__":{"lane":"green"}}')), undefined);
  t.is(plainIssueBody({ service: 'social', lane: 'normal', print: true }), undefined);
});
