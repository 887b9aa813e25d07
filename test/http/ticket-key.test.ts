// The visitor's keyed status link (the QR and the issue answer): whatever the public URL looks like
// (a path under a proxy, trailing slashes or not), the link is that base, then /t/<id>?k=<key>.
// The oracle is the URL parser, not the function's own string handling.
import test from 'ava';
import fc from 'fast-check';
import { keyedStatusUrl, ticketKeys } from '../../server/http/ticket-key.ts';

const publicUrl = fc.record({
  origin: fc.constantFrom('http://127.0.0.1:3000', 'https://hall.example.cn', 'http://localhost'),
  path: fc.array(fc.stringMatching(/^[a-z0-9-]{1,8}$/), { maxLength: 3 }),
  slashes: fc.integer({ min: 0, max: 3 }),
});
const ticketId = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);

test('the status link is the public URL without its trailing slashes, then /t/<id> with the key as k', (t) => {
  const keys = ticketKeys('test-secret');
  fc.assert(
    fc.property(publicUrl, ticketId, ({ origin, path, slashes }, id) => {
      const base = origin + path.map((p) => `/${p}`).join('') + '/'.repeat(slashes);
      const key = keys.keyOf(id);
      const url = new URL(keyedStatusUrl(base, id, key));
      const wantPath = `${path.map((p) => `/${p}`).join('')}/t/${id}`;
      return url.origin === new URL(origin).origin && url.pathname === wantPath && url.searchParams.get('k') === key && [...url.searchParams.keys()].length === 1;
    }),
  );
  t.pass();
});

test('the key in the link is the one the server checks for that ticket, and not another ticket\'s', (t) => {
  const keys = ticketKeys('test-secret');
  const url = new URL(keyedStatusUrl('https://hall.example.cn/', 'T1', keys.keyOf('T1')));
  t.true(keys.matches('T1', url.searchParams.get('k')));
  t.false(keys.matches('T2', url.searchParams.get('k')));
});
