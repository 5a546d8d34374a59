/** The province award session's activities: its read model and the bloc cycles' hand-off (workflows/province-session.ts). */
import { Context } from '@temporalio/activity';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import type { Db, Prisma } from '../db';
import { provinceSessionWorkflowId, type ProvinceSessionInput } from '../contracts/province-session';
import { submissionDeadlineOf } from '../domain/province-session';
import type { CycleActivities, HandToProvinceSession } from './types';

const DAY_MS = 86_400_000;

export function provinceSessionWrites(
  prisma: Prisma.TransactionClient,
): Pick<CycleActivities, 'recordProvinceSession'> {
  return {
    async recordProvinceSession(v) {
      const data = {
        phase: v.phase,
        submissionDeadline: new Date(v.submissionDeadline),
        view: JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue,
      };
      await prisma.provinceSession.upsert({
        where: { id: v.workflowId },
        create: { id: v.workflowId, provinceId: v.provinceId, year: v.year, n: v.n, ...data },
        update: data,
      });
    },
  };
}

/**
 * Hands a bloc's dossier to the first sitting of its province and year that still collects: sitting n is started
 * if absent (its deadline: the rule-set's for n = 1; the hand-off time + carryOverDays for a later one), then its
 * `handInDossier` Update (id per cycle and sitting, so a retry is answered once) accepts or refuses; a refusal
 * (deadline passed, already in session) or a closed sitting moves on to n + 1.
 */
export async function handToProvinceSession(
  db: Db,
  p: HandToProvinceSession,
): Promise<{ workflowId: string; n: number }> {
  const { provinceId } = await db.prisma.bloc.findUniqueOrThrow({
    where: { id: p.blocId },
    select: { provinceId: true },
  });
  const { client, info } = Context.current();
  const at = Date.parse(p.at);
  for (let n = 1; n <= 100; n++) {
    const workflowId = provinceSessionWorkflowId(provinceId, p.year, n);
    const handle = client.workflow.getHandle(workflowId);
    const status = await handle.describe().then(
      (d) => d.status.name,
      (e: unknown) => {
        if (e instanceof WorkflowNotFoundError) return null;
        throw e;
      },
    );
    if (status !== null && status !== 'RUNNING') continue;
    if (status === null) {
      const own = submissionDeadlineOf(p.rules, p.year);
      const deadline =
        n === 1 ? own : new Date(Math.max(Date.parse(own), at + p.rules.carryOverDays * DAY_MS)).toISOString();
      if (Date.parse(deadline) <= at) continue; // sitting 1's window closed before it ever opened: the next one
      const input: ProvinceSessionInput = {
        provinceId,
        year: p.year,
        n,
        councilMemberIds: p.councilMemberIds,
        secretaryIds: p.secretaryIds,
        adminIds: p.adminIds,
        council: p.council,
        rules: p.rules,
        submissionDeadline: deadline,
      };
      await client.workflow
        .start('provinceAwardSessionWorkflow', {
          taskQueue: info.taskQueue,
          workflowId,
          args: [input],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        })
        .catch((e: unknown) => {
          if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e; // started by another bloc meanwhile
        });
    }
    try {
      await handle.executeUpdate('handInDossier', {
        args: [{ dossier: p.dossier }],
        updateId: `handin:${p.dossier.cycleId}:${n}`,
      });
      return { workflowId, n };
    } catch (e) {
      if (e instanceof WorkflowUpdateFailedError || e instanceof WorkflowNotFoundError) continue;
      throw e;
    }
  }
  throw new Error(`no province session of ${provinceId} ${p.year} takes dossiers`);
}
