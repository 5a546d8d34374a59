import type { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf, requireRoles } from '../../auth';
import { route } from '../../route';
import { transactionalWrite } from '../../writes';
import { trimmedText } from '../../../contracts/common';
import { isoDay, decisionOut } from './shared';

export const RevokeAwardSchema = z.strictObject({
  revocationNumber: trimmedText(3, 100),
  revokedOn: z.iso.date(),
  reason: trimmedText(3, 2000),
});

export function revokeRoutes(router: Router, deps: AppDeps): void {
  route(
    router,
    {
      method: 'post',
      path: '/api/awards/:proposalId/revoke',
      summary:
        'Revoke an award (hủy bỏ quyết định khen thưởng, L2022 Art. 93(2), ND 152/2025 Art. 56): admin, or the secretary of the council of the bloc’s province',
      tags: ['council'],
      params: z.object({ proposalId: z.string() }),
      headers: z.object({ 'idempotency-key': z.uuid().optional() }),
      body: RevokeAwardSchema,
      responses: {
        200: {
          description:
            'revoked; the unit and the bloc head are notified to return the flag or certificate and the money',
        },
        400: {
          description: 'invalid body (Zod issue paths)',
        },
        401: { description: 'not logged in' },
        403: {
          description: 'not the admin or the secretary of this council',
        },
        404: { description: 'no such proposal' },
        409: {
          description: 'not awarded, or already revoked (ALREADY_DONE)',
        },
        422: {
          description: 'Idempotency-Key reused for a different request',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      requireRoles(principal, 'admin', 'councilSecretary');
      const proposalId = String(req.params.proposalId);
      await transactionalWrite(deps, req, res, principal, async ({ tx, audit, requestId }) => {
        const proposal = await tx.proposal.findUnique({
          where: { id: proposalId },
          include: {
            decision: true,
            cycle: { select: { id: true, headUnitId: true, bloc: { select: { provinceId: true } } } },
          },
        });
        if (!proposal) throw new HttpError(404, 'NOT_FOUND', `no proposal ${proposalId}`);
        if (!principal.roles.includes('admin')) {
          const council = await tx.council.findFirst({
            where: { provinceId: proposal.cycle.bloc.provinceId },
            select: { id: true },
          });
          if (!council || !principal.secretaryOfCouncilIds.includes(council.id))
            throw new HttpError(
              403,
              'FORBIDDEN',
              'only the secretary of the council of this bloc’s province (or the admin) revokes its awards',
            );
        }
        const body = input.body;
        const decision = proposal.decision;
        if (proposal.status === 'revoked' || decision?.revokedOn)
          throw new HttpError(
            409,
            'ALREADY_DONE',
            `the award was already revoked by ${decision?.revocationNumber ?? 'an earlier decision'}`,
          );
        if (proposal.status !== 'approved' || !decision)
          throw new HttpError(
            409,
            'CONFLICT',
            `the proposal is ${proposal.status}: only an approved award with its decision can be revoked`,
          );
        if (body.revokedOn < isoDay(decision.decisionDate)!)
          throw new HttpError(422, 'VALIDATION', 'the revocation cannot be dated before the award decision', [
            { path: ['revokedOn'], message: `must be on or after ${isoDay(decision.decisionDate)}` },
          ]);
        const revokedOn = new Date(`${body.revokedOn}T00:00:00.000Z`);
        const after = await tx.awardDecision.update({
          where: { id: decision.id },
          data: { revokedOn, revocationNumber: body.revocationNumber, revocationReason: body.reason },
        });
        await tx.proposal.update({ where: { id: proposal.id }, data: { status: 'revoked' } });
        await audit({
          action: 'award.revoke',
          entity: 'proposal',
          entityId: proposal.id,
          workflowId: proposal.cycleId,
          before: { status: proposal.status, revokedOn: null },
          after: {
            status: 'revoked',
            revokedOn: body.revokedOn,
            revocationNumber: body.revocationNumber,
            reason: body.reason,
            amountVnd: decision.amountVnd,
          },
        });
        const text = `Quyết định khen thưởng số ${decision.decisionNumber} bị hủy bỏ theo quyết định số ${body.revocationNumber} ngày ${body.revokedOn}. Lý do: ${body.reason}. Đơn vị nộp lại hiện vật và tiền thưởng (${decision.amountVnd.toLocaleString('vi-VN')} đồng) theo Điều 93 Luật Thi đua, khen thưởng.`;
        for (const unitId of new Set([proposal.unitId, proposal.cycle.headUnitId])) {
          const dedupeKey = `award:${proposal.id}:revoked#${unitId}`;
          await tx.notification.upsert({
            where: { dedupeKey },
            create: {
              dedupeKey,
              recipientUnitId: unitId,
              cycleId: proposal.cycleId,
              kind: 'result',
              title: 'Hủy bỏ quyết định khen thưởng',
              body: text,
            },
            update: {},
          });
        }
        return {
          status: 200,
          body: {
            proposalId: proposal.id,
            unitId: proposal.unitId,
            awardType: proposal.awardType,
            status: 'revoked',
            decision: decisionOut(after),
            toRecover: { amountVnd: decision.amountVnd, item: proposal.awardType },
            requestId,
          },
        };
      });
    },
  );
}
