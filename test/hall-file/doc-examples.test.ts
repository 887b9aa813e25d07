// docs/hall-file.md is checked against the loader: every `yaml good` example loads, and every
// `yaml bad` example fails with exactly the message the page shows after it (`text error`), so the
// page cannot drift from what `npm start` says. The examples are written to a temp folder as
// hall.yaml and read with the same loader `npm start` uses.
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeploymentFile } from '../../server/config/load.ts';

const page = readFileSync(new URL('../../docs/hall-file.md', import.meta.url), 'utf8');
const blocks = [...page.matchAll(/```(\w+)(?: (\w+))?\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1]!, kind: m[2], body: m[3]! }));

interface Example {
  yaml: string;
  error?: string;
}
const good: Example[] = blocks.filter((b) => b.lang === 'yaml' && b.kind === 'good').map((b) => ({ yaml: b.body }));
const bad: Example[] = blocks.flatMap((b, i) => {
  if (b.lang !== 'yaml' || b.kind !== 'bad') return [];
  const next = blocks[i + 1];
  if (next?.lang !== 'text' || next.kind !== 'error') throw new Error(`docs/hall-file.md: a bad example without its error after it:\n${b.body}`);
  return [{ yaml: b.body, error: next.body.trimEnd() }];
});

/** Loads the example as hall.yaml in a fresh folder; the message with that folder left out. */
function load(example: Example, withKbFolder: boolean): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'onewindow-hallfile-'));
  try {
    if (withKbFolder) mkdirSync(join(dir, 'guides'));
    writeFileSync(join(dir, 'hall.yaml'), example.yaml);
    loadDeploymentFile(join(dir, 'hall.yaml'));
    return undefined;
  } catch (err) {
    return (err as Error).message.replaceAll(`${dir}/`, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const lines = (s: string) => s.split('\n').map((l) => l.trimEnd()).filter(Boolean);

test('the page has good and bad examples', (t) => {
  t.true(good.length >= 4, `${good.length} good examples`);
  t.true(bad.length >= 10, `${bad.length} bad examples`);
});

test('every good example on docs/hall-file.md loads', (t) => {
  for (const g of good) t.is(load(g, true), undefined, g.yaml);
});

test('every bad example on docs/hall-file.md fails with the message the page shows', (t) => {
  for (const b of bad) {
    const actual = load(b, false);
    if (actual === undefined) {
      t.fail(`loaded, but the page says it fails:\n${b.yaml}`);
      continue;
    }
    const expected = lines(b.error!);
    // The YAML reader's message goes on with a picture of the line; the page shows its first line.
    if (expected.length === 1 && expected[0]!.includes('cannot read hall configuration')) t.is(lines(actual)[0], expected[0], b.yaml);
    else t.deepEqual(lines(actual).sort(), [...expected].sort(), b.yaml);
  }
});
