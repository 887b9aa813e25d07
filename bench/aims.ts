// Issue 15's aims in one table at the end of `npm run bench`: each figure next to its aim and the
// baseline it is compared with, both measured in the same run (the benches that measure them add
// their lines: issue-cost.ts, scale.ts, estimate-accuracy.ts).
export interface Aim {
  aim: string;
  measured: string;
  /** What the figure is compared with in this run ('' where the aim is absolute). */
  baseline: string;
  target: string;
  met: boolean;
}

export function printAims(title: string, aims: readonly Aim[]): void {
  const header = ['aim', 'measured', 'same-run baseline', 'target', 'met'];
  const cells = aims.map((a) => [a.aim, a.measured, a.baseline, a.target, a.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const c of cells) console.log(line(c));
}

/** "12.3×" */
export const times = (x: number) => `${x.toFixed(2)}×`;
