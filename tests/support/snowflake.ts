/** Discord's epoch (2015-01-01T00:00:00Z); snowflakes count milliseconds from here. */
const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * Generates real, timestamp-based snowflakes: 42 bits of ms since the Discord epoch, then
 * 5 bits worker, 5 bits process, 12 bits increment. Ids from one generator are strictly increasing.
 */
export function createSnowflakeGenerator(workerId = 1, processId = 1, clock: () => number = Date.now) {
  let lastMs = 0n;
  let increment = 0n;
  return function nextSnowflake(): string {
    let ms = BigInt(clock()) - DISCORD_EPOCH;
    if (ms < lastMs) ms = lastMs; // never go backwards, even if the clock does
    if (ms === lastMs) {
      increment = (increment + 1n) & 0xfffn;
      if (increment === 0n) ms = lastMs + 1n; // 4096 ids in one ms: borrow the next ms
    } else {
      increment = 0n;
    }
    lastMs = ms;
    return ((ms << 22n) | (BigInt(workerId & 31) << 17n) | (BigInt(processId & 31) << 12n) | increment).toString();
  };
}

/** The creation time encoded in a snowflake. */
export function snowflakeTime(id: string): Date {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH));
}
