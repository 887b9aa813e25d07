--[[
  Appends a batch of events to a stream's log, iff the log still ends at the expected seq. The
  engine decided these events in TypeScript against the state at expectedSeq; if another node
  appended meanwhile the decision is stale, so nothing is written and the caller re-reads.
  All events of the batch are written or none (a script runs atomically).

  Redis's clock is the hall's time authority: a batch with an event time more than maxAheadMs
  after Redis TIME is refused, whatever the writing node's clock says, so one node whose clock
  runs ahead cannot move every node's service day or waits forward. TIME is read in the script,
  so the check and the write are one atomic step; Redis 7 replicates a script's effects (the
  XADDs), not the script, so a replica never reads its own TIME for it.

  The number of keys varies with the batch (one time index key per event), so the caller passes
  it first, as EVAL does. Every key this script touches is in KEYS, all under the stream's hash
  tag, so in a Redis Cluster the call goes to the one master that owns the stream's slot.

    Input:
      KEYS[1]      log stream            (entry id "<seq>-0", fields: body, at)
      KEYS[2]      days sorted set       (day bucket name -> day start ms)
      KEYS[2 + i]  time index of event i's day bucket (seq -> at), for i = 1..n; n = #KEYS - 2

      ARGV[1] expectedSeq
      ARGV[2] pub/sub channel to publish the new last seq on (a channel, not a key)
      ARGV[3] maxAheadMs: how far an event time may be after Redis TIME (ms)
      then for each event i = 1..n, four values:
        at (epoch ms), day bucket name, day bucket start (epoch ms), body (JSON, seq included)

    Output:
      { 0, lastSeq }      appended; lastSeq = expectedSeq + n
      { -1, actualSeq }   version conflict: the log ends at actualSeq, nothing written
      { -2, redisNowMs }  an event time is more than maxAheadMs after Redis TIME, nothing written
]]
local n = #KEYS - 2
local maxAhead = tonumber(ARGV[3])
local time = redis.call('TIME')
local redisNow = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for i = 1, n do
  if tonumber(ARGV[4 + (i - 1) * 4]) > redisNow + maxAhead then
    return { -2, redisNow }
  end
end

local expected = tonumber(ARGV[1])
local actual = redis.call('XLEN', KEYS[1])
if actual ~= expected then
  return { -1, actual }
end

local seq = expected
for i = 1, n do
  local base = 4 + (i - 1) * 4
  local at, day, dayStart, body = ARGV[base], ARGV[base + 1], ARGV[base + 2], ARGV[base + 3]
  seq = seq + 1
  redis.call('XADD', KEYS[1], seq .. '-0', 'body', body, 'at', at)
  redis.call('ZADD', KEYS[2], dayStart, day)
  redis.call('ZADD', KEYS[2 + i], at, seq)
end

redis.call('PUBLISH', ARGV[2], seq)
return { 0, seq }
