/**
 * Workflow tests — the council's vote closes when the last member votes, and at the council's deadline (issue 9). The time-skipping sleep runs first in its file: a sleep stalled
 * on the test server when it followed a test whose council child was terminated (voting.test.ts).
 */
import { DAY, waitFor } from '../support/scenario';
import * as m from '../../workflows/messages';
import { useCycleHarness } from './harness';

jest.setTimeout(180_000);

const h = useCycleHarness(2076);

/** The failure of a refused act: its type and message. */
const refusal = (p: Promise<unknown>) => h.rejection(p);

test("the last member's vote closes the vote; the council's deadline closes the rest", async () => {
  const { port, view, plan, year } = await h.toCouncil();
  const council = h.env.client.workflow.getHandle(`${view.workflowId}-council`);
  const [flag, cert] = [
    view.proposals.find((p) => p.awardType === 'emulation-flag')!,
    view.proposals.find((p) => p.awardType === 'certificate-of-merit')!,
  ];
  await h.councilVotesYes(port, flag.proposalId);
  const q = (await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)!;
  expect(q).toMatchObject({ voteClosed: true, votesFor: 5, votesAgainst: 0 });
  await port.act(h.cast.councilSecretary, '/council/decisions', {
    proposalId: flag.proposalId,
    decision: 'approve',
    decisionNumber: '01/QĐ-UBND',
    decisionDate: `${year + 1}-01-10`,
  });
  // Two of five vote on the certificate; the deadline passes; the result (2 of 2 present) is fixed.
  for (const member of h.cast.councilMembers.slice(0, 2))
    await port.act(member, '/council/votes', { proposalId: cert.proposalId, approve: true });
  expect(
    (
      await refusal(
        port.act(h.cast.councilSecretary, '/council/decisions', {
          proposalId: cert.proposalId,
          decision: 'approve',
          decisionNumber: '02/QĐ-UBND',
          decisionDate: `${year + 1}-01-10`,
        }),
      )
    ).type,
  ).toBe('WRONG_PHASE');
  await port.sleep(Date.parse(plan.deadlines.council) - (await h.env.currentTimeMs()) + DAY);
  await waitFor(
    'the deadline to close the vote',
    async () =>
      (await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === cert.proposalId)?.voteClosed ||
      undefined,
  );
  expect(
    (
      await refusal(
        port.act(h.cast.councilMembers[2]!, '/council/votes', { proposalId: cert.proposalId, approve: false }),
      )
    ).type,
  ).toBe('WRONG_PHASE');
  await port.act(h.cast.councilSecretary, '/council/decisions', {
    proposalId: cert.proposalId,
    decision: 'approve',
    decisionNumber: '02/QĐ-UBND',
    decisionDate: `${year + 1}-01-10`,
  });
  const round = await h.db.prisma.votingRound.findFirstOrThrow({
    where: { cycleId: view.workflowId, contest: `council:${cert.proposalId}` },
  });
  expect(round.result).toMatchObject({ yes: 2, base: 2, passes: true });
});
