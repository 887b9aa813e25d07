--[[
  The last step of rewriting a stream's log (RedisEventStore.rewriteBefore): once the copy built by
  copyScrubbed holds every entry of the log, it replaces the log (RENAME drops the old stream and
  its bodies). If events were appended since the last chunk was copied, nothing is swapped and the
  caller copies on: a concurrent append is never lost, and appends need no lock.

    Input:
      KEYS[1] log stream
      KEYS[2] the copy
      (both keys carry the stream's hash tag: one cluster slot; the script touches no other key)

      ARGV[1] copiedSeq: the last seq the caller copied

    Output:
      { 0, lastSeq }    swapped: the copy is the log
      { 1, lastSeq }    the log has grown past copiedSeq: copy the rest first
      { -1, copyLen }   the copy does not end at copiedSeq (another purge restarted it)
]]
local copied = tonumber(ARGV[1])
local copyLen = redis.call('XLEN', KEYS[2])
if copyLen ~= copied then
  return { -1, copyLen }
end
local logLen = redis.call('XLEN', KEYS[1])
if logLen ~= copied then
  return { 1, logLen }
end
if copied > 0 then
  redis.call('RENAME', KEYS[2], KEYS[1])
end
return { 0, logLen }
