import { describe, expect, it } from 'vitest';
import { runSoak } from '../../scripts/soak/harness';

/**
 * The short run of the crash harness (`npm run soak` runs 1,000 cycles): the CLI and the browser shell are killed
 * with SIGKILL while saving, and every acknowledged save must be there after the reopen, with integrity_check and
 * `audit verify` passing. Needs the built CLI (bin/tenken.cjs → dist), which `npm test` builds first.
 */
describe('crash harness (short run)', () => {
  it('loses no acknowledged save when the CLI or the browser shell is killed mid-save', async () => {
    const f = await runSoak({ cycles: 6, seed: 7 });
    expect(f.cycles).toBe(6);
    expect(f.cliCycles).toBe(3);
    expect(f.shellCycles).toBe(3);
    // The harness must really have saved and really have killed writers mid-save, or it proves nothing.
    expect(f.acknowledged).toBeGreaterThan(20);
    expect(f.killedMidSave).toBeGreaterThan(0);
    expect({ lost: f.lost, integrity: f.integrityFailures, chain: f.chainFailures, first: f.firstFailure }).toEqual({
      lost: 0,
      integrity: 0,
      chain: 0,
      first: null,
    });
  }, 120_000);
});
