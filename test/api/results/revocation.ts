/** Results over HTTP: revocation of an approved award (who, what, idempotency, the year unchanged). */
import { randomUUID } from 'node:crypto';
import { PEOPLE } from '../../support/every-act';
import { expectError, expectGuarded, expectIdempotentWrite, expectStatus, personIdOf } from '../../support/writes';
import { sys, year, before, resultsPath, revokePath, flag, certificates, revocation } from './context';

/** Registered inside its `describe` by test/api/results.test.ts (one real system and one year for all). */
export function revocationTests(): void {
  test('only the admin or the secretary of this province’s council: anonymous 401, others 403', async () => {
    const target = certificates()[0]!.proposalId;
    await expectGuarded(
      sys,
      'POST',
      revokePath(target),
      [
        PEOPLE.memberOfficer,
        PEOPLE.head,
        PEOPLE.councilMember,
        PEOPLE.otherCouncilMember,
        PEOPLE.otherCouncilSecretary,
      ],
      revocation('90'),
    );
  });

  test('another province’s secretary who sits on this council as a member is still not its secretary: 403', async () => {
    const council = await sys.db.prisma.council.findFirstOrThrow({
      where: { members: { some: { person: { username: 'ct.hd1' } } } },
    });
    const tnSecretary = await personIdOf(sys, PEOPLE.otherCouncilSecretary);
    expectStatus(
      await sys.call('POST', `/api/admin/councils/${council.id}/members`, {
        as: PEOPLE.admin,
        body: { personId: tnSecretary },
        key: randomUUID(),
      }),
      201,
    );
    try {
      expectError(
        await sys.call('POST', revokePath(certificates()[0]!.proposalId), {
          as: PEOPLE.otherCouncilSecretary,
          body: revocation('91'),
          key: randomUUID(),
        }),
        403,
        'FORBIDDEN',
      );
      // Nor does the seat make them the secretary for this bloc's cycle acts (the API refuses before the workflow).
      const act = (path: string, body: Record<string, unknown>) =>
        sys.call('POST', `/api/cycles/${encodeURIComponent(year.cycleId)}${path}`, {
          as: PEOPLE.otherCouncilSecretary,
          body,
          key: randomUUID(),
        });
      expectError(
        await act('/holds', { unitId: year.held, kind: 'inspection', reason: 'Thử quyền thư ký' }),
        403,
        'FORBIDDEN',
      );
      expectError(
        await act('/council/decisions', {
          proposalId: certificates()[0]!.proposalId,
          decision: 'reject',
          reason: 'Thử quyền thư ký',
        }),
        403,
        'FORBIDDEN',
      );
    } finally {
      expectStatus(
        await sys.call('DELETE', `/api/admin/councils/${council.id}/members/${tnSecretary}`, {
          as: PEOPLE.admin,
          key: randomUUID(),
        }),
        200,
      );
    }
    expect(
      (await sys.db.prisma.proposal.findUniqueOrThrow({ where: { id: certificates()[0]!.proposalId } })).status,
    ).toBe('approved');
  });

  test('400 with paths for a bad body or a date before the award; 404 for an unknown proposal; 409 for one not approved', async () => {
    const target = certificates()[0]!.proposalId;
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), revokedOn: '2027-02-30' },
      }),
      400,
      'VALIDATION',
      ['revokedOn'],
    );
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), reason: '' },
      }),
      400,
      'VALIDATION',
      ['reason'],
    );
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), extra: true },
      }),
      400,
      'VALIDATION',
    );
    expectError(
      await sys.call('POST', revokePath(target), {
        as: PEOPLE.councilSecretary,
        body: { ...revocation('92'), revokedOn: '2027-01-14' },
      }),
      422,
      'VALIDATION',
      ['revokedOn'],
    );
    expectError(
      await sys.call('POST', revokePath('no-such-proposal'), { as: PEOPLE.admin, body: revocation('92') }),
      404,
      'NOT_FOUND',
    );
    // A proposal the council rejected (as the workflow would have projected it): nothing to revoke.
    const rejected = await sys.db.prisma.proposal.create({
      data: {
        id: `${year.cycleId}:certificate-of-merit:${year.leaver}`,
        cycleId: year.cycleId,
        unitId: year.leaver,
        awardType: 'certificate-of-merit',
        achievementPeriod: '2026',
        status: 'rejected',
        reason: 'Không đủ điều kiện',
      },
    });
    try {
      expectError(
        await sys.call('POST', revokePath(rejected.id), { as: PEOPLE.councilSecretary, body: revocation('93') }),
        409,
        'CONFLICT',
      );
    } finally {
      await sys.db.prisma.proposal.delete({ where: { id: rejected.id } });
    }
    expect(await sys.db.prisma.auditLog.count({ where: { action: 'award.revoke' } })).toBe(0);
  });

  test('the council secretary revokes an approved certificate: once per key, one audit row, the unit and the head notified', async () => {
    const target = certificates()[0]!;
    const { body, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      revokePath(target.proposalId),
      { as: PEOPLE.councilSecretary, body: revocation('15'), otherBody: revocation('16') },
      200,
    );
    expect(body).toMatchObject({
      proposalId: target.proposalId,
      unitId: target.unitId,
      awardType: 'certificate-of-merit',
      status: 'revoked',
      decision: {
        decisionNumber: '02/QĐ-UBND',
        revoked: { on: '2027-06-01', number: '15/QĐ-UBND', reason: revocation('15').reason },
      },
    });
    expect(body.toRecover.amountVnd).toBe(body.decision.amountVnd);
    expect(audit).toMatchObject({
      action: 'award.revoke',
      entity: 'proposal',
      entityId: target.proposalId,
      workflowId: year.cycleId,
      actorPersonId: await personIdOf(sys, PEOPLE.councilSecretary),
      before: { status: 'approved', revokedOn: null },
      after: { status: 'revoked', revokedOn: '2027-06-01', revocationNumber: '15/QĐ-UBND' },
    });
    const notices = await sys.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `award:${target.proposalId}:revoked#` } },
    });
    expect(notices.map((n) => n.recipientUnitId).sort()).toEqual(
      [...new Set([target.unitId, year.unitIdOf['CT-CA']!])].sort(),
    );
    // Revoked is final: a second revocation (new key) is 409.
    expectError(
      await sys.call('POST', revokePath(target.proposalId), {
        as: PEOPLE.councilSecretary,
        body: revocation('17'),
        key: randomUUID(),
      }),
      409,
      'ALREADY_DONE',
    );
  });

  test('the admin revokes the flag', async () => {
    const { body, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      revokePath(flag().proposalId),
      { as: PEOPLE.admin, body: revocation('18') },
      200,
    );
    expect(body).toMatchObject({
      status: 'revoked',
      decision: { decisionNumber: '01/QĐ-UBND', revoked: { number: '18/QĐ-UBND' } },
    });
    expect(audit.actorRole).toBe('admin');
  });

  test('afterwards results and both histories show the revocations; scores, ranking and rounds stay as they were', async () => {
    const revoked = new Set([flag().proposalId, certificates()[0]!.proposalId]);
    const after = (await sys.call('GET', resultsPath(), { as: PEOPLE.memberOfficer })).body;
    expect(after.ranking).toEqual(before.ranking);
    expect(after.contests).toEqual(before.contests);
    for (const p of after.proposals) {
      if (revoked.has(p.id))
        expect(p).toMatchObject({
          status: 'revoked',
          decision: { revoked: { on: '2027-06-01', number: expect.stringMatching(/^1[58]\/QĐ-UBND$/) } },
        });
      else expect(p).toMatchObject({ status: 'approved', decision: { revoked: null } });
    }
    const bloc = (await sys.call('GET', `/api/blocs/${year.blocId}/history`, { as: PEOPLE.memberOfficer })).body;
    const awards = bloc.years.find((y: { year: number }) => y.year === 2026).awards as {
      proposalId: string;
      status: string;
      decision: { revoked: unknown };
    }[];
    for (const a of awards) expect(a.status).toBe(revoked.has(a.proposalId) ? 'revoked' : 'approved');
    const unit = (await sys.call('GET', `/api/units/${year.merit[0]}/history`, { as: PEOPLE.councilMember })).body;
    const y2026 = unit.years.find((y: { year: number }) => y.year === 2026);
    expect(y2026).toMatchObject({
      rank: 1,
      finalScore: before.ranking[0].finalTotal,
      awards: [
        {
          proposalId: flag().proposalId,
          status: 'revoked',
          decision: { revoked: { number: '18/QĐ-UBND', reason: revocation('18').reason } },
        },
      ],
    });
  });
}
