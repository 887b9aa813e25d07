// REDIS_URL: one URL is one Redis, a comma-separated list is the seed nodes of a Redis Cluster.
import test from 'ava';
import { parseRedisUrl } from '../../server/store/redis/connect.ts';

test('one URL is one Redis, as given', (t) => {
  t.deepEqual(parseRedisUrl('redis://:secret@10.0.0.5:6390/2'), { kind: 'single', url: 'redis://:secret@10.0.0.5:6390/2' });
});

test('several URLs are the nodes of a cluster; the password of the first URL that has one applies to every node', (t) => {
  t.deepEqual(parseRedisUrl('redis://10.0.0.1:7000, redis://:s%40cret@10.0.0.2:7001,redis://10.0.0.3'), {
    kind: 'cluster',
    nodes: [
      { host: '10.0.0.1', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '10.0.0.3', port: 6379 },
    ],
    node: { password: 's@cret' },
  });
});

test('rediss:// in the list turns TLS on for every node', (t) => {
  const target = parseRedisUrl('rediss://a.example:7000,rediss://b.example:7000');
  t.is(target.kind, 'cluster');
  t.deepEqual(target.kind === 'cluster' && target.node, { tls: {} });
});

test('a cluster list that names a database, is not redis://, or is not a URL is refused with the reason', (t) => {
  t.throws(() => parseRedisUrl('redis://a:7000/3,redis://b:7000'), { message: /database 3; a Redis Cluster has only database 0/ });
  t.throws(() => parseRedisUrl('http://a:7000,redis://b:7000'), { message: /not redis:\/\/ or rediss:\/\// });
  t.throws(() => parseRedisUrl('a:7000,b:7000'), { message: /not redis:\/\/ or rediss:\/\/|not a URL/ });
  t.throws(() => parseRedisUrl(' , '), { message: /REDIS_URL is empty/ });
});
