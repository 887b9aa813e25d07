// V8 flags the server sets for itself before it starts anything, so every way of starting a node
// (`npm start`, `npm run start:prod`, systemd, the tests' and benches' child processes) gets them.
//
// --no-allocation-site-pretenuring: V8 watches each object/array literal's allocations and, once
// ≥ 85% of them outlive a minor collection, allocates that literal straight in the old generation
// from then on, for good. A burst of sockets that live through a few minor collections (the 808
// printer status probes at the start of a deployment of 4 halls × 202 desks, all at once while the
// start allocates) is enough to flip Node's own stream literals (a Readable's `_events`, its
// buffer array, an HTTP response's outputData). After that every HTTP request's `_events` is born
// old and points at the request's young listeners, so each minor GC keeps and then promotes
// everything a request allocated (~3.3 MB a scavenge, 8–9 ms instead of 0.5 ms, the old heap
// growing 70 → 220 MB between full collections), although none of it is still reachable. Without
// the feedback those literals stay young like everything else. Measured: docs/deploy.md, "Memory".
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
