/**
 * Issuing a bloc year's award decision of one kind (documents/kinds/decision/drafts.ts): the explicit act that gives
 * it its number from the authority's register (documents/numbering.ts issueFromRegister). Before it the decision
 * downloads as a draft (`Số:      /QĐ-UBND`). Admin, or the secretary of the council of the cycle's province (the
 * standing body that keeps the Chairman's register). Idempotent by Idempotency-Key; a second issue is 409.
 */
import type { Router } from 'express';
import { z } from 'zod';
import { IssuedDecisionSchema, IssueDecisionSchema, ListedAwardTypeSchema } from '../../contracts/documents';
import { vnDateOf } from '../../domain/vietnam-time';
import { context } from '../../documents/cycle-facts';
import { decisionAuthority } from '../../documents/kinds/decision/authority';
import { approvedOf, listedKinds, registerOf } from '../../documents/kinds/decision/drafts';
import { proposalDate } from '../../documents/kinds/proposal/load';
import { AlreadyIssuedError, issueFromRegister } from '../../documents/numbering';
import { sessionDecisionOfCycle } from '../../documents/province-session/register';
import type { AppDeps } from '../context';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { route } from '../route';
import { requireCycleReader } from '../scope';
import { transactionalWrite } from '../writes';

export function decisionIssueRoute(router: Router, deps: AppDeps): void {
  route(
    router,
    {
      method: 'post',
      path: '/api/cycles/:cycleId/decisions/:awardType/issue',
      summary:
        "Issue the cycle's award decision of one kind: its number from the signing authority's register (ND 30/2020 Điều 15)",
      description:
        'The decision lists every approved awardee of the kind (GET …/documents/decision.{format}?award={awardType}); until issued it is a draft with a blank number. ' +
        "The number is the next of the authority's series for the decision date's year (the provincial Chairman's register is the province's). " +
        'Admin, or the secretary of the council of the cycle’s province. Repeating the request with the same Idempotency-Key answers the same; a second issue answers 409.',
      tags: ['council'],
      params: z.object({ cycleId: z.string(), awardType: ListedAwardTypeSchema }),
      headers: z.object({ 'idempotency-key': z.uuid().optional() }),
      body: IssueDecisionSchema,
      responses: {
        200: {
          description: 'issued: the number given',
          content: { 'application/json': { schema: IssuedDecisionSchema } },
        },
        400: { description: 'invalid award kind or body (Zod issue paths)' },
        401: { description: 'not logged in' },
        403: { description: 'not the admin or the secretary of the council of this province' },
        404: { description: 'no such cycle (or not yours to read), or no approved award of this kind in it' },
        409: {
          description:
            "already issued (ALREADY_DONE, with its number), also when the province session's decision holds the kind's awards",
        },
        422: {
          description: 'dated before the proposal letter it follows, or Idempotency-Key reused for a different request',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const cycleId = String(req.params.cycleId);
      const cycle = await requireCycleReader(deps, principal, cycleId);
      requireRoles(principal, 'admin', 'councilSecretary');
      if (!principal.roles.includes('admin')) {
        const council = await deps.db.prisma.council.findFirst({
          where: { provinceId: cycle.provinceId },
          select: { id: true },
        });
        if (!council || !principal.secretaryOfCouncilIds.includes(council.id))
          throw new HttpError(
            403,
            'FORBIDDEN',
            "only the secretary of the council of this bloc's province (or the admin) issues its decisions",
          );
      }
      const { awardType } = input.params;
      const { decisionDate } = input.body;
      // Awards the province session decided are in its decision, numbered once (documents/province-session/register.ts).
      const bySession = await sessionDecisionOfCycle(deps.db.prisma, cycle, awardType);
      if (bySession)
        throw new HttpError(
          409,
          'ALREADY_DONE',
          `the ${awardType} awards of this cycle are in the province session's decision ${bySession}`,
        );
      const ctx = await context(deps.db, cycleId);
      const awardees = approvedOf(ctx, awardType).length;
      if (awardees === 0)
        throw new HttpError(
          404,
          'NOT_FOUND',
          `no approved award "${awardType}" in this cycle (listed: ${listedKinds(ctx).join(', ') || 'none'})`,
        );
      const letter = vnDateOf(proposalDate(ctx));
      if (decisionDate < letter)
        throw new HttpError(422, 'VALIDATION', 'a decision cannot be dated before the proposal letter it follows', [
          { path: ['decisionDate'], message: `must be on or after ${letter}` },
        ]);
      const authority = decisionAuthority(ctx, awardType, decisionDate);
      const { register, issuerAbbr } = registerOf(ctx, authority);
      await transactionalWrite(deps, req, res, principal, async ({ tx, audit, requestId }) => {
        let issued;
        try {
          issued = await issueFromRegister(tx, {
            cycleId,
            awardType,
            register,
            issuerAbbr,
            decisionDate,
            issuedByPersonId: principal.personId,
          });
        } catch (e) {
          if (e instanceof AlreadyIssuedError)
            throw new HttpError(409, 'ALREADY_DONE', `the ${awardType} decision of this cycle is already ${e.number}`);
          throw e;
        }
        await audit({
          action: 'decision.issue',
          entity: 'decision',
          entityId: `${cycleId}:${awardType}`,
          workflowId: cycleId,
          after: { register, year: issued.year, number: issued.symbol, decisionDate, authority, awardees },
        });
        return {
          status: 200,
          body: { cycleId, awardType, number: issued.symbol, decisionDate, awardees, requestId },
        };
      });
    },
  );
}
