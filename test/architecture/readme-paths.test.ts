// Every path a README or doc names exists: a file moved without its docs fails here. A path is a
// backticked token that looks like a file or folder (has a slash and ends in a file extension or a
// slash), a repository-rooted path in running text (server/…, displays/…), or a relative Markdown
// link; it may be written from the repository root or from the document's own folder.
import test from 'ava';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TOP = ['server', 'displays', 'test', 'bench', 'ticket-printer', 'voice', 'config', 'docs'];

function docs(): string[] {
  return readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md') && !f.split('/').some((p) => p === 'node_modules' || p.startsWith('.') || p === 'data'))
    .map((f) => join(ROOT, f));
}

/** The paths a document names, without placeholders (<hall>, *, {a,b}, :id) or URLs. */
export function pathsIn(text: string): string[] {
  const found = new Set<string>();
  for (const [, code] of text.matchAll(/`([^`\s]+)`/g)) {
    if (/^[\w.-]+(\/[\w.-]+)*\/([\w.-]+\.(ts|md|yaml|lua|json)|)$/.test(code!) && code!.includes('/')) found.add(code!);
  }
  const rooted = new RegExp(`(?<![\\w./-])((?:${TOP.join('|')})/[\\w./-]*[\\w/])`, 'g');
  for (const [, path] of text.matchAll(rooted)) found.add(path!);
  for (const [, link] of text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) if (!/^[a-z]+:/.test(link!)) found.add(link!);
  return [...found].filter((p) => !/[<>*{}:]/.test(p) && !p.startsWith('/'));
}

/** Paths a document names that are not in the repository on purpose. */
const NOT_IN_REPO: Record<string, string> = {
  'displays/dist/': 'written by npm run build:displays',
  'dist/': 'written by npm run build (the production form of a node)',
  'dist/assets/': 'the prebuilt page bundles npm run build writes',
  'test/artifacts/': 'screenshots the browser tests write',
  'config/my-district.yaml': "docs/scale-out.md's example of a hall file of your own",
};

function exists(path: string, doc: string): boolean {
  if (path in NOT_IN_REPO) return true;
  const clean = path.replace(/\/$/, '');
  return existsSync(join(ROOT, clean)) || existsSync(join(dirname(doc), clean));
}

test('every path named in a README or doc exists', (t) => {
  const files = docs();
  t.true(files.length >= 10, 'the documents were found');
  const missing = files.flatMap((doc) =>
    pathsIn(readFileSync(doc, 'utf8'))
      .filter((p) => !exists(p, doc))
      .map((p) => `${relative(ROOT, doc)}: ${p}`),
  );
  t.deepEqual(missing, []);
});

test('the path reader finds each form a document uses, and skips placeholders', (t) => {
  const text = [
    'See `server/metrics/day-fold.ts`, `dashboard/build.ts` and `displays/parts/`.',
    'Run server/simulator/cli.ts or read [the map](docs/architecture.md#map).',
    'Not paths: `<hallId>/bookings`, `server/<feature>/`, `/api/tickets`, [site](https://example.com), `a/b`.',
  ].join('\n');
  t.deepEqual(pathsIn(text).sort(), ['dashboard/build.ts', 'displays/parts/', 'docs/architecture.md', 'server/metrics/day-fold.ts', 'server/simulator/cli.ts'].sort());
});
