// A hall's windows and services by id. Every command and every public view looks one up, and a
// city hall has 200 windows: a scan of the list per look-up is most of what a small command costs.
// Kept per list (a loaded configuration is never changed; a reload makes new lists), and checked
// on each answer so that a list changed in place anyway is read again rather than misread.
import type { HallConfig, ServiceConfig, WindowConfig } from './types.ts';

const byList = new WeakMap<readonly { id: string }[], { length: number; ids: Map<string, { id: string }> }>();

function find<T extends { id: string }>(list: readonly T[], id: string): T | undefined {
  let index = byList.get(list);
  if (!index || index.length !== list.length) {
    const ids = new Map<string, T>();
    // The first of an id wins, as list.find would have it.
    for (const x of list) if (!ids.has(x.id)) ids.set(x.id, x);
    index = { length: list.length, ids };
    byList.set(list, index);
  }
  const hit = index.ids.get(id) as T | undefined;
  if (hit?.id === id) return hit;
  // Not there: a list changed in place since it was indexed would say otherwise.
  const found = list.find((x) => x.id === id);
  if (found) byList.delete(list);
  return found;
}

export function windowConfigOf(hall: Pick<HallConfig, 'windows'>, windowId: string): WindowConfig | undefined {
  return find(hall.windows, windowId);
}

export function serviceConfigOf(hall: Pick<HallConfig, 'services'>, serviceId: string): ServiceConfig | undefined {
  return find(hall.services, serviceId);
}
