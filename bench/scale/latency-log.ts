// What one phase of the clerks' generator (./clerks.ts) got: every answer's latency, kept so that
// the summary can say where the tail is (which step, which half second of the run), not only how
// long it is. Successful answers (2xx) only go into the percentiles; a refusal (4xx) and a failure
// (5xx, or no answer: status 0) are counted apart.

const SLICE_MS = 500;

/** The line the generator prints when its measured phase starts (after the warm-up). */
export const MEASURING = 'measuring';

export interface LatencySummary {
  /** Successful answers (2xx) only: the throughput and percentiles are theirs. */
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** 5xx answers and requests with no answer. */
  errors: number;
  /** 4xx answers (a refused command). */
  rejected: number;
  /** Tickets issued (201 answers). */
  issued: number;
  /** Answers by HTTP status, every one (0: no answer). */
  statuses: Record<string, number>;
  /** Seconds the phase took. */
  elapsed: number;
  /** The five slowest answers (any status): path, ms, and when sent (s into the phase). */
  slowest: { path: string; ms: number; sentAt: number }[];
  /** p50/p95 of the successful answers per step (issue, next, finish). */
  bySteps: Record<string, { n: number; p50: number; p95: number }>;
  /** p50/p95 of the successful answers sent in each half second of the phase, in order. */
  bySlice: { from: number; n: number; p50: number; p95: number }[];
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

function spread(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

export class LatencyLog {
  private readonly ok: { step: string; sentAt: number; ms: number }[] = [];
  private readonly statuses: Record<string, number> = {};
  private readonly slowest: { path: string; ms: number; sentAt: number }[] = [];
  private errors = 0;
  private rejected = 0;
  private issued = 0;

  constructor(readonly started: number) {}

  add(step: string, path: string, status: number, sentAt: number, ms: number): void {
    this.statuses[status] = (this.statuses[status] ?? 0) + 1;
    if (status === 0 || status >= 500) this.errors++;
    else if (status >= 300) this.rejected++;
    else this.ok.push({ step, sentAt: sentAt - this.started, ms });
    if (status === 201) this.issued++;
    if (status !== 0 && status < 500) this.noteSlow(path, ms, sentAt - this.started);
  }

  private noteSlow(path: string, ms: number, sentAt: number) {
    if (this.slowest.length === 5 && ms <= this.slowest[4]!.ms) return;
    this.slowest.push({ path, ms: Math.round(ms), sentAt: Math.round(sentAt / 100) / 10 });
    this.slowest.sort((a, b) => b.ms - a.ms);
    this.slowest.length = Math.min(this.slowest.length, 5);
  }

  summary(elapsed: number): LatencySummary {
    const sorted = this.ok.map((x) => x.ms).sort((a, b) => a - b);
    const groups = (key: (x: (typeof this.ok)[number]) => string | number) => {
      const by = new Map<string | number, number[]>();
      for (const x of this.ok) (by.get(key(x)) ?? by.set(key(x), []).get(key(x))!).push(x.ms);
      return by;
    };
    const bySteps = Object.fromEntries([...groups((x) => x.step)].map(([step, ms]) => [step, spread(ms)]));
    const slices = [...groups((x) => Math.floor(x.sentAt / SLICE_MS))].sort((a, b) => Number(a[0]) - Number(b[0]));
    const bySlice = slices.map(([k, ms]) => ({ from: (Number(k) * SLICE_MS) / 1000, ...spread(ms) }));
    return {
      requests: sorted.length,
      rps: sorted.length / elapsed,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      p99: quantile(sorted, 0.99),
      errors: this.errors,
      rejected: this.rejected,
      issued: this.issued,
      statuses: this.statuses,
      elapsed,
      slowest: this.slowest,
      bySteps,
      bySlice,
    };
  }
}
