// The core knows no feature (shared/design.md): nothing under server/domain, engine, store, http or
// realtime — nor the plug-in boundary and server assembly — imports a feature folder. Imports are
// read with TypeScript's own pre-processor (static imports, re-exports, dynamic import()), so a
// type-only import counts too.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(import.meta.dirname, '..', '..');
const CORE = ['server/domain', 'server/engine', 'server/store', 'server/http', 'server/realtime', 'server/feature.ts', 'server/start-features.ts', 'server/server.ts'];
const FEATURES = [
  'server/metrics',
  'server/appointments',
  'server/assist',
  'server/cases',
  'server/applications',
  'server/kb',
  'server/records',
  'server/staff',
  'server/simulator',
  'server/dev',
  'ticket-printer',
  'voice',
  'displays',
];

function tsFiles(path: string): string[] {
  const abs = join(ROOT, path);
  if (!statSync(abs).isDirectory()) return [abs];
  return readdirSync(abs, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(abs, f));
}

/** The repository-relative paths a file imports (relative specifiers only; packages are not features). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(ROOT, resolve(dirname(file), s)));
}

function featureOf(path: string): string | undefined {
  return FEATURES.find((f) => path === f || path.startsWith(f + '/'));
}

test('the core imports no feature', (t) => {
  const files = CORE.flatMap(tsFiles);
  t.true(files.length > 30, 'the core files were found');
  const offending = files.flatMap((file) =>
    importsOf(file)
      .filter((target) => featureOf(target))
      .map((target) => `${relative(ROOT, file)} imports ${target}`),
  );
  t.deepEqual(offending, []);
});

test('the check sees every kind of import a core file could use to reach a feature', (t) => {
  // The same reader on a made-up core file: each form must be caught, or the test above proves nothing.
  const source = [
    "import { a } from '../metrics/live.ts';",
    "import type { B } from '../../ticket-printer/printers.ts';",
    "export { c } from '../kb/plugin.ts';",
    "const d = await import('../../voice/plugin.ts');",
    "import { e } from './errors.ts';",
    "import Router from '@koa/router';",
  ].join('\n');
  const found = ts
    .preProcessFile(source, true, true)
    .importedFiles.map((i) => i.fileName)
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(ROOT, resolve(ROOT, 'server/http', s)))
    .filter((p) => featureOf(p));
  t.deepEqual(found, ['server/metrics/live.ts', 'ticket-printer/printers.ts', 'server/kb/plugin.ts', 'voice/plugin.ts']);
});
