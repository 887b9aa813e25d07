--[[
  Saves a stream's folded state at a seq, unless a snapshot at the same or a newer seq is already
  there: nodes save independently and a slow one must not replace a newer snapshot.

    Input:
      KEYS[1] snapshot hash (fields: seq, state)
      (the only key the script touches)

      ARGV[1] seq
      ARGV[2] state (JSON)

    Output:
      1  saved
      0  ignored: the stored snapshot is at the same or a newer seq
]]
local current = tonumber(redis.call('HGET', KEYS[1], 'seq'))
local seq = tonumber(ARGV[1])
if current and current >= seq then
  return 0
end
redis.call('HSET', KEYS[1], 'seq', ARGV[1], 'state', ARGV[2])
return 1
