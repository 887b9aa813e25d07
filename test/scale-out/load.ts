// A bounded mixed load for fault tests: issuers and clerks on the given nodes, retrying what a
// person would retry (503s, a node that went away), and recording only what was acknowledged.
import type { NodeProcess } from '../../server/dev/process.ts';
import { issue, pressNext, sleep, type ApiResponse } from './cluster.ts';

const SERVICES = ['business', 'social', 'estate', 'tax', 'medical'];

export interface LoadResult {
  /** Tickets the API answered 201 for: id → number. */
  acknowledged: Map<string, string>;
  /** Ticket ids returned by 200 answers to next. */
  called: string[];
  /** Every non-2xx answer by status and code, e.g. "503 store_unavailable". */
  refusals: Map<string, number>;
  /** Requests that got no HTTP answer at all (the node was gone). */
  unreachable: number;
}

export interface LoadOptions {
  /** Nodes to send requests to; a request to a dead node moves on to the next live one. */
  nodes: () => NodeProcess[];
  issues: number;
  clerks: number;
  /** Called after each acknowledged issue, with how many so far (to inject a fault mid-load). */
  onAck?: (count: number) => void;
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const result: LoadResult = { acknowledged: new Map(), called: [], refusals: new Map(), unreachable: 0 };
  let issuing = true;

  /** Sends to node i (mod live nodes), falling over to the others when it is unreachable. */
  const send = async (i: number, req: (base: string) => Promise<ApiResponse>): Promise<ApiResponse | null> => {
    const nodes = opts.nodes();
    for (let k = 0; k < nodes.length; k++) {
      const node = nodes[(i + k) % nodes.length]!;
      try {
        return await req(node.url);
      } catch {
        result.unreachable++;
      }
    }
    return null;
  };
  const refuse = (res: ApiResponse) => {
    const key = `${res.status} ${res.body?.error?.code ?? ''}`;
    result.refusals.set(key, (result.refusals.get(key) ?? 0) + 1);
  };

  const issuer = async (w: number, count: number) => {
    for (let i = 0; i < count; i++) {
      for (let attempt = 0; attempt < 400; attempt++) {
        const res = await send(w + i, (base) => issue(base, SERVICES[i % SERVICES.length]!));
        if (res?.status === 201) {
          result.acknowledged.set(res.body.id, `${res.body.service}:${res.body.number}`);
          opts.onAck?.(result.acknowledged.size);
          break;
        }
        if (res) refuse(res);
        await sleep(50);
      }
    }
  };
  const clerk = async (c: number) => {
    const window = String((c % 7) + 1);
    let emptyAfterIssuing = 0;
    for (let press = 0; press < 3000 && emptyAfterIssuing < 2; press++) {
      const stillIssuing = issuing;
      const res = await send(c, (base) => pressNext(base, window));
      if (res?.status === 200) result.called.push(res.body.ticket.id);
      else if (res?.status === 204) {
        if (!stillIssuing) emptyAfterIssuing++;
        await sleep(20);
      } else {
        if (res) refuse(res);
        await sleep(50);
      }
    }
  };

  const issuers = Promise.all([issuer(0, Math.ceil(opts.issues / 2)), issuer(1, Math.floor(opts.issues / 2))]).finally(
    () => (issuing = false),
  );
  await Promise.all([issuers, ...Array.from({ length: opts.clerks }, (_, c) => clerk(c))]);
  return result;
}
