/**
 * The alert store's Lua scripts. Each runs atomically in Redis, so replicas that receive entries
 * of the same problem at the same moment agree on one alert, and exactly one of them is told to
 * post it. Hash fields are those of alert-record.ts.
 *
 * Dedup marker (one key per entry): `done`, or `p|LEASE_UNTIL|KIND|ALERT_ID|COUNT` while the
 * outcome of that entry is being handed to the outbox. A redelivery after the lease (or after a failed
 * hand-over, which zeroes the lease) replays the same outcome instead of losing it; a redelivery
 * while the lease runs, or after `done`, is a duplicate.
 */

/**
 * RECORD_SCRIPT's dedup + grouping of one entry for one destination (each destination has its own
 * marker, pointer and alert, so each alert counts every entry of the problem exactly once, and the
 * counts of a problem's alerts agree). Expects the
 * locals now, windowMs, leaseMs, prefix, dedupTtl, alertTtl, indexKey, indexTtl. `e` is the entry:
 * muted (the mute key's value), project, cluster, class, location, node, seen ISO, seenMs, sample
 * JSON, keyHash. Returns {status} (duplicate, muted_gone) or {status, alert id, count}.
 */
const RECORD_FUNCTION = `
local function pending(kind, id, count)
  return 'p|' .. (now + leaseMs) .. '|' .. kind .. '|' .. id .. '|' .. count
end

local function record(e, markerKey, pointerKey, candidateId, destination)
  local marker = redis.call('GET', markerKey)
  if marker then
    if marker == 'done' then return {'duplicate'} end
    local lease, kind, id, count = string.match(marker, '^p|(%d+)|([%a_]+)|([%w_-]+)|(%d+)$')
    if not lease or tonumber(lease) > now then return {'duplicate'} end
    if redis.call('EXISTS', prefix .. id) == 0 then
      redis.call('SET', markerKey, 'done', 'KEEPTTL')
      return {'duplicate'}
    end
    redis.call('SET', markerKey, pending(kind, id, count), 'KEEPTTL')
    return {kind, id, tonumber(count)}
  end

  local node = e.node
  local seenMs = e.seenMs
  local currentId = redis.call('GET', pointerKey)
  if e.muted and tonumber(e.muted) > now then
    redis.call('SET', markerKey, 'done', 'PX', dedupTtl)
    if currentId and redis.call('EXISTS', prefix .. currentId) == 1 then
      return {'muted', currentId, 0}
    end
    return {'muted_gone'}
  end

  local alertKey
  local status = 'updated'
  local reported = 0
  local ends = currentId and tonumber(redis.call('HGET', prefix .. currentId, 'windowEndsAt'))

  -- No alert, or the last one has been quiet for a whole window after its window: a new alert.
  if not ends or now >= ends + windowMs then
    local id = candidateId
    alertKey = prefix .. id
    redis.call('DEL', alertKey, alertKey .. ':nodes')
    redis.call('HSET', alertKey,
      'id', id, 'keyHash', e.keyHash, 'project', e.project, 'cluster', e.cluster, 'class', e.class,
      'location', e.location, 'destination', destination, 'count', 1, 'nodes', node, 'nodesTotal', 0,
      'firstSeen', e.seen, 'firstSeenMs', seenMs, 'lastSeen', e.seen, 'lastSeenMs', seenMs,
      'sample', e.sample, 'openedAt', now, 'windowStartedAt', now, 'windowEndsAt', now + windowMs,
      'version', 1, 'afterWindow', 0)
    if node ~= '' then
      redis.call('SADD', alertKey .. ':nodes', node)
      redis.call('HSET', alertKey, 'nodesTotal', 1)
    end
    redis.call('SET', pointerKey, id, 'PX', alertTtl)
    status = 'new'
    currentId = id
  else
    alertKey = prefix .. currentId
    local a = redis.call('HMGET', alertKey, 'nodes', 'firstSeenMs', 'lastSeenMs', 'location', 'openedAt', 'windowStartedAt', 'afterWindow')
    redis.call('HINCRBY', alertKey, 'count', 1)
    redis.call('HINCRBY', alertKey, 'version', 1)
    -- Distinct nodes: counted up to 10,000 (a cluster's limit is 15,000), the first 20 kept by name.
    if node ~= '' and redis.call('SCARD', alertKey .. ':nodes') < 10000 and redis.call('SADD', alertKey .. ':nodes', node) == 1 then
      redis.call('HINCRBY', alertKey, 'nodesTotal', 1)
      local list = a[1] or ''
      local n = 0
      if list ~= '' then n = select(2, string.gsub(list, '\\n', '')) + 1 end
      if n < 20 then
        if list == '' then list = node else list = list .. '\\n' .. node end
        redis.call('HSET', alertKey, 'nodes', list)
      end
    end
    -- Entries arrive out of order: first/last seen are the extremes of the entry timestamps.
    if seenMs < tonumber(a[2]) then redis.call('HSET', alertKey, 'firstSeen', e.seen, 'firstSeenMs', seenMs) end
    if seenMs > tonumber(a[3]) then redis.call('HSET', alertKey, 'lastSeen', e.seen, 'lastSeenMs', seenMs) end
    if (a[4] or '') == '' and e.location ~= '' then redis.call('HSET', alertKey, 'location', e.location) end
    local afterWindow = tonumber(a[7])
    if now >= ends then
      -- The window is over: this entry opens the next one on the same alert. What the window that
      -- just ended collected after the first window is due in a "still happening" reply.
      if afterWindow > 0 then
        status = 'still_happening'
        reported = afterWindow
      end
      redis.call('HSET', alertKey, 'windowStartedAt', now, 'windowEndsAt', now + windowMs, 'afterWindow', afterWindow + 1)
    elseif tonumber(a[6]) > tonumber(a[5]) then
      redis.call('HSET', alertKey, 'afterWindow', afterWindow + 1)
    end
  end

  local ttl = math.max(tonumber(alertTtl), redis.call('PTTL', alertKey))
  redis.call('PEXPIRE', alertKey, ttl)
  redis.call('PEXPIRE', alertKey .. ':nodes', ttl)
  redis.call('PEXPIRE', pointerKey, ttl)
  redis.call('SET', markerKey, pending(status, currentId, reported), 'PX', dedupTtl)
  -- The App Home lists alerts from this index, most recently active first. It grows only with a
  -- new alert, which is when ids older than any alert can live are dropped.
  redis.call('ZADD', indexKey, now, currentId)
  if status == 'new' then redis.call('ZREMRANGEBYSCORE', indexKey, '-inf', now - tonumber(indexTtl)) end
  return {status, currentId, reported}
end
`;

/** RECORD_SCRIPT's ARGV before the problems: now ... indexTtl, then the number of problems. */
const RECORD_COMMON_ARGS = 8;
/** Fields of one problem in RECORD_SCRIPT's ARGV, before its destinations' pairs. */
const RECORD_PROBLEM_FIELDS = 6;
/** Fields of one entry in RECORD_SCRIPT's ARGV. */
const RECORD_ENTRY_FIELDS = 5;

/**
 * Dedup + grouping of entries, each for every destination of its problem (one alert per
 * destination, see RECORD_FUNCTION), in order: several entries that arrived together take one
 * round trip, and an entry seen twice in one call is a duplicate the second time, as in two calls.
 * What entries of one problem share is sent once per call: its names, key hash, mute key, pointers,
 * candidate ids and destinations, and a sample (the first of its entries in the call: a new alert
 * opened by a later one shows that sample, an entry of the same problem that arrived with it).
 * Status: duplicate | muted | muted_gone | new | updated | still_happening.
 * KEYS: index of alerts by last activity; per problem: its mute key, then per destination its
 *   problem pointer; per entry: per destination of its problem, its dedup marker.
 * ARGV: now, windowMs, dedupTtlMs, alertTtlMs, leaseMs, alert key prefix, how long the index keeps
 *   an id, number of problems; per problem: number of destinations, project, cluster, class, key
 *   hash, sample JSON, then per destination: candidate id, destination (JSON); per entry: its
 *   problem's number (from 1), location, node, seen ISO, seen ms.
 * Returns {per entry: {per destination: {status} or {status, alert id, count}}, {alert id, HGETALL
 * of the alert, ...}}: each alert the batch touched once, as it is after the whole batch.
 */
export const RECORD_SCRIPT = `
local now = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local dedupTtl = ARGV[3]
local alertTtl = ARGV[4]
local leaseMs = tonumber(ARGV[5])
local prefix = ARGV[6]
local indexTtl = ARGV[7]
local indexKey = KEYS[1]
${RECORD_FUNCTION}
local problems = {}
local k = 2
local a = ${RECORD_COMMON_ARGS + 1}
for p = 1, tonumber(ARGV[${RECORD_COMMON_ARGS}]) do
  local n = tonumber(ARGV[a])
  local problem = {
    muted = redis.call('GET', KEYS[k]), project = ARGV[a + 1], cluster = ARGV[a + 2], class = ARGV[a + 3],
    keyHash = ARGV[a + 4], sample = ARGV[a + 5], pointers = {}, candidates = {}, destinations = {},
  }
  k = k + 1
  a = a + ${RECORD_PROBLEM_FIELDS}
  for i = 1, n do
    problem.pointers[i] = KEYS[k]
    problem.candidates[i] = ARGV[a]
    problem.destinations[i] = ARGV[a + 1]
    k = k + 1
    a = a + 2
  end
  problems[p] = problem
end
local results = {}
local touched = {}
local alerts = {}
while a <= #ARGV do
  local problem = problems[tonumber(ARGV[a])]
  local e = {
    muted = problem.muted, project = problem.project, cluster = problem.cluster, class = problem.class,
    keyHash = problem.keyHash, sample = problem.sample,
    location = ARGV[a + 1], node = ARGV[a + 2], seen = ARGV[a + 3], seenMs = tonumber(ARGV[a + 4]),
  }
  a = a + ${RECORD_ENTRY_FIELDS}
  local one = {}
  for i = 1, #problem.pointers do
    local r = record(e, KEYS[k], problem.pointers[i], problem.candidates[i], problem.destinations[i])
    if r[2] and not touched[r[2]] then
      touched[r[2]] = true
      table.insert(alerts, r[2])
    end
    one[i] = r
    k = k + 1
  end
  table.insert(results, one)
end
local hashes = {}
for _, id in ipairs(alerts) do
  table.insert(hashes, id)
  table.insert(hashes, redis.call('HGETALL', prefix .. id))
end
return {results, hashes}
`;

/**
 * The end of an entry's hand-over, for each of its destinations given. KEYS: their dedup markers.
 * ARGV: '1' handled (marker -> done), '0' failed (lease zeroed, so the redelivery replays the
 * outcome). A marker already done stays done. Returns how many markers were pending.
 */
export const SETTLE_SCRIPT = `
local settled = 0
for i = 1, #KEYS do
  local marker = redis.call('GET', KEYS[i])
  if marker and marker ~= 'done' then
    settled = settled + 1
    if ARGV[1] == '1' then
      redis.call('SET', KEYS[i], 'done', 'KEEPTTL')
    else
      redis.call('SET', KEYS[i], (string.gsub(marker, '^p|%d+|', 'p|0|')), 'KEEPTTL')
    end
  end
end
return settled
`;

/**
 * Mutes the alert's problem (its key hash, so later alerts of the same problem too, on every
 * destination), and marks the problem's current alert on each destination as muted, so that every
 * message of the problem can say so.
 * KEYS: alert hash. ARGV: now, forMs, mute key prefix, windowMs, alert key prefix, problem pointer
 *   prefix, then the pointer suffix of each destination platform.
 * Returns {HGETALL of the alert, {ids of the problem's other alerts muted with it}}, or an empty
 * list when there is no such alert.
 */
export const MUTE_SCRIPT = `
local keyHash = redis.call('HGET', KEYS[1], 'keyHash')
if not keyHash then return {} end
local now = tonumber(ARGV[1])
local forMs = tonumber(ARGV[2])
redis.call('SET', ARGV[3] .. keyHash, now + forMs, 'PX', forMs)
-- The alert must outlive its mute, so muted entries can still name it.
local function markMuted(alertKey)
  redis.call('HSET', alertKey, 'mutedUntil', now + forMs)
  redis.call('HINCRBY', alertKey, 'version', 1)
  local ttl = math.max(forMs + 2 * tonumber(ARGV[4]), redis.call('PTTL', alertKey))
  redis.call('PEXPIRE', alertKey, ttl)
  redis.call('PEXPIRE', alertKey .. ':nodes', ttl)
end
markMuted(KEYS[1])
local id = redis.call('HGET', KEYS[1], 'id')
local others = {}
for i = 7, #ARGV do
  local other = redis.call('GET', ARGV[6] .. keyHash .. ARGV[i])
  if other and other ~= id and redis.call('HGET', ARGV[5] .. other, 'keyHash') == keyHash then
    markMuted(ARGV[5] .. other)
    table.insert(others, other)
  end
end
return {redis.call('HGETALL', KEYS[1]), others}
`;

/** Records the posted message. KEYS: alert hash. ARGV: its MessageRef (JSON). Returns 1, or 0 if absent. */
export const SET_MESSAGE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'message', ARGV[1])
return 1
`;

/** Subtracts reported entries from afterWindow (never below 0). KEYS: alert hash. ARGV: count. */
export const MARK_REPORTED_SCRIPT = `
local n = redis.call('HGET', KEYS[1], 'afterWindow')
if not n then return 0 end
redis.call('HSET', KEYS[1], 'afterWindow', math.max(0, tonumber(n) - tonumber(ARGV[1])))
return 1
`;
