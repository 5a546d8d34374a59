/**
 * Generated registry for load runs (`npm run bench -- --acts`, test/api/act-concurrency.test.ts):
 * provinces, each with a council of five, blocs of `units` units, one unit officer per unit (the
 * first unit heads its bloc, the second is deputy). Needs a seeded rule-set (prisma/seed.ts).
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Db } from '../../db';

export interface GeneratedBloc {
  id: string;
  code: string;
  /** Officer (person id) of each unit; officers[0] is the head's. */
  officers: string[];
  unitIds: string[];
}

export async function generateCountry(
  db: Db,
  opts: { provinces: number; blocs: number; units: number; passwordHash: string; prefix?: string },
): Promise<GeneratedBloc[]> {
  const { prisma } = db;
  const prefix = opts.prefix ?? 'BP';
  const ruleSetCode = (await prisma.ruleSet.findFirstOrThrow({ select: { code: true } })).code;
  const blocs: GeneratedBloc[] = [];
  for (let p = 0; p < opts.provinces; p++) {
    const province = await prisma.province.create({ data: { code: `${prefix}${p}`, name: `Tỉnh ${prefix}${p}` } });
    const council = await prisma.council.create({ data: { provinceId: province.id, name: `Hội đồng ${prefix}${p}` } });
    const members = Array.from({ length: 5 }, (_, i) => ({
      id: randomUUID(),
      username: `${prefix}${p}.hd${i}`.toLowerCase(),
      fullName: 'Thành viên',
      email: 'hd@example.org',
      passwordHash: opts.passwordHash,
    }));
    await prisma.person.createMany({ data: members });
    await prisma.councilMember.createMany({
      data: members.map((m, i) => ({ councilId: council.id, personId: m.id, position: i === 0 ? 'chair' : 'member' })),
    });
    await prisma.roleAssignment.createMany({
      data: members.map((m) => ({ personId: m.id, role: 'councilMember', councilId: council.id })),
    });
    for (let b = 0; b < opts.blocs; b++) {
      const units = Array.from({ length: opts.units }, (_, u) => ({
        id: randomUUID(),
        code: `${prefix}${p}-B${b}-U${u}`,
        name: `Đơn vị ${u} khối ${b} tỉnh ${prefix}${p}`,
        shortName: `ĐV${u}`,
        provinceId: province.id,
      }));
      await prisma.unit.createMany({ data: units });
      const bloc = await prisma.bloc.create({
        data: {
          code: `${prefix}${p}-B${b}`,
          name: `Khối ${b} tỉnh ${prefix}${p}`,
          provinceId: province.id,
          ruleSetCode,
          headUnitId: units[0]!.id,
          deputyUnitId: units[1]!.id,
        },
      });
      await prisma.blocMembership.createMany({
        data: units.map((u) => ({ blocId: bloc.id, unitId: u.id, joinedOn: new Date('2025-01-01') })),
      });
      const people = units.map((u) => ({
        id: randomUUID(),
        username: `o.${u.code}`.toLowerCase(),
        fullName: 'Cán bộ',
        email: 'x@example.org',
        passwordHash: opts.passwordHash,
        unitId: u.id,
      }));
      await prisma.person.createMany({ data: people });
      await prisma.roleAssignment.createMany({
        data: people.map((x) => ({ personId: x.id, role: 'unitOfficer', unitId: x.unitId })),
      });
      blocs.push({ id: bloc.id, code: bloc.code, officers: people.map((x) => x.id), unitIds: units.map((u) => u.id) });
    }
  }
  return blocs;
}

/** A bearer token as POST /api/auth/login issues it (api/auth.ts), without the scrypt work of a login. */
export const tokenFor = (personId: string, secret: string, ttlSeconds = 28_800): string =>
  jwt.sign({ sub: personId }, secret, { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'thidua' });
