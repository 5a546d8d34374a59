/** Results over HTTP: the history of a unit merged into a successor. */
import { randomUUID } from 'node:crypto';
import { PEOPLE } from '../../support/every-act';
import { expectStatus } from '../../support/writes';
import { sys, year } from './context';

/** Registered inside its `describe` by test/api/results.test.ts (one real system and one year for all). */
export function mergedUnitTests(): void {
  test('the successor’s history carries its predecessors’ years (through every merger), marked with their name and code; the bloc history is unchanged', async () => {
    const blocHistory = () =>
      sys.call('GET', `/api/blocs/${year.blocId}/history`, { as: PEOPLE.memberOfficer }).then((r) => r.body);
    const blocBefore = await blocHistory();
    const leaver = (await sys.call('GET', `/api/units/${year.leaver}/history`, { as: PEOPLE.councilMember })).body;
    expect(leaver.years.length).toBeGreaterThan(0);
    expect(leaver.years.every((y: { predecessor: unknown }) => y.predecessor === null)).toBe(true);
    const { provinceId } = await sys.db.prisma.unit.findUniqueOrThrow({ where: { id: year.leaver } });
    const merge = async (from: string, code: string, dissolvedOn: string) => {
      const created = await sys.call('POST', '/api/admin/units', {
        as: PEOPLE.admin,
        key: randomUUID(),
        body: { code, name: `Sở hợp nhất ${code}`, shortName: code, provinceId },
      });
      expectStatus(created, 201);
      expectStatus(
        await sys.call('POST', `/api/admin/units/${from}/dissolve`, {
          as: PEOPLE.admin,
          key: randomUUID(),
          body: { dissolvedOn, successorId: created.body.id, reason: 'Sáp nhập theo Nghị quyết sắp xếp bộ máy' },
        }),
        200,
      );
      return created.body.id as string;
    };
    const successor = await merge(year.leaver, 'CT-HOPNHAT1', '2027-03-01');
    const inherited = leaver.years.map((y: object) => ({
      ...y,
      predecessor: { id: year.leaver, code: leaver.unit.code, name: leaver.unit.name },
    }));
    const history = await sys.call('GET', `/api/units/${successor}/history`, { as: PEOPLE.councilMember });
    expectStatus(history, 200);
    expect(history.body.unit.predecessors).toEqual([
      expect.objectContaining({ id: year.leaver, code: leaver.unit.code }),
    ]);
    expect(history.body.years).toEqual(inherited);
    // Merged again: the next successor carries both earlier units' years (the first had none of its own).
    const next = await merge(successor, 'CT-HOPNHAT2', '2027-09-01');
    expect((await sys.call('GET', `/api/units/${next}/history`, { as: PEOPLE.councilMember })).body.years).toEqual(
      inherited,
    );
    // The predecessor's own history and the bloc's are as they were.
    expect(
      (await sys.call('GET', `/api/units/${year.leaver}/history`, { as: PEOPLE.councilMember })).body.years,
    ).toEqual(leaver.years);
    expect(await blocHistory()).toEqual(blocBefore);
  });
}
