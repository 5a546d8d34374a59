/**
 * The state the results tests share (test/api/results.test.ts and the modules beside this file): one real system,
 * one whole year driven over HTTP, and the results read before any revocation. Exported `let`s are live bindings.
 */
import { waitFor } from '../../support/scenario';
import { runEveryActYear, plainDriver, PEOPLE, type EveryActYear } from '../../support/every-act';
import { startSystem, type System } from '../../support/system';

export let sys: System;
export let year: EveryActYear;
export let before: any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Registers the start of the system and the year (before all) and the stop (after all). */
export function withResultsYear(): void {
  beforeAll(async () => {
    sys = await startSystem();
    year = await runEveryActYear(sys, plainDriver(sys));
    // The live view says 'closed' before the worker's last projection lands: results read the database.
    await waitFor('the closed year in the database', () =>
      sys.db.prisma.cycle
        .findFirst({ where: { id: year.cycleId, closedAt: { not: null } } })
        .then((c) => c ?? undefined),
    );
    before = (
      await sys.call('GET', `/api/cycles/${encodeURIComponent(year.cycleId)}/results`, { as: PEOPLE.memberOfficer })
    ).body;
  }, 240_000);

  afterAll(() => sys?.stop());
}

export const resultsPath = () => `/api/cycles/${encodeURIComponent(year.cycleId)}/results`;
export const revokePath = (proposalId: string) => `/api/awards/${encodeURIComponent(proposalId)}/revoke`;
export const sum = (xs: number[]) => Math.round(xs.reduce((t, x) => t + x, 0) * 100) / 100;
export const flag = () => year.proposals.find((p) => p.awardType === 'emulation-flag')!;
export const certificates = () => year.proposals.filter((p) => p.awardType === 'certificate-of-merit');
export const revocation = (n: string) => ({
  revocationNumber: `${n}/QĐ-UBND`,
  revokedOn: '2027-06-01',
  reason: 'Phát hiện kê khai thành tích không trung thực qua thanh tra',
});
