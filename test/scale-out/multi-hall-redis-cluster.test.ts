// Many halls on two nodes sharing a 3-master Redis Cluster, with the two halls' logs on different
// masters: the same tests as on one redis-server (./multi-hall-suite.ts), then a look at where
// each hall's log really is, asked of the masters themselves.
import test from 'ava';
import { startOnRedisCluster } from './cluster.ts';
import { multiHallSuite } from './multi-hall-suite.ts';

// "chaoyang" hashes to a slot in the third master's range, "district" to one in the first's
// (checked below against the running cluster, not taken from here).
const STREET = 'chaoyang';

multiHallSuite((config) => startOnRedisCluster({ nodes: 2, config }), STREET, (deployment) => {
  test.serial("the two halls' logs live on different masters, each whole on the master that owns its slot", async (t) => {
    const { redisCluster } = deployment();
    const owners: number[] = [];
    for (const hall of ['district', STREET]) {
      const log = `ow:{${hall}}:log`;
      const owner = await redisCluster.ownerOf(log);
      owners.push(owner);
      // Read on that master alone (redis-cli without -c follows no redirection): the events are there.
      const length = Number((await redisCluster.cli(owner, 'XLEN', log)).trim());
      t.true(length > 20, `${hall}: ${length} events on master ${owner}`);
      for (const m of redisCluster.masters.filter((m) => m.port !== owner)) {
        t.is((await redisCluster.cli(m.port, '--scan', '--pattern', `ow:{${hall}}:*`)).trim(), '', `${hall}: no key on master ${m.port}`);
      }
    }
    t.not(owners[0], owners[1], 'the halls are on different masters');
  });
});
