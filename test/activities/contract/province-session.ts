/** The activity contract (test/activities/contract.ts): the province award session's read model, written twice. */
import type { ProvinceSessionView } from '../../../contracts/province-session';
import type { ContractRun } from './run';

export function provinceSessionTests(run: ContractRun): void {
  test('recordProvinceSession: one row per sitting, the latest view wins', async () => {
    const { db, twice } = run;
    const province = await db.prisma.province.findUniqueOrThrow({ where: { code: 'CT' } });
    const id = `province-session:${province.id}:2031:1`;
    const view: ProvinceSessionView = {
      workflowId: id,
      provinceId: province.id,
      year: 2031,
      n: 1,
      phase: 'collecting',
      submissionDeadline: '2031-12-10T16:59:59.999Z',
      members: 5,
      quorum: { required: 4, present: null, met: null },
      votedCount: 0,
      dossiers: [],
      proposals: [],
      decisions: [],
    };
    await twice('recordProvinceSession', view);
    await twice('recordProvinceSession', { ...view, phase: 'voting', votedCount: 2 });
    const rows = await db.prisma.provinceSession.findMany({ where: { provinceId: province.id, year: 2031 } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id, n: 1, phase: 'voting', view: { votedCount: 2, phase: 'voting' } });
    expect(rows[0]!.submissionDeadline.toISOString()).toBe('2031-12-10T16:59:59.999Z');
  });
}
