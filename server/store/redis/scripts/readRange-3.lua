--[[
  Reads a hall's events whose time is in [from, to), in seq order, through the per-day time
  index. Read-only.

    Input:
      KEYS[1] log stream            (entry id "<seq>-0", fields: body, at)
      KEYS[2] days sorted set       (day bucket name -> day start ms)
      KEYS[3] time index key prefix

      ARGV[1] min day start, a ZRANGEBYSCORE bound (buckets that may overlap [from, to))
      ARGV[2] max day start, a ZRANGEBYSCORE bound
      ARGV[3] from, a ZRANGEBYSCORE bound (inclusive)
      ARGV[4] to, a ZRANGEBYSCORE bound (exclusive, "(<to>")

    Output:
      the events' JSON bodies, ordered by seq
]]
local days = redis.call('ZRANGEBYSCORE', KEYS[2], ARGV[1], ARGV[2])
local seqs = {}
for _, day in ipairs(days) do
  local members = redis.call('ZRANGEBYSCORE', KEYS[3] .. day, ARGV[3], ARGV[4])
  for _, s in ipairs(members) do
    seqs[#seqs + 1] = tonumber(s)
  end
end
-- Event times from different nodes' clocks need not rise with seq: order by seq, the log order.
table.sort(seqs)

local bodies = {}
for _, s in ipairs(seqs) do
  local entry = redis.call('XRANGE', KEYS[1], s .. '-0', s .. '-0')[1]
  if entry then
    bodies[#bodies + 1] = entry[2][2]
  end
end
return bodies
