// npm run card-reader -- --fake config/card-reader/demo-cards.yaml [--port 47810]
// Plays the card reader's bridge from a file of cards. Type "place 0", "remove" or "list" on stdin,
// or POST /place?card=0 and /remove on the same port.
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'yaml';
import { startFakeCardReader } from './fake-reader.ts';
import { DEFAULT_CARD_READER_PORT, type IdCard } from './protocol.ts';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const file = arg('--fake');
if (!file) {
  console.error('usage: npm run card-reader -- --fake <cards.yaml|json> [--port 47810]\n(only the fake reader ships; a hall uses its reader vendor\'s bridge)');
  process.exit(2);
}
const cards = parse(readFileSync(file, 'utf8')) as IdCard[];
if (!Array.isArray(cards) || cards.length === 0) {
  console.error(`${file}: expected a list of cards`);
  process.exit(2);
}
const reader = await startFakeCardReader(cards, { port: Number(arg('--port') ?? DEFAULT_CARD_READER_PORT) });
console.log(`fake card reader on ${reader.url} with ${cards.length} cards: type "place <n>", "remove", "list"`);
const input = createInterface({ input: process.stdin });
input.on('line', (line) => {
  const [cmd, n] = line.trim().split(/\s+/);
  try {
    if (cmd === 'place') reader.place(Number(n ?? 0));
    else if (cmd === 'remove') reader.remove();
    else if (cmd === 'list') cards.forEach((c, i) => console.log(`${i}: ${c.name} ${c.birthDate}`));
    else if (cmd) console.log('place <n> | remove | list');
  } catch (err) {
    console.log((err as Error).message);
  }
});
const stop = () => void reader.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
