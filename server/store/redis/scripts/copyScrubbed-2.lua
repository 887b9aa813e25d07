--[[
  One step of rewriting a stream's log for the visitor-data purge (RedisEventStore.rewriteBefore).
  A Redis stream's entries cannot be changed in place, so the log is copied, chunk by chunk, into
  a fresh stream with the purged entries' bodies replaced, and swapped in by swapRewritten. This
  copies the entries firstSeq..lastSeq (at most one chunk, ≤ 500), replacing the bodies named in
  ARGV, each only if the entry still holds the body the node scrubbed (its SHA-1): a concurrent
  rewrite is detected, not overwritten.

    Input:
      KEYS[1] log stream            (entry id "<seq>-0", fields: body, at)
      KEYS[2] the copy being built  (same layout)
      (both keys carry the stream's hash tag: one cluster slot; the script touches no other key)

      ARGV[1] firstSeq: the copy must end at firstSeq - 1
      ARGV[2] lastSeq
      ARGV[3] n, the number of replaced bodies
      then for each, three values: seq, SHA-1 (hex) of the body read, the new body (JSON)

    Output:
      { 0, lastSeq }    copied
      { -1, copyLen }   the copy does not end at firstSeq - 1 (another purge restarted it): nothing copied
      { -2, seq }       entry seq changed since it was read: nothing copied
      { -3, count }     the log does not hold every entry firstSeq..lastSeq: nothing copied
]]
local first, last = tonumber(ARGV[1]), tonumber(ARGV[2])
local copyLen = redis.call('XLEN', KEYS[2])
if copyLen ~= first - 1 then
  return { -1, copyLen }
end

local replaced = {}
local n = tonumber(ARGV[3])
for i = 0, n - 1 do
  local base = 4 + i * 3
  replaced[tonumber(ARGV[base])] = { ARGV[base + 1], ARGV[base + 2] }
end

local entries = redis.call('XRANGE', KEYS[1], first .. '-0', last .. '-0')
if #entries ~= last - first + 1 then
  return { -3, #entries }
end
-- Check every entry before writing any, so a failed step leaves the copy as it was.
for _, entry in ipairs(entries) do
  local seq = tonumber(string.match(entry[1], '^(%d+)'))
  local r = replaced[seq]
  if r and redis.sha1hex(entry[2][2]) ~= r[1] then
    return { -2, seq }
  end
end
for _, entry in ipairs(entries) do
  local seq = tonumber(string.match(entry[1], '^(%d+)'))
  local fields = entry[2]
  local r = replaced[seq]
  redis.call('XADD', KEYS[2], entry[1], 'body', r and r[2] or fields[2], 'at', fields[4])
end
return { 0, last }
