/**
 * Scoring (chấm điểm). Neither the Law nor ND 152/2025 sets a bloc scoring scale: the template is
 * bloc configuration [PROV/PRAC] (domain §4). Only the structure and the arithmetic live here.
 *
 * All sums are done in integer hundredths so that totals are exact to 2 decimals and identical on
 * every machine (no floating-point drift when adding 0.1 + 0.2).
 */
import { z } from 'zod';
import { DomainError } from './errors';

export const GroupKindSchema = z.enum(['tasks', 'emulation', 'partyBuilding', 'blocActivities', 'other']);
export type GroupKind = z.infer<typeof GroupKindSchema>;

export const CriterionSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  maxPoints: z.number().positive(),
  evidenceRequired: z.boolean().default(false),
});
export type Criterion = z.infer<typeof CriterionSchema>;

export const CriteriaGroupSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  kind: GroupKindSchema,
  criteria: z.array(CriterionSchema).min(1),
});
export type CriteriaGroup = z.infer<typeof CriteriaGroupSchema>;

export const PenaltyRuleSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** Points deducted per occurrence. */
  points: z.number().positive(),
});
export type PenaltyRule = z.infer<typeof PenaltyRuleSchema>;

/**
 * Integer hundredths: the unit all arithmetic is done in. Half away from zero on the decimal value
 * written (1.005 → 101, although 1.005 × 100 is 100.49999… in binary), hence the tiny nudge.
 */
const h = (x: number): number => (x < 0 ? -1 : 1) * Math.round(Math.abs(x) * 100 + 1e-7) + 0;
const fromH = (x: number): number => x / 100;

/** Rounds to 2 decimals, half away from zero, deterministically. */
export const round2 = (x: number): number => fromH(h(x));

export const ScoringTemplateSchema = z
  .object({
    /** Total of all criteria maxima: 100 or 1,000 are typical (domain §4.2). */
    scale: z.number().positive(),
    groups: z.array(CriteriaGroupSchema).min(1),
    /** Maximum bonus points (điểm thưởng) that can be added on top of the scale. */
    bonusCap: z.number().min(0),
    penaltyRules: z.array(PenaltyRuleSchema).default(() => []),
  })
  .superRefine((t, ctx) => {
    const sumH = t.groups.reduce((s, g) => s + g.criteria.reduce((c, k) => c + h(k.maxPoints), 0), 0);
    if (sumH !== h(t.scale)) {
      ctx.addIssue({
        code: 'custom',
        message: `criteria maxima sum to ${fromH(sumH)}, scale is ${t.scale}`,
        path: ['scale'],
      });
    }
    if (t.bonusCap > t.scale) ctx.addIssue({ code: 'custom', message: 'bonusCap exceeds scale', path: ['bonusCap'] });
    const seen = new Set<string>();
    const dup = (id: string, path: (string | number)[]) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate id '${id}'`, path });
      seen.add(id);
    };
    t.groups.forEach((g, gi) => {
      dup(`group:${g.id}`, ['groups', gi, 'id']);
      g.criteria.forEach((c, ci) => dup(`criterion:${c.id}`, ['groups', gi, 'criteria', ci, 'id']));
    });
    t.penaltyRules.forEach((p, pi) => dup(`penalty:${p.id}`, ['penaltyRules', pi, 'id']));
  });
export type ScoringTemplate = z.infer<typeof ScoringTemplateSchema>;
export type ScoringTemplateInput = z.input<typeof ScoringTemplateSchema>;

/**
 * The common 4-group, 100-point pattern of domain §4.2 [PRAC, unverified defaults]: tasks 50,
 * emulation work 20, Party building and internal affairs 20, bloc activities 10; bonus capped at 5.
 */
export function defaultScoringTemplate(): ScoringTemplate {
  return ScoringTemplateSchema.parse({
    scale: 100,
    bonusCap: 5,
    groups: [
      {
        id: 'tasks',
        name: 'Thực hiện nhiệm vụ chính trị, chuyên môn và chỉ tiêu năm',
        kind: 'tasks',
        criteria: [
          {
            id: 'tasks.targets',
            name: 'Hoàn thành các chỉ tiêu, nhiệm vụ được giao',
            maxPoints: 30,
            evidenceRequired: true,
          },
          {
            id: 'tasks.quality',
            name: 'Chất lượng, hiệu quả công tác chuyên môn',
            maxPoints: 20,
            evidenceRequired: true,
          },
        ],
      },
      {
        id: 'emulation',
        name: 'Tổ chức phong trào thi đua và công tác khen thưởng',
        kind: 'emulation',
        criteria: [
          { id: 'emulation.plan', name: 'Kế hoạch, đăng ký và giao ước thi đua', maxPoints: 5, evidenceRequired: true },
          { id: 'emulation.thematic', name: 'Phong trào thi đua chuyên đề', maxPoints: 5, evidenceRequired: true },
          {
            id: 'emulation.models',
            name: 'Phát hiện, nhân rộng điển hình tiên tiến',
            maxPoints: 5,
            evidenceRequired: true,
          },
          { id: 'emulation.reports', name: 'Báo cáo đúng hạn cho khối', maxPoints: 5, evidenceRequired: false },
        ],
      },
      {
        id: 'party',
        name: 'Xây dựng Đảng, đoàn thể, đoàn kết nội bộ, phòng chống tham nhũng, cải cách hành chính',
        kind: 'partyBuilding',
        criteria: [
          {
            id: 'party.organisations',
            name: 'Tổ chức đảng, đoàn thể vững mạnh; đoàn kết nội bộ',
            maxPoints: 8,
            evidenceRequired: true,
          },
          {
            id: 'party.integrity',
            name: 'Phòng, chống tham nhũng, lãng phí, tiêu cực; thực hành tiết kiệm',
            maxPoints: 6,
            evidenceRequired: true,
          },
          { id: 'party.reform', name: 'Cải cách hành chính, chuyển đổi số', maxPoints: 6, evidenceRequired: true },
        ],
      },
      {
        id: 'bloc',
        name: 'Tham gia hoạt động của khối',
        kind: 'blocActivities',
        criteria: [
          {
            id: 'bloc.attendance',
            name: 'Tham dự đầy đủ các hội nghị của khối',
            maxPoints: 5,
            evidenceRequired: false,
          },
          {
            id: 'bloc.events',
            name: 'Đăng cai, tham gia hoạt động chung, giao lưu',
            maxPoints: 5,
            evidenceRequired: false,
          },
        ],
      },
    ],
    penaltyRules: [
      { id: 'late-pledge', name: 'Nộp bản đăng ký, giao ước thi đua chậm', points: 1 },
      { id: 'late-report', name: 'Nộp báo cáo sơ kết chậm', points: 1 },
      { id: 'late-self-score', name: 'Nộp bảng tự chấm điểm chậm', points: 2 },
      { id: 'absence', name: 'Vắng họp khối không có lý do', points: 2 },
      { id: 'discipline', name: 'Có cán bộ bị kỷ luật trong năm', points: 5 },
    ],
  });
}

// ---------------------------------------------------------------------------------------------

function criterionIndex(template: ScoringTemplate): Map<string, { criterion: Criterion; group: CriteriaGroup }> {
  const m = new Map<string, { criterion: Criterion; group: CriteriaGroup }>();
  for (const group of template.groups)
    for (const criterion of group.criteria) m.set(criterion.id, { criterion, group });
  return m;
}

const fail = (message: string, path: (string | number)[], extra: Record<string, unknown> = {}): never => {
  throw new DomainError('VALIDATION', message, { path, ...extra });
};

function checkPoints(value: number, max: number, path: (string | number)[]): void {
  if (!Number.isFinite(value)) fail(`points must be a finite number`, path, { value });
  if (value < 0) fail(`points ${value} below 0`, path, { value });
  if (h(value) > h(max)) fail(`points ${value} above the maximum ${max}`, path, { value, max });
}

export interface SelfScoreEntry {
  criterionId: string;
  points: number;
  evidence?: string[];
}

/**
 * Checks a unit's self-score sheet (bảng tự chấm điểm). Throws DomainError('VALIDATION', …, { path })
 * on: unknown criterion, duplicate criterion, points outside [0, max], missing evidence (minh chứng)
 * where the criterion requires it. Evidence is only demanded for a criterion claimed above zero:
 * claiming nothing needs no proof. `requireAll` makes a missing criterion an error (final submission).
 */
export function validateSelfScores(
  template: ScoringTemplate,
  entries: readonly SelfScoreEntry[],
  opts: { requireAll?: boolean } = {},
): readonly SelfScoreEntry[] {
  const index = criterionIndex(template);
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const found = index.get(e.criterionId);
    if (!found) return fail(`unknown criterion '${e.criterionId}'`, ['entries', i, 'criterionId']);
    if (seen.has(e.criterionId)) fail(`criterion '${e.criterionId}' scored twice`, ['entries', i, 'criterionId']);
    seen.add(e.criterionId);
    checkPoints(e.points, found.criterion.maxPoints, ['entries', i, 'points']);
    const hasEvidence = (e.evidence ?? []).some((x) => x.trim().length > 0);
    if (found.criterion.evidenceRequired && e.points > 0 && !hasEvidence) {
      fail(`criterion '${e.criterionId}' requires evidence`, ['entries', i, 'evidence']);
    }
  });
  if (opts.requireAll) {
    for (const id of index.keys())
      if (!seen.has(id)) fail(`criterion '${id}' not scored`, ['entries'], { criterionId: id });
  }
  return entries;
}

export interface ScoreEntry {
  criterionId: string;
  self: number;
  /** Score after review by the bloc head / scoring team; null or absent = not adjusted. */
  reviewed?: number | null;
}

export interface UnitScoreInput {
  entries: readonly ScoreEntry[];
  /** Bonus points claimed; capped at template.bonusCap. */
  bonus: number;
  /** Penalties applied; `points` defaults to the rule's points (one occurrence). */
  penalties: readonly { ruleId: string; points?: number }[];
}

export interface UnitScore {
  selfTotal: number;
  /** Sum over criteria of (reviewed ?? self), before bonus and penalties. */
  reviewedTotal: number;
  /** reviewedTotal + bonusApplied − penaltyTotal, never below 0. */
  finalTotal: number;
  bonusApplied: number;
  penaltyTotal: number;
  groupTotals: Record<string, number>;
  /** Sum of the groups of kind 'tasks': the first score tie-break (domain §4.4). */
  tasksGroupScore: number;
  finalByCriterion: Record<string, number>;
}

/** Computes one unit's score: per criterion final = reviewed ?? self; bonus capped; penalties summed. */
export function computeUnitScore(template: ScoringTemplate, input: UnitScoreInput): UnitScore {
  const index = criterionIndex(template);
  const seen = new Set<string>();
  let selfH = 0;
  let reviewedH = 0;
  const groupH: Record<string, number> = Object.fromEntries(template.groups.map((g) => [g.id, 0]));
  const finalByCriterion: Record<string, number> = {};

  input.entries.forEach((e, i) => {
    const found = index.get(e.criterionId);
    if (!found) return fail(`unknown criterion '${e.criterionId}'`, ['entries', i, 'criterionId']);
    if (seen.has(e.criterionId)) fail(`criterion '${e.criterionId}' scored twice`, ['entries', i, 'criterionId']);
    seen.add(e.criterionId);
    checkPoints(e.self, found.criterion.maxPoints, ['entries', i, 'self']);
    if (e.reviewed !== undefined && e.reviewed !== null) {
      checkPoints(e.reviewed, found.criterion.maxPoints, ['entries', i, 'reviewed']);
    }
    const finalPoints = e.reviewed ?? e.self;
    selfH += h(e.self);
    reviewedH += h(finalPoints);
    groupH[found.group.id] = (groupH[found.group.id] ?? 0) + h(finalPoints);
    finalByCriterion[e.criterionId] = fromH(h(finalPoints));
  });

  if (!Number.isFinite(input.bonus) || input.bonus < 0) fail('bonus must be ≥ 0', ['bonus'], { value: input.bonus });
  const bonusH = Math.min(h(input.bonus), h(template.bonusCap));

  const rules = new Map(template.penaltyRules.map((r) => [r.id, r]));
  let penaltyH = 0;
  input.penalties.forEach((p, i) => {
    const rule = rules.get(p.ruleId);
    if (!rule) return fail(`unknown penalty rule '${p.ruleId}'`, ['penalties', i, 'ruleId']);
    const pts = p.points ?? rule.points;
    if (!Number.isFinite(pts) || pts < 0)
      fail('penalty points must be ≥ 0', ['penalties', i, 'points'], { value: pts });
    penaltyH += h(pts);
  });

  const tasksH = template.groups.filter((g) => g.kind === 'tasks').reduce((s, g) => s + (groupH[g.id] ?? 0), 0);
  return {
    selfTotal: fromH(selfH),
    reviewedTotal: fromH(reviewedH),
    finalTotal: fromH(Math.max(0, reviewedH + bonusH - penaltyH)),
    bonusApplied: fromH(bonusH),
    penaltyTotal: fromH(penaltyH),
    groupTotals: Object.fromEntries(Object.entries(groupH).map(([k, v]) => [k, fromH(v)])),
    tasksGroupScore: fromH(tasksH),
    finalByCriterion,
  };
}

export interface RankInput {
  unitId: string;
  finalTotal: number;
  tasksGroupScore: number;
  womenRatio?: number;
}

export type RankedUnit<T extends RankInput = RankInput> = T & {
  /** Competition ranking (1, 2, 2, 4): units equal on total AND tasks-group score share a rank. */
  rank: number;
  /** Another unit has the same final total (whether or not the tasks group separated them). */
  tiedOnTotal: boolean;
  /** The rank is shared with another unit (still tied after the tasks-group tie-break). */
  sharedRank: boolean;
};

/**
 * Ranks units by final total, descending; equal totals are separated by the tasks-group score
 * (domain §4.4). Units still equal share a rank and are listed by unitId for a stable display; the
 * ballot and the ≥70%-women preference (ND 152/2025 Art. 4(6)) come later, in tally.breakTie.
 */
export function rankUnits<T extends RankInput>(scores: readonly T[]): RankedUnit<T>[] {
  const ids = new Set<string>();
  for (const s of scores) {
    if (ids.has(s.unitId)) throw new DomainError('VALIDATION', `unit '${s.unitId}' ranked twice`, { unitId: s.unitId });
    ids.add(s.unitId);
  }
  const sorted = [...scores].sort(
    (a, b) =>
      h(b.finalTotal) - h(a.finalTotal) ||
      h(b.tasksGroupScore) - h(a.tasksGroupScore) ||
      (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0),
  );
  const totalCount = new Map<number, number>();
  const keyCount = new Map<string, number>();
  const key = (s: T) => `${h(s.finalTotal)}|${h(s.tasksGroupScore)}`;
  for (const s of sorted) {
    totalCount.set(h(s.finalTotal), (totalCount.get(h(s.finalTotal)) ?? 0) + 1);
    keyCount.set(key(s), (keyCount.get(key(s)) ?? 0) + 1);
  }
  let rank = 0;
  let prevKey: string | undefined;
  return sorted.map((s, i) => {
    if (key(s) !== prevKey) rank = i + 1;
    prevKey = key(s);
    return {
      ...s,
      rank,
      tiedOnTotal: (totalCount.get(h(s.finalTotal)) ?? 0) > 1,
      sharedRank: (keyCount.get(key(s)) ?? 0) > 1,
    };
  });
}
