// The shape of JSON data, for the recorded snapshot shapes (test/engine/snapshot-formats/): each
// leaf replaced by its type, each object by its keys (sorted) and their shapes, each array by the
// distinct shapes of its items (sorted). Values and counts do not count; a field added, removed,
// renamed or retyped does.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ExecutionContext } from 'ava';

export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return { array: [...new Set(value.map((v) => JSON.stringify(shapeOf(v))))].sort().map((s) => JSON.parse(s) as unknown) };
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((k) => [k, shapeOf(record[k])]));
  }
  return typeof value;
}

/**
 * Checks the shape of a stream's encoded sample state against the one recorded for its snapshot
 * format in test/engine/snapshot-formats/<name>.v<format>.json. UPDATE_SNAPSHOT_SHAPES=1 records the
 * shape of a format that has none yet, and never rewrites a recorded one: a format's shape is fixed
 * once recorded, so a new shape needs a new number. `where`: the file and constant that hold the
 * format, named in the failure.
 */
export function assertRecordedShape(t: ExecutionContext, name: string, format: number, encoded: string, where: string): void {
  const file = new URL(`../engine/snapshot-formats/${name}.v${format}.json`, import.meta.url);
  const shape = shapeOf(JSON.parse(encoded));
  if (process.env.UPDATE_SNAPSHOT_SHAPES && !existsSync(file)) writeFileSync(file, JSON.stringify({ format, shape }, null, 2) + '\n');
  if (!existsSync(file)) return void t.fail(`no recorded shape for ${name} snapshot format ${format}: UPDATE_SNAPSHOT_SHAPES=1 npx ava <this test file>`);
  const recorded = JSON.parse(readFileSync(file, 'utf8')) as { format: number; shape: unknown };
  t.is(recorded.format, format);
  t.deepEqual(shape, recorded.shape, `${name}: the saved state changed shape: bump its snapshot format (${where}), then record the new shape with UPDATE_SNAPSHOT_SHAPES=1`);
}
