/**
 * The year-end meeting as both its records state it (minutes, ballot-count record): the member units and their
 * attendance, and each contest with its rounds and winners. Cross-field rules (ballot arithmetic, known unit ids,
 * winners that reached the threshold) are checked by `checkElectorate`.
 */
import { z } from 'zod';
import { meetsThreshold, thresholdBase } from '../../domain/threshold';
import { Id, MinutesHeaderSchema, PersonSchema, text, ThresholdSchema, YearSchema, type PercentBase } from '../model';

/** The fields both records of the meeting open with (the summary line has a default per record). */
export const MeetingRecordShape = {
  header: MinutesHeaderSchema,
  /** Name in normal case, used in the body: `Khối thi đua Nội chính`. */
  blocName: text(200),
  /** The emulation year assessed. */
  year: YearSchema,
  subject: text(300).optional(),
};

/** A member unit of the bloc and its attendance at the meeting. */
export const MemberSchema = z
  .object({
    unitId: Id,
    /** Official name, normal case: `Bộ Chỉ huy Quân sự thành phố`. */
    name: text(300),
    present: z.boolean(),
    representative: PersonSchema.omit({ unit: true }).optional(),
    /** Others who came for the unit (the conference's record). */
    others: z
      .array(PersonSchema.omit({ unit: true }))
      .max(20)
      .default([]),
    absenceReason: text(500).optional(),
    /** An absent member that sent a written opinion, recorded in the minutes. */
    writtenOpinion: z.boolean().default(false),
  })
  .superRefine((m, ctx) => {
    if (m.present && !m.representative)
      ctx.addIssue({ code: 'custom', path: ['representative'], message: 'a present unit needs its representative' });
  });

export type Member = z.infer<typeof MemberSchema>;

export const VotingMethodSchema = z.enum(['secretBallot', 'showOfHands']);

export const CONTEST_KINDS = ['leader', 'certificate', 'nextHead', 'nextDeputy'] as const;

export const ContestKindSchema = z.enum(CONTEST_KINDS);

export type ContestKind = z.infer<typeof ContestKindSchema>;

export const RoundSchema = z
  .object({
    round: z.number().int().min(1),
    ballotsIssued: z.number().int().min(0),
    ballotsReceived: z.number().int().min(0),
    validBallots: z.number().int().min(0),
    invalidBallots: z.number().int().min(0),
    /** Yes-votes per candidate unit. */
    votes: z.array(z.object({ unitId: Id, votes: z.number().int().min(0) })).min(1),
    note: text(1000).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.ballotsReceived > r.ballotsIssued)
      ctx.addIssue({ code: 'custom', path: ['ballotsReceived'], message: 'more ballots received than issued' });
    if (r.validBallots + r.invalidBallots !== r.ballotsReceived) {
      ctx.addIssue({
        code: 'custom',
        path: ['validBallots'],
        message: 'valid + invalid ballots must equal ballots received',
      });
    }
    const seen = new Set<string>();
    r.votes.forEach((v, i) => {
      if (seen.has(v.unitId))
        ctx.addIssue({ code: 'custom', path: ['votes', i, 'unitId'], message: 'candidate listed twice' });
      seen.add(v.unitId);
      if (v.votes > r.validBallots)
        ctx.addIssue({ code: 'custom', path: ['votes', i, 'votes'], message: 'more votes than valid ballots' });
    });
  });

export type Round = z.infer<typeof RoundSchema>;

/** One contest of the meeting (one award form, or the election of next year's head or deputy) with all its rounds. */
export const ContestSchema = z
  .object({
    contest: ContestKindSchema,
    /** Award form for leader/certificate: `Cờ thi đua của Ủy ban nhân dân thành phố`. */
    awardName: text(300).optional(),
    /** Heading override; defaults from the contest kind. */
    title: text(500).optional(),
    /** How many units may be chosen. */
    seats: z.number().int().min(1).max(20).default(1),
    threshold: ThresholdSchema,
    rounds: z.array(RoundSchema).min(1).max(10),
    /** Units chosen; empty = nobody this year. */
    winners: z.array(Id).max(20),
    /** Who settled it: the vote itself, or (after a failed second round) the head and deputy, or the council. */
    decidedBy: z.enum(['vote', 'headAndDeputy', 'council']).default('vote'),
    decisionNote: text(1000).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.contest === 'leader' || c.contest === 'certificate') && !c.awardName) {
      ctx.addIssue({ code: 'custom', path: ['awardName'], message: 'an award contest needs its award name' });
    }
    c.rounds.forEach((r, i) => {
      if (r.round !== i + 1)
        ctx.addIssue({
          code: 'custom',
          path: ['rounds', i, 'round'],
          message: `rounds must be numbered 1, 2, … (expected ${i + 1})`,
        });
    });
    if (c.winners.length > c.seats)
      ctx.addIssue({ code: 'custom', path: ['winners'], message: `more winners than seats (${c.seats})` });
    if (new Set(c.winners).size !== c.winners.length)
      ctx.addIssue({ code: 'custom', path: ['winners'], message: 'a winner is listed twice' });
  });

export type Contest = z.infer<typeof ContestSchema>;

/** How many voters form the base of a percentage at a round of the meeting (domain/threshold.ts thresholdBase). */
export function baseCount(base: PercentBase, members: readonly Member[], round: Round): number {
  const present = members.filter((m) => m.present).length;
  return thresholdBase(base, { members: members.length, present, validBallots: round.validBallots });
}

/**
 * The round that settled a unit's place: the last round in which it was a candidate. A unit clearly elected in
 * round 1 of a multi-seat contest is not a candidate of the run-off for the remaining seat(s).
 */
export function decidingRound(c: Pick<Contest, 'rounds'>, unitId: string): Round | undefined {
  for (let i = c.rounds.length - 1; i >= 0; i--)
    if (c.rounds[i]!.votes.some((v) => v.unitId === unitId)) return c.rounds[i];
  return undefined;
}

export function checkElectorate(
  members: readonly Member[],
  contests: readonly Contest[],
  ctx: z.RefinementCtx,
  path: (string | number)[] = [],
): void {
  const ids = new Set<string>();
  members.forEach((m, i) => {
    if (ids.has(m.unitId))
      ctx.addIssue({ code: 'custom', path: [...path, 'members', i, 'unitId'], message: 'unit listed twice' });
    ids.add(m.unitId);
  });
  const present = members.filter((m) => m.present).length;
  contests.forEach((c, ci) => {
    c.rounds.forEach((r, ri) => {
      const at = [...path, 'contests', ci, 'rounds', ri];
      if (r.ballotsIssued > present)
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'ballotsIssued'],
          message: `more ballots issued than units present (${present})`,
        });
      r.votes.forEach((v, vi) => {
        if (!ids.has(v.unitId))
          ctx.addIssue({ code: 'custom', path: [...at, 'votes', vi, 'unitId'], message: `unknown unit "${v.unitId}"` });
      });
      const total = r.votes.reduce((s, v) => s + v.votes, 0);
      if (total > r.validBallots * c.seats)
        ctx.addIssue({ code: 'custom', path: [...at, 'votes'], message: 'more votes than valid ballots × seats' });
    });
    c.winners.forEach((w, wi) => {
      const wp = [...path, 'contests', ci, 'winners', wi];
      if (!ids.has(w)) ctx.addIssue({ code: 'custom', path: wp, message: `unknown unit "${w}"` });
      const at = decidingRound(c, w);
      const v = at?.votes.find((x) => x.unitId === w);
      if (!at || !v) {
        ctx.addIssue({ code: 'custom', path: wp, message: 'a winner must be a candidate of one of the rounds' });
      } else if (
        c.decidedBy === 'vote' &&
        !meetsThreshold(v.votes, baseCount(c.threshold.base, members, at), c.threshold)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: wp,
          message:
            'winner did not reach the threshold in the last round it stood in (set decidedBy if settled otherwise)',
        });
      }
    });
  });
}
