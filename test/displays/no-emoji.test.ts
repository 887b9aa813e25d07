// The pages draw icons as inline SVG (displays/parts/icons.ts): an emoji or pictograph character in
// a page's source needs a font the hall's PC may not have, and shows as an empty box there.
import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

// Emoji and pictographs (outside the Basic Multilingual Plane), Miscellaneous Symbols and Dingbats
// (☎ ⚠ ✓ ✕ …), Miscellaneous Technical (⌫ ⏸ …) and the emoji variation selector.
const PICTOGRAPH = /[\u{1F000}-\u{1FFFF}\u{2600}-\u{27BF}\u{2300}-\u{23FF}\u{2B00}-\u{2BFF}\u{FE0F}]/u;

test('no page source contains an emoji or pictograph character outside comments and key names', (t) => {
  const found: string[] = [];
  for (const file of sources(join(ROOT, 'displays'))) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$|^\s*\/?\*.*$/, '');
        // The keypad's backspace key is named '⌫' in code and drawn with backspaceIcon.
        if (PICTOGRAPH.test(code.replaceAll("'⌫'", ''))) found.push(`${relative(ROOT, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  t.deepEqual(found, []);
});

test('the pattern catches the characters that showed as boxes', (t) => {
  for (const c of ['🔊', '🔇', '⚠', '✓', '✕', '☎', '⏸']) t.true(PICTOGRAPH.test(c), c);
  for (const c of ['叫', 'A', '·', '—', '→', '×']) t.false(PICTOGRAPH.test(c), c);
});
