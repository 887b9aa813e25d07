// V8 flags the server sets for itself before it starts anything, so every way of starting a node
// (`npm start`, `npm run start:prod`, systemd, the tests' and benches' child processes) gets them.
//
// --no-allocation-site-pretenuring: V8 watches each object/array literal's allocations and, once
// ≥ 85% of them outlive a minor collection, allocates that literal straight in the old generation
// from then on, for good. A burst of long-lived sockets (808 printer status probes at start in a
// deployment of 4 halls × 202 desks, or displays reconnecting after a restart) is enough to flip
// Node's own stream literals (a Readable's `_events`, its buffer array, an HTTP response's
// outputData). After that every HTTP request's `_events` is born old and points at the request's
// young listeners, so each minor GC keeps and then promotes everything a request allocated
// (~3.5 MB a scavenge, 7–15 ms instead of 0.5 ms, the old heap growing 70 → 220 MB between full
// collections), although none of it is still reachable. Without the feedback those literals stay
// young like everything else; bench/issue-cost and --trace-gc-nvp show the difference.
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
