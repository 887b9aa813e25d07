// A process that starts a redis-server and a node process through the dev helpers, prints their
// process ids, and then does not stop them: what a test that failed before its teardown leaves
// behind. test/store/dev-children.test.ts checks that this process still exits by itself, and
// takes both children with it.
import { execFileSync } from 'node:child_process';
import { startNodeProcess } from '../../server/dev/process.ts';
import { startRedisServer } from '../../server/dev/redis-server.ts';

const redis = await startRedisServer();
// What runs under startNodeProcess does not matter here, only how the helper holds it: a stand-in
// that answers /healthz starts in a blink where a whole server takes seconds on a loaded machine.
const STAND_IN = "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), process.env.HOST)";
const node = await startNodeProcess({}, undefined, ['-e', STAND_IN]);
// Redis's own word for its process id, not the helper's.
const info = execFileSync('redis-cli', ['-p', String(redis.port), 'INFO', 'server'], { encoding: 'utf8' });
console.log(JSON.stringify({ redis: Number(/process_id:(\d+)/.exec(info)?.[1]), node: node.child.pid }));
