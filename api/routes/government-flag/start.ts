/** Starting the Government-flag selection of a province for year N (workflow govflag-<PROVINCE>-<N>). */
import type { Router } from 'express';
import { z } from 'zod';
import { WorkflowIdReusePolicy } from '@temporalio/client';
import * as gf from '../../../contracts/government-flag';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route, WRITE_HEADERS } from '../../route';
import { buildGovernmentFlagInput } from '../../government-flag-input';
import { onceWrite, toJson } from '../../writes';
import { requireSecretaryOf } from './shared';

export const StartGovernmentFlagSchema = z.object({ year: z.number().int().min(2024).max(2100) });
const StartResponse = z.object({
  workflowId: z.string(),
  year: z.number(),
  candidates: z.number(),
  quota: z.number(),
  deadlineDate: z.string(),
});

export function startRoute(router: Router, deps: AppDeps): void {
  const { prisma } = deps.db;
  route(
    router,
    {
      method: 'post',
      path: '/api/provinces/:provinceId/government-flag',
      summary:
        'The council secretary (or admin) starts the Government-flag selection for year N: candidates are the units holding an approved provincial flag for N',
      tags: ['council'],
      params: z.object({ provinceId: z.string() }),
      headers: WRITE_HEADERS,
      body: StartGovernmentFlagSchema,
      responses: {
        201: { description: 'started', content: { 'application/json': { schema: StartResponse } } },
        400: {
          description: 'invalid body (Zod issue paths)',
        },
        403: {
          description: 'not the admin or the secretary of this province’s council',
        },
        404: { description: 'no such province' },
        409: {
          description: 'already started, no approved provincial flag for N, quota 0, or past 30 June N+1',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const { provinceId } = input.params;
      const province = await prisma.province.findUnique({
        where: { id: provinceId },
        select: { id: true, code: true },
      });
      if (!province) throw new HttpError(404, 'NOT_FOUND', `no province ${provinceId}`);
      await requireSecretaryOf(deps, principal, provinceId);
      const body = input.body;
      await onceWrite(deps, req, res, principal, async () => {
        const input = await buildGovernmentFlagInput(deps.db, provinceId, body.year, principal.personId);
        if (Date.now() > Date.parse(input.deadlineAt))
          throw new HttpError(
            409,
            'DEADLINE_PASSED',
            `the Government-flag dossier for ${body.year} was due by ${input.deadlineDate} (ND 152/2025 Art. 35(1)(b))`,
          );
        if (input.quota === 0)
          throw new HttpError(
            409,
            'RULE_VIOLATION',
            `${input.candidates.length} bloc leader(s) × ${input.quotaShare * 100}% gives no Government flag this year (ND 152/2025 Art. 7(1))`,
          );
        const workflowId = gf.governmentFlagWorkflowId(province.code, body.year);
        await deps.temporal.client.workflow.start('governmentFlagWorkflow', {
          taskQueue: deps.temporal.taskQueue,
          workflowId,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        // The draft proposals exist as soon as the start is answered (the workflow upserts the same rows).
        for (const c of input.candidates) {
          await prisma.proposal.upsert({
            where: { cycleId_unitId_awardType: { cycleId: c.cycleId, unitId: c.unitId, awardType: 'government-flag' } },
            create: {
              id: c.proposalId,
              cycleId: c.cycleId,
              unitId: c.unitId,
              awardType: 'government-flag',
              achievementPeriod: String(body.year),
              achievement: c.achievement,
              status: 'draft',
              attempts: 1,
            },
            update: {},
          });
        }
        const after = {
          year: body.year,
          candidates: input.candidates.map((c) => c.unitId),
          quota: input.quota,
          quotaShare: input.quotaShare,
          threshold: input.threshold,
          councilMembers: input.councilMemberIds.length,
          deadlineDate: input.deadlineDate,
        };
        await prisma.auditLog.create({
          data: {
            action: 'governmentFlag.start',
            entity: 'province',
            entityId: provinceId,
            actorPersonId: principal.personId,
            actorRole: principal.roles.join(','),
            after: toJson(after),
            workflowId,
            requestId: `${workflowId}:start`,
          },
        });
        return {
          status: 201,
          body: {
            workflowId,
            year: body.year,
            candidates: input.candidates.length,
            quota: input.quota,
            deadlineDate: input.deadlineDate,
          },
        };
      });
    },
  );
}
