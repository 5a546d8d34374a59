/**
 * The Government-flag selection's acts: Updates of workflow govflag-<PROVINCE>-<N> (workflows/government-flag.ts),
 * one row each, answered once per Idempotency-Key (api/act-route.ts, api/updates.ts).
 */
import type { Router } from 'express';
import { z } from 'zod';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as gf from '../../../contracts/government-flag';
import * as m from '../../../workflows/messages';
import type { ActResult } from '../../../workflows/messages';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { ACT_RETRY_RESPONSES, actPayload, actRoute } from '../../act-route';
import { answerAct, bodyShapeOf } from '../../updates';
import { requireMemberOf, requireSecretaryOf } from './shared';

interface GovFlagAct {
  path: string;
  summary: string;
  schema: z.ZodType;
  update: UpdateDefinition<ActResult, [never]>;
  who: 'member' | 'secretary';
  /** The HTTP body (the act without its envelope), for OpenAPI. */
  body: z.ZodType;
  /** Secret ballots: the Idempotency-Key fingerprint leaves the body out (as api/routes/acts.ts). */
  secret?: boolean;
}

const ENVELOPE = { requestId: true, actor: true } as const;
const OUTCOME_BODY = bodyShapeOf(gf.GovernmentFlagOutcomeSchema as unknown as z.ZodObject<z.ZodRawShape>);
const GOVFLAG_ACTS: GovFlagAct[] = [
  {
    path: '/votes',
    summary:
      'A council member casts a secret yes/no ballot on one or more bloc leaders (≥ 80% of ALL members needed, ND 152/2025 Art. 33(5))',
    schema: gf.GovernmentFlagVoteSchema,
    update: m.castGovernmentFlagVote as UpdateDefinition<ActResult, [never]>,
    who: 'member',
    secret: true,
    body: gf.GovernmentFlagVoteSchema.omit(ENVELOPE),
  },
  {
    path: '/close',
    summary:
      'The council secretary closes the vote: passing leaders ranked by yes-share then bloc-year score, at most the 20% quota kept (ND 152/2025 Art. 7(1))',
    schema: gf.CloseGovernmentFlagVoteSchema,
    update: m.closeGovernmentFlagVote as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: z.object({}),
  },
  {
    path: '/submission',
    summary:
      'The council secretary records the province’s letter to the Ministry of Home Affairs (by 30 June N+1, achievements ≤ 6 months old: ND 152/2025 Art. 35(1)(b), 33(9))',
    schema: gf.GovernmentFlagSubmissionSchema,
    update: m.submitGovernmentFlag as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: gf.GovernmentFlagSubmissionSchema.omit(ENVELOPE),
  },
  {
    path: '/holds',
    summary:
      'The council secretary puts a candidate under investigation or discipline on hold (ND 152/2025 Art. 4(4)): not counted in the selection, not submitted, never rejected for it',
    schema: gf.GovernmentFlagHoldSchema,
    update: m.holdGovernmentFlagCandidate as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: gf.GovernmentFlagHoldSchema.omit(ENVELOPE),
  },
  {
    path: '/holds/resolve',
    summary:
      'The council secretary resolves a hold: cleared → back to its status (a draft cleared after the vote is judged on its own ballot and the free quota seats), disciplined → rejected with the reason',
    schema: gf.ResolveGovernmentFlagHoldSchema,
    update: m.resolveGovernmentFlagHold as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: gf.ResolveGovernmentFlagHoldSchema.omit(ENVELOPE),
  },
  {
    path: '/outcome',
    summary:
      'The council secretary records the outcome for a unit: the Prime Minister’s decision (12.0 × base salary, ND 152/2025 Art. 50(2)(đ)) or the Ministry’s return with legal grounds',
    schema: gf.GovernmentFlagOutcomeSchema,
    update: m.recordGovernmentFlagOutcome as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: OUTCOME_BODY,
  },
];

const WORKFLOW_ID = /^govflag-(.+)-(\d{4})$/;

export function actRoutes(router: Router, deps: AppDeps): void {
  const { prisma } = deps.db;
  for (const a of GOVFLAG_ACTS) {
    actRoute(
      router,
      {
        path: `/api/government-flag/:workflowId${a.path}`,
        params: z.object({ workflowId: z.string().openapi({ example: 'govflag-CT-2026' }) }),
        summary: a.summary,
        tags: ['council'],
        body: a.body,
        responses: {
          403: {
            description:
              a.who === 'member'
                ? 'not a member of this province’s council'
                : 'not the admin or the secretary of this province’s council',
          },
          404: { description: 'no such selection' },
          409: {
            description: 'wrong phase, after the deadline, already done, or a rule (staleness) refuses it',
          },
          ...ACT_RETRY_RESPONSES,
        },
      },
      async (input, req, res) => {
        const principal = principalOf(req);
        const { workflowId } = input.params;
        const match = WORKFLOW_ID.exec(workflowId);
        const province = match
          ? await prisma.province.findUnique({ where: { code: match[1]! }, select: { id: true } })
          : null;
        if (!province) throw new HttpError(404, 'NOT_FOUND', `no Government-flag selection ${workflowId}`);
        if (a.who === 'member') await requireMemberOf(deps, principal, province.id);
        else await requireSecretaryOf(deps, principal, province.id);
        const { body, requestId, payload } = actPayload(a.schema, req, principal);
        const handle = deps.temporal.client.workflow.getHandle(workflowId);
        await answerAct(deps, req, res, {
          route: `POST /api/government-flag/${workflowId}${a.path}`,
          principal,
          body,
          secret: a.secret === true,
          requestId,
          send: async () => {
            try {
              return await handle.executeUpdate(a.update, { args: [payload as never], updateId: requestId });
            } catch (err) {
              // A selection that ran to its end takes no more acts: that is a phase, not a missing resource.
              if (
                err instanceof WorkflowNotFoundError &&
                (await prisma.auditLog.findFirst({
                  where: { workflowId, action: 'governmentFlag.start' },
                  select: { id: true },
                }))
              )
                throw new HttpError(409, 'WRONG_PHASE', 'the Government-flag selection is closed');
              throw err;
            }
          },
        });
      },
    );
  }
}
