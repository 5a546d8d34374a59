/**
 * Input data of the generated documents, as Zod schemas. Every text is trimmed and normalised to Unicode NFC.
 * Numbers that the document prints as derived values (percentages, quorum, totals, results) are NOT inputs: the
 * content builder computes them from the counts below, so a document can never state a share that its own counts
 * contradict. Cross-field rules (ballot arithmetic, known unit ids, winners that reached the threshold) are checked here.
 */
import { z } from 'zod';
import { parseVnDateTime } from './format';

// ---------------------------------------------------------------- building blocks

const text = (max = 1000) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(max));

export const VnTextSchema = text();
const Id = z.string().min(1).max(100);

/** A calendar date `YYYY-MM-DD`. */
export const DateSchema = z.iso.date();

/** ISO date-time; without offset it is Vietnam wall-clock time (`2026-01-05T08:00`), with an offset it is converted. */
export const DateTimeSchema = z.iso.datetime({ local: true, offset: true }).refine((s) => {
  try {
    parseVnDateTime(s);
    return true;
  } catch {
    return false;
  }
}, 'invalid date-time');

/** Abbreviation of the issuing body in the symbol: capitals and digits, groups joined by "-" (`KNC`, `UBND`, `UBND-VX`). */
export const IssuerAbbrSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z.string().regex(/^[\p{Lu}\d]+(?:-[\p{Lu}\d]+)*$/u, 'capitals and digits, groups joined by "-" with no spaces'),
  );

/** A document number in the issuer's yearly series; `null` leaves the blank the văn thư fills after signature. */
export const DocNumberSchema = z.number().int().min(1).max(99_999).nullable();

/** Header data common to every document (ND30 PL I II.1–II.4). */
export const HeaderSchema = z.object({
  /** Cơ quan chủ quản, all caps, not bold: `UBND THÀNH PHỐ CẦN THƠ`. Omitted when the issuer has none (a UBND itself). */
  parentBody: text(200).optional(),
  /** Cơ quan ban hành, all caps, bold: `KHỐI THI ĐUA NỘI CHÍNH`. A "\n" forces a line break in a long name. */
  issuingBody: text(200),
  /** Abbreviation used in the symbol: `KNC` → `Số: 05/BB-KNC`. */
  issuerAbbr: IssuerAbbrSchema,
  number: DocNumberSchema.default(null),
  /** Place name of the place/date line: `Cần Thơ`. */
  place: text(100),
  /** Date of the document (of signature). */
  date: DateSchema,
});
export type Header = z.infer<typeof HeaderSchema>;

/** Minutes and ballot records carry no place/date line (PL III Mẫu 1.9): time and place are in the body. */
export const MinutesHeaderSchema = HeaderSchema.omit({ place: true, date: true });
export type MinutesHeader = z.infer<typeof MinutesHeaderSchema>;

export const SIGNER_PREFIXES = ['KT.', 'Q.', 'TL.', 'TUQ.'] as const;

/**
 * Signature block (ND30 PL I II.7). Lines printed, in capitals and bold:
 *   `TM. <onBehalfOf>` (if set), then `KT. <prefixOf>` / `TL. …` / `TUQ. …` (if `prefix`), then `<position>`
 *   (`Q. <position>` for an acting head), then `secondaryPosition`, the signature space, and the name.
 * Examples: TM. KHỐI THI ĐUA NỘI CHÍNH / KHỐI TRƯỞNG; KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.
 */
export const SignerSchema = z
  .object({
    onBehalfOf: text(200).optional(),
    prefix: z.enum(SIGNER_PREFIXES).optional(),
    /** The head's title the prefix refers to: "CHỦ TỊCH" in "KT. CHỦ TỊCH". */
    prefixOf: text(200).optional(),
    position: text(200),
    /** The signer's post in their own agency, for an advisory body such as a bloc (PL I II.7.c). */
    secondaryPosition: text(200).optional(),
    name: text(200),
  })
  .superRefine((s, ctx) => {
    if (s.prefix && s.prefix !== 'Q.' && !s.prefixOf) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefixOf'],
        message: `"${s.prefix}" needs the title it refers to (prefixOf)`,
      });
    }
    if (s.prefix === 'Q.' && s.prefixOf)
      ctx.addIssue({ code: 'custom', path: ['prefixOf'], message: '"Q." goes before the position itself' });
  });
export type Signer = z.infer<typeof SignerSchema>;

/** "Nơi nhận" items without the leading "-" and final ";"/"." (added when printed). The last is usually `Lưu: VT, …`. */
export const RecipientsSchema = z.array(text(300)).max(40);

export const PersonSchema = z.object({
  name: text(200),
  /** Post, in normal case: `Phó Giám đốc`. */
  position: text(300),
  /** Unit, in normal case: `Sở Tư pháp`. */
  unit: text(300).optional(),
});
export type Person = z.infer<typeof PersonSchema>;

/** A member unit of the bloc and its attendance at the meeting. */
export const MemberSchema = z
  .object({
    unitId: Id,
    /** Official name, normal case: `Bộ Chỉ huy Quân sự thành phố`. */
    name: text(300),
    present: z.boolean(),
    representative: PersonSchema.omit({ unit: true }).optional(),
    absenceReason: text(500).optional(),
    /** An absent member that sent a written opinion, recorded in the minutes. */
    writtenOpinion: z.boolean().default(false),
  })
  .superRefine((m, ctx) => {
    if (m.present && !m.representative)
      ctx.addIssue({ code: 'custom', path: ['representative'], message: 'a present unit needs its representative' });
  });
export type Member = z.infer<typeof MemberSchema>;

export const PERCENT_BASES = ['allMembers', 'present', 'validBallots'] as const;
export const PercentBaseSchema = z.enum(PERCENT_BASES);
export type PercentBase = z.infer<typeof PercentBaseSchema>;

/** A vote threshold as in the bloc rules: ≥80% of all members, >50% of valid ballots, … */
export const ThresholdSchema = z.object({
  ratio: z.number().gt(0).lte(1),
  base: PercentBaseSchema,
  /** true: strictly more than `ratio` ("trên 50%"); false: at least ("từ 80% trở lên"). */
  strict: z.boolean().default(false),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

export const QuorumRuleSchema = z.object({
  ratio: z.number().gt(0).lte(1),
  strict: z.boolean().default(false),
  /** How the rule reads in the bloc's rules, e.g. "2/3"; defaults to the percentage. */
  label: text(50).optional(),
  /** Where the rule comes from: "Quy chế hoạt động của Khối". */
  source: text(300).optional(),
});

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

/** How many voters form the base of a percentage. */
export function baseCount(base: PercentBase, members: readonly Member[], round: Round): number {
  switch (base) {
    case 'allMembers':
      return members.length;
    case 'present':
      return members.filter((m) => m.present).length;
    case 'validBallots':
      return round.validBallots;
  }
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

/** Whether `votes` out of `base` reaches the threshold (integers compared exactly where the ratio allows it). */
export function meetsThreshold(votes: number, base: number, t: Threshold): boolean {
  if (base <= 0) return false;
  const share = votes / base;
  const eps = 1e-9;
  return t.strict ? share > t.ratio + eps : share >= t.ratio - eps;
}

function checkElectorate(
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

/** A reference to another document: `Biên bản số 05/BB-KNC ngày 05 tháng 01 năm 2026`. */
export const DocRefSchema = z.object({
  number: DocNumberSchema,
  /** Full symbol: `BB-KNC`. */
  symbol: z.string().regex(/^[\p{L}\d]+(?:-[\p{L}\d]+)*$/u),
  date: DateSchema,
});
export type DocRef = z.infer<typeof DocRefSchema>;

export const VotingMethodSchema = z.enum(['secretBallot', 'showOfHands']);

// ---------------------------------------------------------------- minutes of the voting meeting

export const ScoreRowSchema = z.object({
  unitId: Id,
  selfScore: z.number().min(0).max(100_000),
  agreedScore: z.number().min(0).max(100_000),
  rank: z.number().int().min(1),
});

export const MinutesSchema = z
  .object({
    header: MinutesHeaderSchema,
    /** Name in normal case, used in the body: `Khối thi đua Nội chính`. */
    blocName: text(200),
    /** The emulation year assessed. */
    year: z.number().int().min(2000).max(2100),
    /** Summary line under BIÊN BẢN; defaults to `Họp bình xét thi đua năm <year> <blocName>`. */
    subject: text(300).optional(),
    startedAt: DateTimeSchema,
    endedAt: DateTimeSchema,
    venue: text(500),
    chair: PersonSchema,
    secretary: PersonSchema,
    members: z.array(MemberSchema).min(2).max(60),
    guests: z.array(PersonSchema).max(30).default([]),
    quorumRule: QuorumRuleSchema,
    /** Agenda items; a standard agenda is printed when empty. */
    agenda: z.array(text(1000)).max(30).default([]),
    /** Free paragraphs summarising the discussion. */
    discussion: z.array(text(5000)).max(50).default([]),
    scores: z.array(ScoreRowSchema).max(60).default([]),
    /** Maximum of the scoring table, printed in the column header. */
    maxScore: z.number().positive().optional(),
    votingMethod: VotingMethodSchema.default('secretBallot'),
    /** The separate ballot-count record, cited in the voting section. */
    ballotCountRecord: DocRefSchema.optional(),
    contests: z.array(ContestSchema).max(10).default([]),
    /** Closing statement; defaults to the standard "read out and approved" sentence. */
    approval: text(1000).optional(),
    /** Lines above the chair's name; defaults to `CHỦ TỌA`. */
    chairTitle: z.array(text(200)).min(1).max(4).optional(),
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((m, ctx) => {
    checkElectorate(m.members, m.contests, ctx);
    if (Date.parse(normalizeIso(m.endedAt)) < Date.parse(normalizeIso(m.startedAt))) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'the meeting cannot end before it starts' });
    }
    const ids = new Set(m.members.map((x) => x.unitId));
    m.scores.forEach((s, i) => {
      if (!ids.has(s.unitId))
        ctx.addIssue({ code: 'custom', path: ['scores', i, 'unitId'], message: `unknown unit "${s.unitId}"` });
    });
  });
export type MinutesInput = z.input<typeof MinutesSchema>;
export type Minutes = z.infer<typeof MinutesSchema>;

function normalizeIso(s: string): string {
  const dt = parseVnDateTime(s);
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute)).toISOString();
}

// ---------------------------------------------------------------- ballot-count record

export const CounterSchema = PersonSchema.extend({ role: z.enum(['head', 'member']) });

export const BallotCountSchema = z
  .object({
    header: MinutesHeaderSchema,
    blocName: text(200),
    year: z.number().int().min(2000).max(2100),
    /** Summary line; defaults to `Kiểm phiếu bình xét thi đua năm <year> <blocName>`. */
    subject: text(300).optional(),
    startedAt: DateTimeSchema,
    announcedAt: DateTimeSchema,
    venue: text(500),
    committee: z.array(CounterSchema).min(1).max(9),
    members: z.array(MemberSchema).min(2).max(60),
    votingMethod: VotingMethodSchema.default('secretBallot'),
    contests: z.array(ContestSchema).min(1).max(10),
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((b, ctx) => {
    checkElectorate(b.members, b.contests, ctx);
    const heads = b.committee.filter((c) => c.role === 'head').length;
    if (heads !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['committee'],
        message: `the counting committee needs exactly one head (Trưởng ban), got ${heads}`,
      });
  });
export type BallotCountInput = z.input<typeof BallotCountSchema>;
export type BallotCount = z.infer<typeof BallotCountSchema>;

// ---------------------------------------------------------------- proposal letter with its list

export const ProposalEntrySchema = z
  .object({
    /** Collective or person, normal case: `Bộ Chỉ huy Quân sự thành phố`. */
    nominee: text(500),
    /** Award form proposed: `Cờ thi đua của Ủy ban nhân dân thành phố`. */
    award: text(300),
    achievement: text(3000),
    votes: z.number().int().min(0),
    /** Size of the stated base (7 members, 6 present, 6 valid ballots). */
    baseCount: z.number().int().min(1),
    base: PercentBaseSchema,
    note: text(500).optional(),
  })
  .refine((e) => e.votes <= e.baseCount, { path: ['votes'], message: 'more votes than the base' });

export const ProposalSchema = z.object({
  header: HeaderSchema,
  blocName: text(200),
  year: z.number().int().min(2000).max(2100),
  /** Summary; defaults to `Về việc đề nghị tặng <awards> năm <year>`. */
  summary: text(500).optional(),
  /** Kính gửi: one or more addressees. */
  addressees: z.array(text(300)).min(1).max(10),
  /** Legal bases, each printed on its own italic line. The minutes and ballot record below are added after them. */
  legalBases: z.array(text(1000)).max(20).default([]),
  minutes: DocRefSchema.optional(),
  ballotCount: DocRefSchema.optional(),
  /** Paragraphs before the request (results of the year, the meeting). */
  intro: z.array(text(5000)).max(20).default([]),
  entries: z.array(ProposalEntrySchema).min(1).max(100),
  /** Closing request; a standard sentence is printed when omitted. */
  closing: text(1000).optional(),
  signer: SignerSchema,
  /** Nơi nhận; "Như trên" is added first when missing. */
  recipients: RecipientsSchema.default([]),
  appendix: z
    .object({
      orientation: z.enum(['landscape', 'portrait']).default('landscape'),
      title: text(300).optional(),
    })
    .default({ orientation: 'landscape' }),
});
export type ProposalInput = z.input<typeof ProposalSchema>;
export type Proposal = z.infer<typeof ProposalSchema>;

// ---------------------------------------------------------------- award decision

export const DecisionAwardSchema = z.object({
  recipient: text(500),
  award: text(300),
  achievement: text(3000),
  amountVnd: z.number().int().min(0).max(10_000_000_000),
  /** Multiple of the base salary (ND152 Điều 50–54), printed when given. */
  coefficient: z.number().positive().max(100).optional(),
});

export const DecisionSchema = z
  .object({
    header: HeaderSchema,
    year: z.number().int().min(2000).max(2100),
    /** Summary; defaults to `Về việc tặng <awards> năm <year>`. */
    summary: text(500).optional(),
    /** Authority line in capitals: `CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ`. */
    authority: text(300),
    legalBases: z.array(text(1000)).min(1).max(20),
    /** `Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …` */
    proposedBy: text(1000),
    /** Context of Điều 1, e.g. `trong phong trào thi đua năm 2025 của Khối thi đua Nội chính`. */
    awardContext: text(500).optional(),
    awards: z.array(DecisionAwardSchema).min(1).max(200),
    /** Base salary in force on the decision date; with coefficients, amounts are checked (rounded up to 10.000 đồng). */
    baseSalaryVnd: z.number().int().positive().optional(),
    fundSource: text(300).default('Quỹ thi đua, khen thưởng của thành phố'),
    effective: text(500).default('Quyết định này có hiệu lực kể từ ngày ký.'),
    /** Who carries it out (Điều 3), in normal case. */
    executors: z.array(text(300)).min(1).max(20),
    signer: SignerSchema,
    /** Nơi nhận; "Như Điều 3" is added first when missing. */
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((d, ctx) => {
    if (d.baseSalaryVnd === undefined) return;
    d.awards.forEach((a, i) => {
      if (a.coefficient === undefined) return;
      const expected = Math.ceil(Math.round(a.coefficient * d.baseSalaryVnd! * 100) / 100 / 10_000) * 10_000;
      if (a.amountVnd !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['awards', i, 'amountVnd'],
          message: `expected ${expected} (${a.coefficient} × base salary, rounded up to 10.000)`,
        });
      }
    });
  });
export type DecisionInput = z.input<typeof DecisionSchema>;
export type Decision = z.infer<typeof DecisionSchema>;

// ---------------------------------------------------------------- Government-flag dossier (province level)

/**
 * The council's secret ballot on the bloc leaders proposed for the Government emulation flag (ND 152/2025):
 * a leader passes with "yes" from the threshold share (≥ 80%) of ALL council members (Art. 33(5)); the passing
 * leaders, ranked, are selected within the quota (≤ 20% of the leaders, Art. 7(1)). Shares are computed from
 * the counts by the content builder.
 */
export const GovFlagThresholdSchema = z.object({
  ratio: z.number().gt(0).lte(1),
  /** true: strictly more than `ratio`; false: at least. The base is always all council members. */
  strict: z.boolean().default(false),
});

export const GOVFLAG_CANDIDATE_STATES = ['counted', 'onHold', 'disqualified'] as const;

export const GovFlagCandidateSchema = z.object({
  unitId: Id,
  /** Official name of the collective, normal case. */
  name: text(300),
  blocName: text(200),
  /** Final score of the unit's bloc year. */
  score: z.number().min(0).max(100_000).nullable().default(null),
  /** Ballots returned on this candidate, and the "yes" among them. */
  voted: z.number().int().min(0),
  yes: z.number().int().min(0),
  /** counted in the selection, or left out (on hold / disciplined, ND 152/2025 Art. 4(4)). */
  state: z.enum(GOVFLAG_CANDIDATE_STATES).default('counted'),
  /** Rank among the passing leaders; null when it did not pass or was not counted. */
  rank: z.number().int().min(1).nullable().default(null),
  selected: z.boolean(),
});
export type GovFlagCandidate = z.infer<typeof GovFlagCandidateSchema>;

/** How many collectives the quota allows: `quota` = floor(`leaders` × `quotaShare`). */
const GovFlagQuotaShape = {
  quotaShare: z.number().gt(0).lte(1),
  quota: z.number().int().min(0),
  /** Number of bloc leaders (the candidates). */
  leaders: z.number().int().min(1),
};

export const GovFlagBallotCountSchema = z
  .object({
    header: MinutesHeaderSchema,
    /** The council, normal case: `Hội đồng Thi đua – Khen thưởng thành phố Cần Thơ`. */
    councilName: text(300),
    year: z.number().int().min(2000).max(2100),
    /** Summary line; defaults to `Bỏ phiếu đề nghị tặng Cờ thi đua của Chính phủ năm <year>`. */
    subject: text(300).optional(),
    openedAt: DateTimeSchema,
    closedAt: DateTimeSchema,
    chair: PersonSchema,
    secretary: PersonSchema,
    /** All members of the council: the base of every share. */
    councilMembers: z.number().int().min(1).max(200),
    threshold: GovFlagThresholdSchema,
    ...GovFlagQuotaShape,
    candidates: z.array(GovFlagCandidateSchema).min(1).max(200),
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    let selected = 0;
    b.candidates.forEach((c, i) => {
      const at = ['candidates', i];
      if (seen.has(c.unitId))
        ctx.addIssue({ code: 'custom', path: [...at, 'unitId'], message: 'candidate listed twice' });
      seen.add(c.unitId);
      if (c.yes > c.voted)
        ctx.addIssue({ code: 'custom', path: [...at, 'yes'], message: 'more "yes" than ballots returned' });
      if (c.voted > b.councilMembers)
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'voted'],
          message: `more ballots than council members (${b.councilMembers})`,
        });
      if (c.selected) {
        selected++;
        if (c.state !== 'counted')
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'selected'],
            message: 'a candidate left out of the count cannot be selected',
          });
        if (!meetsThreshold(c.yes, b.councilMembers, { ...b.threshold, base: 'allMembers' }))
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'selected'],
            message: 'a selected candidate must reach the threshold',
          });
      }
    });
    if (selected > b.quota)
      ctx.addIssue({ code: 'custom', path: ['candidates'], message: `more selected than the quota (${b.quota})` });
    if (b.leaders < b.candidates.length)
      ctx.addIssue({ code: 'custom', path: ['leaders'], message: 'fewer leaders than candidates' });
    if (Date.parse(normalizeIso(b.closedAt)) < Date.parse(normalizeIso(b.openedAt)))
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'the vote cannot close before it opens' });
  });
export type GovFlagBallotCountInput = z.input<typeof GovFlagBallotCountSchema>;
export type GovFlagBallotCount = z.infer<typeof GovFlagBallotCountSchema>;

export const GovFlagEntrySchema = z.object({
  nominee: text(500),
  blocName: text(200),
  score: z.number().min(0).max(100_000).nullable().default(null),
  achievement: text(3000),
  /** "Yes" of the council; the share is taken on all council members. */
  yes: z.number().int().min(0),
});

/** The province's proposal letter (Tờ trình) for the Government flag, with its list as an appendix. */
export const GovFlagProposalSchema = z
  .object({
    header: HeaderSchema,
    /** Who proposes, normal case, used in the body: `Ủy ban nhân dân thành phố Cần Thơ`. */
    proposer: text(300),
    year: z.number().int().min(2000).max(2100),
    /** Summary; defaults to `Về việc đề nghị tặng Cờ thi đua của Chính phủ năm <year>`. */
    summary: text(500).optional(),
    addressees: z.array(text(300)).min(1).max(10),
    legalBases: z.array(text(1000)).max(20).default([]),
    councilName: text(300),
    /** The council's ballot-count record, cited after the legal bases. */
    ballotCount: DocRefSchema.optional(),
    /** Day the council's vote closed. */
    votedOn: DateSchema,
    councilMembers: z.number().int().min(1).max(200),
    threshold: GovFlagThresholdSchema,
    ...GovFlagQuotaShape,
    entries: z.array(GovFlagEntrySchema).min(1).max(100),
    closing: text(1000).optional(),
    signer: SignerSchema,
    recipients: RecipientsSchema.default([]),
    appendix: z
      .object({ orientation: z.enum(['landscape', 'portrait']).default('landscape'), title: text(300).optional() })
      .default({ orientation: 'landscape' }),
  })
  .superRefine((p, ctx) => {
    p.entries.forEach((e, i) => {
      if (e.yes > p.councilMembers)
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'yes'],
          message: `more "yes" than council members (${p.councilMembers})`,
        });
      else if (!meetsThreshold(e.yes, p.councilMembers, { ...p.threshold, base: 'allMembers' }))
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'yes'],
          message: 'a proposed collective must reach the threshold',
        });
    });
    if (p.entries.length > p.quota)
      ctx.addIssue({ code: 'custom', path: ['entries'], message: `more collectives than the quota (${p.quota})` });
  });
export type GovFlagProposalInput = z.input<typeof GovFlagProposalSchema>;
export type GovFlagProposal = z.infer<typeof GovFlagProposalSchema>;

// ---------------------------------------------------------------- any document

/** The documents of a bloc year (documents/from-cycle.ts). */
export const CYCLE_DOCUMENT_KINDS = ['minutes', 'ballotCount', 'proposal', 'decision'] as const;
export type CycleDocumentKind = (typeof CYCLE_DOCUMENT_KINDS)[number];
/** The province's Government-flag dossier (documents/from-government-flag.ts). */
export const GOVFLAG_DOCUMENT_KINDS = ['govFlagProposal', 'govFlagBallotCount'] as const;
export type GovFlagDocumentKind = (typeof GOVFLAG_DOCUMENT_KINDS)[number];

export const DOCUMENT_KINDS = [...CYCLE_DOCUMENT_KINDS, ...GOVFLAG_DOCUMENT_KINDS] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DocumentInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('minutes'), data: MinutesSchema }),
  z.object({ kind: z.literal('ballotCount'), data: BallotCountSchema }),
  z.object({ kind: z.literal('proposal'), data: ProposalSchema }),
  z.object({ kind: z.literal('decision'), data: DecisionSchema }),
  z.object({ kind: z.literal('govFlagProposal'), data: GovFlagProposalSchema }),
  z.object({ kind: z.literal('govFlagBallotCount'), data: GovFlagBallotCountSchema }),
]);
/** A validated document (what the renderers take). */
export type DocumentInput = z.infer<typeof DocumentInputSchema>;
/** What callers pass before validation (defaults not yet applied). */
export type DocumentInputRaw = z.input<typeof DocumentInputSchema>;

export const DOCUMENT_SCHEMAS = {
  minutes: MinutesSchema,
  ballotCount: BallotCountSchema,
  proposal: ProposalSchema,
  decision: DecisionSchema,
  govFlagProposal: GovFlagProposalSchema,
  govFlagBallotCount: GovFlagBallotCountSchema,
} as const;
export type DocumentDataInput = {
  minutes: MinutesInput;
  ballotCount: BallotCountInput;
  proposal: ProposalInput;
  decision: DecisionInput;
  govFlagProposal: GovFlagProposalInput;
  govFlagBallotCount: GovFlagBallotCountInput;
};

/** Type abbreviations (ND30 PL III Mục I). */
export const TYPE_ABBR: Record<DocumentKind, string> = {
  minutes: 'BB',
  ballotCount: 'BB',
  proposal: 'TTr',
  decision: 'QĐ',
  govFlagProposal: 'TTr',
  govFlagBallotCount: 'BB',
};
