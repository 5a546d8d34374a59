/**
 * Workflow tests — a ballot round closes only when every present unit voted, at the deadline, or at the rule-set's early-close share (issue 9). The time-skipping sleep runs first in its file: a sleep stalled
 * on the test server when it followed a test whose council child was terminated (voting.test.ts).
 */
import { DAY, runToVoting, waitFor } from '../support/scenario';
import { useCycleHarness } from './harness';

jest.setTimeout(180_000);

const h = useCycleHarness(2076);

/** The failure of a refused act: its type and message. */
const refusal = (p: Promise<unknown>) => h.rejection(p);

describe('closing a ballot round', () => {
  test('not after one ballot; when every present unit voted; at the deadline', async () => {
    // Without an early-close share in the rule-set (the default).
    const { port, plan } = await h.startYear((i) => ({
      ...i,
      ruleSet: {
        ...i.ruleSet,
        voting: { ...i.ruleSet.voting, earlyClose: undefined },
        quotas: { ...i.ruleSet.quotas, certificateOfMerit: 0 },
      },
    }));
    await runToVoting(port, h.cast, plan, { merit: h.merit() });
    const v = await port.view();
    const head = h.cast.officerOf[v.actingHeadUnitId]!;
    const all = Object.values(h.units);
    await port.act(head, '/meeting', { presentUnitIds: all });
    await waitFor('leader round', async () => ((await port.view()).contests[0]?.status === 'open' ? true : undefined));
    const voter = h.units['CT-STP']!;
    await port.act(h.cast.officerOf[voter]!, '/ballots', {
      unitId: voter,
      contest: 'leader',
      round: 1,
      choices: [h.units['CT-TTR']],
    });
    const early = await refusal(port.act(head, '/rounds/close', { contest: 'leader', round: 1 }));
    expect(early).toMatchObject({
      type: 'RULE_VIOLATION',
      message: 'the round closes when every present unit has voted or at the voting deadline',
    });
    expect((await port.view()).contests[0]).toMatchObject({ status: 'open', round: 1, votedCount: 1 });
    // The deadline closes the round with the one ballot in it.
    await port.sleep(Date.parse(plan.deadlines.voting) - (await h.env.currentTimeMs()) + DAY);
    const after = await waitFor('the deadline to close the round', async () => {
      const now = await port.view();
      return now.contests[0]?.status === 'decided' ? now : undefined;
    });
    expect(after.contests[0]!.rounds[0]).toMatchObject({ round: 1, validBallots: 1 });
    expect(after.contests[0]).toMatchObject({ noWinnerReason: 'deadline' });
  });

  test("the rule-set's early-close share: refused below it, accepted from it; every present unit voting closes the round", async () => {
    const { port, plan, input } = await h.startYear((i) => ({
      ...i,
      ruleSet: { ...i.ruleSet, quotas: { ...i.ruleSet.quotas, certificateOfMerit: 0 } },
    }));
    expect(input.ruleSet.voting?.earlyClose).toEqual({ ratio: 2 / 3, base: 'present', strict: false });
    await runToVoting(port, h.cast, plan, { merit: h.merit() });
    const v = await port.view();
    const head = h.cast.officerOf[v.actingHeadUnitId]!;
    const all = Object.values(h.units);
    await port.act(head, '/meeting', { presentUnitIds: all });
    await waitFor('leader round', async () => ((await port.view()).contests[0]?.status === 'open' ? true : undefined));
    const target = h.units['CT-TTR']!;
    const voters = all.filter((u) => u !== target);
    for (const [i, voter] of voters.slice(0, 4).entries()) {
      await port.act(h.cast.officerOf[voter]!, '/ballots', {
        unitId: voter,
        contest: 'leader',
        round: 1,
        choices: [target],
      });
      expect({
        after: i + 1,
        ...(await refusal(port.act(head, '/rounds/close', { contest: 'leader', round: 1 }))),
      }).toMatchObject({
        after: i + 1,
        type: 'RULE_VIOLATION',
        message:
          'the round closes when every present unit has voted, at the voting deadline, or once 5 of 7 units have voted',
      });
    }
    await port.act(h.cast.officerOf[voters[4]!]!, '/ballots', {
      unitId: voters[4],
      contest: 'leader',
      round: 1,
      choices: [target],
    });
    await port.act(head, '/rounds/close', { contest: 'leader', round: 1 });
    const closed = await waitFor('round 1 counted', async () => {
      const now = await port.view();
      return now.contests[0]!.rounds.length === 1 ? now : undefined;
    });
    expect(closed.contests[0]!.rounds[0]).toMatchObject({ validBallots: 5 });
    // Round 2: every present unit votes and the round closes by itself, without the head.
    await waitFor('leader round 2', async () =>
      (await port.view()).contests[0]!.round === 2 && (await port.view()).contests[0]!.status === 'open'
        ? true
        : undefined,
    );
    for (const voter of all)
      await port.act(h.cast.officerOf[voter]!, '/ballots', {
        unitId: voter,
        contest: 'leader',
        round: 2,
        choices: [voter === target ? h.units['CT-CA'] : target],
      });
    const done = await waitFor('leader decided', async () => {
      const now = await port.view();
      return now.contests[0]!.status === 'decided' ? now : undefined;
    });
    expect(done.contests[0]).toMatchObject({ winners: [target], decidedBy: 'ballot' });
    expect(done.contests[0]!.rounds[1]).toMatchObject({ validBallots: 7 });
  });
});
