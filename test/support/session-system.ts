/**
 * A province award session on the real system (API + worker + dev server), without driving bloc years to their
 * council step: the session workflow is started as the hand-off activity would start it (its deadline a few seconds
 * ahead) and two blocs' dossiers are handed in with its system Update `handInDossier`; the acts then go over HTTP.
 * The dossiers name cycles that do not run: the session's final signal to them is lost, as for a cancelled year.
 */
import { randomUUID } from 'node:crypto';
import {
  provinceSessionWorkflowId,
  type Dossier,
  type ProvinceSessionInput,
  type ProvinceSessionView,
} from '../../contracts/province-session';
import { ProvinceSessionRulesSchema } from '../../domain/province-session';
import { CouncilRulesSchema } from '../../domain/ruleset';
import { addProvinceBlocs } from './province-session';
import type { System } from './system';
import { expectStatus } from './writes';

export const SESSION_MEMBERS = ['ct.hd1', 'ct.hd2', 'ct.hd3', 'ct.hd4', 'ct.hd5'] as const;

export interface SessionRun {
  provinceId: string;
  year: number;
  workflowId: string;
  path: string;
  /** Bloc code → the dossier handed in. */
  dossiers: Record<string, Dossier>;
}

const personId = async (sys: System, username: string) =>
  (await sys.db.prisma.person.findUniqueOrThrow({ where: { username } })).id;
const unitId = async (sys: System, code: string) =>
  (await sys.db.prisma.unit.findUniqueOrThrow({ where: { code } })).id;

/**
 * Sitting 1 of Cần Thơ's `year` with two dossiers: CT-NOICHINH (head CT-CA: a flag for CT-CA, a Bằng khen for
 * CT-TAND) and CT-KT (head CT-VKSND: a flag for CT-VKSND, a Bằng khen for CT-STP); waits for the appraisal phase.
 */
export async function startSession(sys: System, year: number): Promise<SessionRun> {
  const blocs = await addProvinceBlocs(sys.db);
  const provinceId = (await sys.db.prisma.bloc.findUniqueOrThrow({ where: { id: blocs['CT-NOICHINH']! } })).provinceId;
  const admins = await sys.db.prisma.roleAssignment.findMany({ where: { role: 'admin' }, select: { personId: true } });
  const input: ProvinceSessionInput = {
    provinceId,
    year,
    n: 1,
    councilMemberIds: await Promise.all(SESSION_MEMBERS.map((u) => personId(sys, u))),
    secretaryIds: [await personId(sys, 'ct.tk')],
    adminIds: admins.map((a) => a.personId),
    council: CouncilRulesSchema.parse({}),
    rules: ProvinceSessionRulesSchema.parse({}),
    submissionDeadline: new Date(Date.now() + 6_000).toISOString(),
  };
  const workflowId = provinceSessionWorkflowId(provinceId, year, 1);
  const handle = await sys.env.client.workflow.start('provinceAwardSessionWorkflow', {
    taskQueue: sys.real.taskQueue,
    workflowId,
    args: [input],
  });
  const dossier = async (code: string, name: string, head: string, flag: string, merit: string): Promise<Dossier> => ({
    cycleId: `cycle:${code}:${year}`,
    blocId: blocs[code]!,
    blocCode: code,
    blocName: name,
    headUnitId: await unitId(sys, head),
    proposals: await Promise.all(
      [
        ['emulation-flag', flag],
        ['certificate-of-merit', merit],
      ].map(async ([awardType, unit]) => {
        const u = await sys.db.prisma.unit.findUniqueOrThrow({ where: { code: unit! } });
        return {
          proposalId: randomUUID(),
          unitId: u.id,
          unitName: u.name,
          awardType: awardType as 'emulation-flag',
          achievement: `Hoàn thành xuất sắc nhiệm vụ năm ${year}`,
        };
      }),
    ),
  });
  const nc = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { id: blocs['CT-NOICHINH']! } });
  const dossiers = {
    'CT-NOICHINH': await dossier('CT-NOICHINH', nc.name, 'CT-CA', 'CT-CA', 'CT-TAND'),
    'CT-KT': await dossier('CT-KT', 'Khối thi đua Kinh tế', 'CT-VKSND', 'CT-VKSND', 'CT-STP'),
  };
  for (const d of Object.values(dossiers))
    await handle.executeUpdate('handInDossier', { args: [{ dossier: d }], updateId: `handin:${d.cycleId}:1` });
  const path = `/api/provinces/${provinceId}/years/${year}/sessions/1`;
  await waitForPhase(sys, path, 'appraisal');
  return { provinceId, year, workflowId, path, dossiers };
}

export async function waitForPhase(sys: System, path: string, phase: string): Promise<ProvinceSessionView> {
  for (let i = 0; i < 150; i++) {
    const r = await sys.call<ProvinceSessionView>('GET', path, { as: 'admin' });
    if (r.status === 200 && r.body.phase === phase) return r.body;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error(`session never reached ${phase}`);
}

/** Appraisal (both accepted), every member present, every member approves everything: the vote closes itself. */
export async function decideSession(sys: System, run: SessionRun): Promise<ProvinceSessionView> {
  for (const d of Object.values(run.dossiers))
    expectStatus(
      await sys.call('POST', `${run.path}/appraisals`, {
        as: 'ct.tk',
        body: { cycleId: d.cycleId, decision: 'accept' },
      }),
      200,
    );
  await waitForPhase(sys, run.path, 'appraisal');
  expectStatus(
    await sys.call('POST', `${run.path}/attendance`, {
      as: 'ct.tk',
      body: { presentMemberIds: await Promise.all(SESSION_MEMBERS.map((u) => personId(sys, u))) },
    }),
    200,
  );
  const ids = Object.values(run.dossiers).flatMap((d) => d.proposals.map((p) => p.proposalId));
  for (const as of SESSION_MEMBERS)
    expectStatus(
      await sys.call('POST', `${run.path}/ballots`, {
        as,
        body: { votes: ids.map((proposalId) => ({ proposalId, approve: true })) },
      }),
      200,
    );
  return waitForPhase(sys, run.path, 'decided');
}
