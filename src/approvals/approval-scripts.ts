/*
 * The Lua scripts behind every state move. Redis runs a script atomically, so of N replicas
 * clicking Approve at once exactly one sees `pending`; the rest see the winner's decision.
 * Times come in as ARGV (the store's clock), never from Redis TIME, so tests can move the clock.
 */

/**
 * pending -> approved|denied, or -> expired when the time is up.
 * KEYS: request hash, pending index. ARGV: decision, user, now, retainMs, id.
 * Returns {status, HGETALL}: ok | expired | already_decided | not_found.
 */
export const DECIDE_SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
if state == 'pending' then
  local expiresAt = tonumber(redis.call('HGET', KEYS[1], 'expiresAt'))
  redis.call('ZREM', KEYS[2], ARGV[5])
  if expiresAt == nil or tonumber(ARGV[3]) >= expiresAt then
    redis.call('HSET', KEYS[1], 'state', 'expired')
    return {'expired', redis.call('HGETALL', KEYS[1])}
  end
  redis.call('HSET', KEYS[1], 'state', ARGV[1], 'decidedBy', ARGV[2], 'decidedAt', ARGV[3])
  -- An approved request must outlive any job that runs it; a denied one is kept for the record.
  if ARGV[1] == 'approved' then redis.call('PERSIST', KEYS[1]) else redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
  return {'ok', redis.call('HGETALL', KEYS[1])}
end
if state == 'expired' then return {'expired', redis.call('HGETALL', KEYS[1])} end
return {'already_decided', redis.call('HGETALL', KEYS[1])}
`;

/**
 * The job's moves: approved -> running|failed, running -> running|done|failed (running -> running
 * is a resumed job). An empty target state keeps the current one (a progress-only patch).
 * KEYS: request hash. ARGV: target state, retainMs, count N of set args, N set args (field, value
 * pairs), then the fields to delete.
 * Returns {status, ...}: ok + HGETALL | refused + current state | not_found.
 */
export const UPDATE_SCRIPT = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return {'not_found'} end
local to = ARGV[1]
if to == '' then to = state end
local allowed = {
  approved = { approved = true, running = true, failed = true },
  running = { running = true, done = true, failed = true },
}
if not (allowed[state] and allowed[state][to]) then return {'refused', state} end
local nset = tonumber(ARGV[3])
local sets = {'state', to}
for i = 4, 3 + nset do sets[#sets + 1] = ARGV[i] end
redis.call('HSET', KEYS[1], unpack(sets))
local dels = {}
for i = 4 + nset, #ARGV do dels[#dels + 1] = ARGV[i] end
if #dels > 0 then redis.call('HDEL', KEYS[1], unpack(dels)) end
-- Never lose a request while it runs; once it has ended, keep it for the record only.
if to == 'done' or to == 'failed' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) else redis.call('PERSIST', KEYS[1]) end
return {'ok', redis.call('HGETALL', KEYS[1])}
`;

/** Records the request message. KEYS: request hash. ARGV: message reference (JSON). Returns 1, or 0 if absent. */
export const SET_MESSAGE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'message', ARGV[1])
return 1
`;

/**
 * Claims the posting of the request message, before it is posted (see claimPost).
 * KEYS: request hash. ARGV: now. Returns not_found | posted (a message is recorded) |
 * claimed_before (an earlier attempt got as far as posting) | claimed.
 */
export const CLAIM_POST_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not_found' end
if redis.call('HEXISTS', KEYS[1], 'message') == 1 or redis.call('HEXISTS', KEYS[1], 'messageTs') == 1 then
  return 'posted'
end
if redis.call('HSETNX', KEYS[1], 'postClaim', ARGV[1]) == 0 then return 'claimed_before' end
return 'claimed'
`;

/**
 * The request a job created, by the job's own key, or this new id when it has none yet (so a
 * retried job finds the request its earlier attempt created). KEYS: origin key. ARGV: new id, ttl ms.
 */
export const ORIGIN_SCRIPT = `
local existing = redis.call('GET', KEYS[1])
if existing then return existing end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return ARGV[1]
`;
