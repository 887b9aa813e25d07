// Two server processes on one redis-server behave as one hall (the tests: ./two-nodes-suite.ts).
import { startCluster } from './cluster.ts';
import { twoNodeSuite } from './two-nodes-suite.ts';

twoNodeSuite(() => startCluster({ nodes: 2 }));
