// Two server processes on a 3-master Redis Cluster (REDIS_URL lists the masters) behave as one
// hall, as on one redis-server: the same tests (./two-nodes-suite.ts).
import { startOnRedisCluster } from './cluster.ts';
import { twoNodeSuite } from './two-nodes-suite.ts';

twoNodeSuite(() => startOnRedisCluster({ nodes: 2 }));
