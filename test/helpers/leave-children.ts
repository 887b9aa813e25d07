// A process that starts a redis-server and a OneWindow node through the dev helpers, prints their
// process ids, and then does not stop them: what a test that failed before its teardown leaves
// behind. test/store/dev-children.test.ts checks that this process still exits by itself, and
// takes both children with it.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeProcess } from '../../server/dev/process.ts';
import { startRedisServer } from '../../server/dev/redis-server.ts';

const redis = await startRedisServer();
const node = await startNodeProcess({ DATA_DIR: mkdtempSync(join(tmpdir(), 'onewindow-leave-')), VOICE_ENGINE: 'none' });
// Redis's own word for its process id, not the helper's.
const info = execFileSync('redis-cli', ['-p', String(redis.port), 'INFO', 'server'], { encoding: 'utf8' });
console.log(JSON.stringify({ redis: Number(/process_id:(\d+)/.exec(info)?.[1]), node: node.child.pid }));
