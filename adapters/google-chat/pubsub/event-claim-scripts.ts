/**
 * The Lua scripts of the Chat event claims (event-claims.ts). One key per Pub/Sub message id holds
 * `lease:TOKEN` (PX = the lease) while one replica handles the event, then `done` (PX ~ 24 h).
 * Each script reads and writes that key atomically, so two replicas can never both see it free,
 * and a replica can only renew, finish or release its own lease (its TOKEN), never another's.
 */

/**
 * Claims the event. KEYS: marker. ARGV: lease value (`lease:TOKEN`), lease ms.
 * Returns `claimed` (the lease is ours), `done` (handled before), or `busy` (another replica's lease runs).
 */
export const CLAIM_SCRIPT = `
local marker = redis.call('GET', KEYS[1])
if not marker then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 'claimed'
end
if marker == 'done' then return 'done' end
return 'busy'
`;

/** Extends our lease. KEYS: marker. ARGV: lease value, lease ms. Returns 1, or 0 when the lease is no longer ours. */
export const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/**
 * Marks the event handled. KEYS: marker. ARGV: lease value, done ms.
 * Returns `done`; or `lost` when another replica has claimed it since (our lease ran out): its lease
 * is left alone, and it marks the event done itself.
 */
export const DONE_SCRIPT = `
local marker = redis.call('GET', KEYS[1])
if marker and marker ~= ARGV[1] then return 'lost' end
redis.call('SET', KEYS[1], 'done', 'PX', ARGV[2])
return 'done'
`;

/** Gives the event up for a retry. KEYS: marker. ARGV: lease value. Returns 1, or 0 when the lease was not ours. */
export const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;
