import { describe, expect, it } from 'vitest';
import { nodeCron } from '../../src/schedule/scheduler.ts';

describe('the node-cron adapter', () => {
  it('really fires a job in a named time zone, and stops after destroy', async () => {
    const fires: number[] = [];
    let firstFire: () => void = () => {};
    const fired = new Promise<void>((resolve) => (firstFire = resolve));
    // Every second: the one test that waits for real time, about a second at most.
    const task = nodeCron.schedule(
      '* * * * * *',
      async () => {
        fires.push(fires.length);
        firstFire();
      },
      { name: 'cron-adapter-test', timezone: 'Europe/Berlin' },
    );
    try {
      await fired;
    } finally {
      await task.destroy();
    }
    const count = fires.length;
    expect(count).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(fires.length).toBe(count);
  });
});
