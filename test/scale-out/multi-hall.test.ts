// Many halls on two nodes sharing one redis-server (the tests: ./multi-hall-suite.ts).
import { startCluster } from './cluster.ts';
import { multiHallSuite } from './multi-hall-suite.ts';

multiHallSuite((config) => startCluster({ nodes: 2, config }));
