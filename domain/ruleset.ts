/**
 * Rule-sets, versioned by effective date.
 *
 * National rules (Law 06/2022/QH15 and its decrees) are CODE: `NATIONAL_DECREES`.
 * Provincial / bloc rules [PROV] are DATA validated by `RuleSetSchema`; the JSON files in
 * `./rulesets` are examples, not any province's adopted regulation.
 */
import { z } from 'zod';
import { DomainError } from './errors';
import { IsoDateSchema, inClosedRange, toIsoDate, type DateInput, type IsoDate } from './dates';
import { STATED, uniqueStrings } from './stated-rules';
import { AwardCatalogueSchema } from './award-catalogue';
import { ProvinceSessionRulesSchema } from './province-session';
import canThoJson from './rulesets/can-tho.json';
import canThoNd98Json from './rulesets/can-tho-nd98.json';
import tayNinhJson from './rulesets/tay-ninh.json';
import tayNinhNd98Json from './rulesets/tay-ninh-nd98.json';

// ---------------------------------------------------------------------------------------------
// Thresholds
// ---------------------------------------------------------------------------------------------

/** Denominator a ratio is counted against: all members with a vote, those present, or valid ballots. */
export const ThresholdBaseSchema = z.enum(['allMembers', 'present', 'validBallots']);
export type ThresholdBase = z.infer<typeof ThresholdBaseSchema>;

/** `strict`: the count must EXCEED ratio × base ("more than 50%"); otherwise reaching it is enough ("from 80%"). */
export const ThresholdSchema = z.object({
  ratio: z.number().gt(0).max(1),
  base: ThresholdBaseSchema,
  strict: z.boolean(),
});
export type Threshold = z.infer<typeof ThresholdSchema>;

/** ≥ 80% of ALL members: ND 98/2023 Art. 30(7) (flags), ND 152/2025 Art. 33(5) (Government flag). */
const EIGHTY_PERCENT_OF_ALL: Threshold = { ratio: 0.8, base: 'allMembers', strict: false };
/** ≥ 2/3 of members present: TT 01/2024/TT-TANDTC Art. 29 quorum; BN86 Art. 8(4) ordinary council meeting. */
const TWO_THIRDS_OF_ALL: Threshold = { ratio: 2 / 3, base: 'allMembers', strict: false };

// ---------------------------------------------------------------------------------------------
// Provincial / bloc rule-set [PROV]
// ---------------------------------------------------------------------------------------------

export const TieBreakCriterionSchema = z.enum(['tasksGroupScore', 'totalScore', 'womenRatio70']);
export type TieBreakCriterion = z.infer<typeof TieBreakCriterionSchema>;

export const RotationPolicySchema = z.enum(['vote', 'deputySucceeds', 'fixedOrder', 'appointed']);
export type RotationPolicy = z.infer<typeof RotationPolicySchema>;

export const AfterFailedRoundsSchema = z.enum(['headAndDeputyDecide', 'noWinner']);
export type AfterFailedRounds = z.infer<typeof AfterFailedRoundsSchema>;

export const VotingRulesSchema = z.object({
  // [PROV] default: ≥ 2/3 of member units present (TT 01/2024/TT-TANDTC Art. 29; domain §5.2).
  quorum: ThresholdSchema.default(() => ({ ...TWO_THIRDS_OF_ALL })),
  // [PROV] default: ≥ 80% of all member units (TT 01/2024/TT-TANDTC Art. 29 for the flag; same figure
  // as the national council rule, ND 98/2023 Art. 30(7)). Provinces also use > 50% or ≥ 70%.
  threshold: ThresholdSchema.default(() => ({ ...EIGHTY_PERCENT_OF_ALL })),
  // [PROV] default: at most 2 ballots per choice (TT 01/2024/TT-TANDTC Art. 29).
  maxRounds: z.number().int().min(1).max(10).default(2),
  // [PRAC] some blocs forbid voting for oneself; checked when a ballot is cast (tally.ballotProblem).
  selfVoteAllowed: z.boolean().default(true),
  // [PROV] optional: once this many of the units count (base 'present' or 'allMembers'; 'validBallots'
  // counts as 'present') have cast their ballot, the bloc head may close the round before the others.
  // Default (absent): a round closes only when every present unit has voted or at the voting deadline.
  earlyClose: ThresholdSchema.optional(),
  // [PROV] default: after the last ballot the bloc head and deputy decide (TT 01/2024/TT-TANDTC Art. 29).
  afterFailedRounds: AfterFailedRoundsSchema.default('headAndDeputyDecide'),
  // [PROV] default order: tasks-group score (domain §4.4), total score, then the ≥70%-women
  // preference last, as ND 152/2025 Art. 4(6) applies only between equally qualified candidates.
  tieBreakOrder: uniqueStrings(z.array(TieBreakCriterionSchema), 'tie-break criteria must be unique').default(
    (): TieBreakCriterion[] => ['tasksGroupScore', 'totalScore', 'womenRatio70'],
  ),
});
export type VotingRules = z.infer<typeof VotingRulesSchema>;

export const CouncilRulesSchema = z.object({
  // [NAT→PROV] ND 98/2023 Art. 30(7) (≥ 80% of all council members for the provincial flag), kept as
  // the default after ND 152/2025 Art. 6(2)(b) delegated the provincial-flag procedure to provinces.
  flagThreshold: ThresholdSchema.default(() => ({ ...EIGHTY_PERCENT_OF_ALL })),
  // [PROV] default: majority of those present (BN86 Art. 8(4): council decides by majority).
  certificateThreshold: ThresholdSchema.default(() => ({ ratio: 0.5, base: 'present' as const, strict: true })),
  // [PROV] default: an award session needs ≥ 80% of members present (BN86 Art. 8(4)(b)).
  quorum: ThresholdSchema.default(() => ({ ...EIGHTY_PERCENT_OF_ALL })),
});
export type CouncilRules = z.infer<typeof CouncilRulesSchema>;

export const QuotaRulesSchema = z.object({
  // [PROV] default 1: L2022 Art. 26(1) speaks of "the leading collective" of a bloc.
  emulationFlag: z.number().int().min(0).default(1),
  // [PROV/PRAC] blocs typically propose 1-3 certificates (domain §5.5).
  certificateOfMerit: z.number().int().min(0).default(3),
  // ND 152/2025 Art. 7(1): at most 20%. A province may only be stricter; see effectiveGovernmentFlagShare.
  governmentFlagShare: z.number().min(0).max(1).default(0.2),
});
export type QuotaRules = z.infer<typeof QuotaRulesSchema>;

export const RotationRulesSchema = z
  .object({
    policy: RotationPolicySchema.default('vote'),
    noTwiceInARow: z.boolean().default(false),
    fixedOrder: uniqueStrings(z.array(z.string().min(1)), 'fixedOrder has duplicates').optional(),
  })
  .refine((r) => r.policy !== 'fixedOrder' || (r.fixedOrder?.length ?? 0) > 0, {
    message: "policy 'fixedOrder' needs a non-empty fixedOrder",
    path: ['fixedOrder'],
    params: STATED,
  })
  .meta({
    allOf: [
      {
        if: { properties: { policy: { const: 'fixedOrder' } }, required: ['policy'] },
        then: { required: ['fixedOrder'], properties: { fixedOrder: { minItems: 1 } } },
      },
    ],
  });
export type RotationRules = z.infer<typeof RotationRulesSchema>;

const DAY = 86_400;
export const ReminderRulesSchema = z.object({
  // [PRAC] seconds BEFORE a deadline at which to remind: 7 days, 3 days, 1 day.
  offsetsSeconds: z.array(z.number().int().positive()).default(() => [7 * DAY, 3 * DAY, DAY]),
});

export const PenaltyRulesSchema = z.object({
  // [PROV] points deducted for a late act (domain §4.2, §8.1); examples only.
  latePledge: z.number().min(0).default(1),
  lateMidYearReport: z.number().min(0).default(1),
  lateSelfScore: z.number().min(0).default(2),
});

export const RuleSetSchema = z
  .object({
    code: z.string().min(1),
    version: z.number().int().min(1),
    name: z.string().min(1),
    scope: z.enum(['national', 'provincial']),
    effectiveFrom: IsoDateSchema,
    /** Last day in force (inclusive). */
    effectiveTo: IsoDateSchema.optional(),
    legalBasis: z.array(z.string().min(1)).default(() => []),
    notes: z.string().optional(),
    voting: VotingRulesSchema.prefault({}),
    council: CouncilRulesSchema.prefault({}),
    quotas: QuotaRulesSchema.prefault({}),
    rotation: RotationRulesSchema.prefault({}),
    reminders: ReminderRulesSchema.prefault({}),
    penalties: PenaltyRulesSchema.prefault({}),
    /** [PROV] The award catalogue by authority (domain/award-catalogue.ts); absent: its national defaults. */
    awardCatalogue: AwardCatalogueSchema.optional(),
    /** [PROV] One province award session for all blocs (domain/province-session.ts); absent: each bloc's council review. */
    provinceSession: ProvinceSessionRulesSchema.optional(),
  })
  .refine((r) => r.effectiveTo === undefined || r.effectiveTo >= r.effectiveFrom, {
    message: 'effectiveTo is before effectiveFrom',
    path: ['effectiveTo'],
  });
export type RuleSet = z.infer<typeof RuleSetSchema>;
export type RuleSetInput = z.input<typeof RuleSetSchema>;

/**
 * The rule-set `code` in force on `onDate`: among versions whose [effectiveFrom, effectiveTo] contains
 * the date, the highest version wins (a later amendment overrides without closing the old range).
 */
export function resolveRuleSet(ruleSets: readonly RuleSet[], code: string, onDate: DateInput): RuleSet {
  const day = toIsoDate(onDate);
  let best: RuleSet | undefined;
  for (const rs of ruleSets) {
    if (rs.code !== code || !inClosedRange(day, rs.effectiveFrom, rs.effectiveTo)) continue;
    if (!best || rs.version > best.version) best = rs;
  }
  if (!best) throw new DomainError('NO_RULESET', `No rule-set '${code}' in force on ${day}`, { code, onDate: day });
  return best;
}

/**
 * Example provincial rule-sets [PROV], parsed once through the schema: per demo province, version 2 for
 * 2024-01-01 – 2025-06-30 (Law 2022 + ND 98/2023) and version 1 from 2025-07-01 (ND 152/2025).
 */
export const DEFAULT_PROVINCIAL_RULESETS: readonly RuleSet[] = Object.freeze([
  RuleSetSchema.parse(canThoJson),
  RuleSetSchema.parse(canThoNd98Json),
  RuleSetSchema.parse(tayNinhJson),
  RuleSetSchema.parse(tayNinhNd98Json),
]);

// ---------------------------------------------------------------------------------------------
// National rules, as code
// ---------------------------------------------------------------------------------------------

export type NationalDecreeCode = 'ND98/2023' | 'ND152/2025';

export interface NationalDecree {
  readonly code: NationalDecreeCode;
  readonly title: string;
  readonly effectiveFrom: IsoDate;
  /** Last day in force (inclusive). */
  readonly effectiveTo?: IsoDate;
  /** Last day it may still govern delegated matters where a province has not issued its own rules. */
  readonly transitionFallbackTo?: IsoDate;
  /** First day the decree is no longer in force unless extended (sunset clause). */
  readonly sunsetOn?: IsoDate;
  readonly governmentFlag: {
    /** The council of the submitting level must ballot, and reach this against ALL members. */
    readonly councilThreshold: Threshold;
    /** Upper bound on Government-flag proposals as a share of qualifying bloc leaders. */
    readonly quotaShare: number;
    readonly basis: readonly string[];
  };
  readonly provincialFlag: {
    /** National rule (ND 98) or default for the province (ND 152 delegated it). */
    readonly councilThreshold: Threshold;
    readonly delegatedToProvince: boolean;
    readonly basis: readonly string[];
  };
}

const freezeDeep = <T>(o: T): T => {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(freezeDeep);
    Object.freeze(o);
  }
  return o;
};

export const NATIONAL_DECREES: readonly NationalDecree[] = freezeDeep([
  {
    code: 'ND98/2023',
    title: 'Nghị định 98/2023/NĐ-CP quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
    effectiveFrom: '2024-01-01',
    // ND 152/2025 Art. 59(2): ND 98 ceased when ND 152 took effect on 2025-07-01.
    effectiveTo: '2025-06-30',
    // ND 152/2025 Art. 60(2): fallback for delegated matters until 31/12/2025.
    transitionFallbackTo: '2025-12-31',
    governmentFlag: {
      councilThreshold: { ...EIGHTY_PERCENT_OF_ALL }, // ND 98/2023 Art. 30(7)
      quotaShare: 0.2, // [NAT*] same 20% cap as ND 152 Art. 7(1); ND 98 text not at hand
      basis: ['ND 98/2023 Art. 30(7)'],
    },
    provincialFlag: {
      councilThreshold: { ...EIGHTY_PERCENT_OF_ALL }, // ND 98/2023 Art. 30(7)
      delegatedToProvince: false,
      basis: ['ND 98/2023 Art. 30(7)'],
    },
  },
  {
    code: 'ND152/2025',
    title:
      'Nghị định 152/2025/NĐ-CP quy định về phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua, khen thưởng',
    effectiveFrom: '2025-07-01', // ND 152/2025 Art. 59(1)
    sunsetOn: '2027-03-01', // ND 152/2025 Art. 60(1)
    governmentFlag: {
      councilThreshold: { ...EIGHTY_PERCENT_OF_ALL }, // ND 152/2025 Art. 33(5)
      quotaShare: 0.2, // ND 152/2025 Art. 7(1)
      basis: ['ND 152/2025 Art. 7(1)', 'ND 152/2025 Art. 33(5)'],
    },
    provincialFlag: {
      councilThreshold: { ...EIGHTY_PERCENT_OF_ALL }, // ND 98 Art. 30(7) kept as default
      delegatedToProvince: true, // ND 152/2025 Art. 6(2)(b)
      basis: ['ND 152/2025 Art. 6(2)(b)', 'ND 98/2023 Art. 30(7) (default)'],
    },
  },
] satisfies NationalDecree[]);

/** Before this date the 2022 Law and its decrees were not in force (L2022 in force from 01/01/2024). */
export const NATIONAL_RULES_START: IsoDate = '2024-01-01';

/**
 * Why a date before NATIONAL_RULES_START has no rules here, and the way forward: such years ran under the
 * Law on Emulation and Commendation of 2003 (amended 2005, 2013) and Decree 91/2017/NĐ-CP, which this system
 * does not model; their results are recorded as imported history, not run as cycles (README, "Past years").
 */
export const BEFORE_LAW_2022 =
  'years before 2024 ran under the Law on Emulation and Commendation 2003 and Decree 91/2017/NĐ-CP, which are not modelled: import their results as history instead of running a cycle (POST /api/admin/provinces/{provinceId}/import, sheet history)';

export interface NationalRulesResult {
  readonly decree: NationalDecree;
  readonly warnings: string[];
}

const decreeByCode = (code: NationalDecreeCode): NationalDecree => {
  const d = NATIONAL_DECREES.find((x) => x.code === code);
  if (!d) throw new DomainError('NO_RULESET', `Unknown decree ${code}`);
  return d;
};

/**
 * The national decree governing a step taken on `onDate`.
 * - Before 2024-01-01: DomainError NO_RULESET (the 2022 Law was not yet in force).
 * - A dossier filed before ND 152 took effect stays under ND 98 (ND 152/2025 Art. 60(3)).
 * - Never throws for later dates: after ND 152's sunset it is still returned, with a warning.
 */
export function nationalRulesFor(onDate: DateInput, opts: { dossierFiledOn?: DateInput } = {}): NationalRulesResult {
  const day = toIsoDate(onDate);
  if (day < NATIONAL_RULES_START) {
    throw new DomainError('NO_RULESET', `No national rules modelled on ${day}: ${BEFORE_LAW_2022}`, {
      onDate: day,
    });
  }
  const nd98 = decreeByCode('ND98/2023');
  const nd152 = decreeByCode('ND152/2025');
  const warnings: string[] = [];

  if (day <= (nd98.effectiveTo ?? day)) return { decree: nd98, warnings };

  const filed = opts.dossierFiledOn === undefined ? undefined : toIsoDate(opts.dossierFiledOn);
  if (filed !== undefined && filed < nd152.effectiveFrom) {
    warnings.push(
      `Dossier filed on ${filed}, before ND 152/2025 took effect: appraisal and decision stay under ND 98/2023 (ND 152/2025 Art. 60(3)).`,
    );
    return { decree: nd98, warnings };
  }
  if (nd98.transitionFallbackTo !== undefined && day <= nd98.transitionFallbackTo) {
    warnings.push(
      `Until ${nd98.transitionFallbackTo}, ND 98/2023 still governs delegated matters where the province has not issued its own rules (ND 152/2025 Art. 60(2)).`,
    );
  }
  if (nd152.sunsetOn !== undefined && day >= nd152.sunsetOn) {
    warnings.push(
      `ND 152/2025 ceases on ${nd152.sunsetOn} unless extended or replaced (ND 152/2025 Art. 60(1)); verify the instrument in force on ${day}.`,
    );
  }
  return { decree: nd152, warnings };
}

/**
 * The decree in force on `onDate` by its own effective dates (no dossier transition): ND 98/2023 from
 * 2024-01-01 to 2025-06-30, ND 152/2025 from 2025-07-01 (ND 152/2025 Art. 59). The one home of
 * "which decree governs this date" for documents' legal bases and award money; NO_RULESET before 2024.
 */
export const decreeInForceOn = (onDate: DateInput): NationalDecreeCode => nationalRulesFor(onDate).decree.code;

/** A province may be stricter than the national Government-flag cap, never looser (ND 152/2025 Art. 7(1)). */
export function effectiveGovernmentFlagShare(ruleSet: RuleSet, onDate: DateInput): number {
  const national = nationalRulesFor(onDate).decree.governmentFlag.quotaShare;
  return Math.min(ruleSet.quotas.governmentFlagShare, national);
}
