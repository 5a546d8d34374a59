/**
 * A province with four blocs for the province award session tests: the seeded CT-NOICHINH and three blocs written
 * straight into the database with the same member units (a second province bloc, a department bloc whose Giấy khen
 * stays with its own council, and a late one). Dates are chosen from the test clock: the submission deadline is
 * `leadDays` ahead, in year Y (the bloc-year), so the rule-set's month/day block holds for any test date.
 */
import type { Db } from '../../db';
import type { ProvinceSessionRules } from '../../domain/province-session';
import { vnDateOf } from '../../domain/vietnam-time';

export const EXTRA_BLOCS = [
  { code: 'CT-KT', name: 'Khối thi đua Kinh tế', level: 'province' },
  { code: 'CT-SOTP', name: 'Khối thi đua các phòng Sở Tư pháp', level: 'department' },
  { code: 'CT-VX', name: 'Khối thi đua Văn hóa – Xã hội', level: 'province' },
] as const;

/** Writes the three blocs (same units, head and deputy as CT-NOICHINH). */
export async function addProvinceBlocs(db: Db): Promise<Record<string, string>> {
  const src = await db.prisma.bloc.findUniqueOrThrow({
    where: { code: 'CT-NOICHINH' },
    include: { memberships: true },
  });
  const ids: Record<string, string> = { 'CT-NOICHINH': src.id };
  for (const b of EXTRA_BLOCS) {
    const row = await db.prisma.bloc.create({
      data: {
        code: b.code,
        name: b.name,
        provinceId: src.provinceId,
        ruleSetCode: src.ruleSetCode,
        headUnitId: src.headUnitId,
        deputyUnitId: src.deputyUnitId,
        level: b.level,
        ...(b.level === 'department' ? { authorityName: 'Sở Tư pháp', signerName: 'Nguyễn Văn Giám' } : {}),
        memberships: {
          create: src.memberships.map((m) => ({ unitId: m.unitId, joinedOn: m.joinedOn, leftOn: m.leftOn })),
        },
      },
    });
    ids[b.code] = row.id;
  }
  return ids;
}

/** The bloc-year and the rule-set block putting its submission deadline `leadDays` after `nowMs` (Vietnam date). */
export function sessionTimeline(
  nowMs: number,
  leadDays: number,
  quotas: Partial<ProvinceSessionRules> = {},
): { year: number; rules: ProvinceSessionRules } {
  const day = vnDateOf(nowMs + leadDays * 86_400_000);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return {
    year: y,
    rules: {
      submissionDeadline: { month: m, day: d, yearOffset: 0 },
      carryOverDays: 30,
      flagsPerBloc: 1,
      ...quotas,
    },
  };
}
