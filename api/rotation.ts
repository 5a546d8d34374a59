/**
 * Rotation has ONE home: the rule-set's `rotation` (policy, noTwiceInARow, fixedOrder; domain/ruleset.ts),
 * versioned by date like every provincial rule. The bloc stores only its rule-set code; the policy shown
 * with a bloc is derived here from the version in force today (the cycle itself uses the version in force
 * on 1 January of its year, api/cycle-input.ts).
 */
import { RuleSetSchema, resolveRuleSet, type RotationPolicy } from '../domain/ruleset';
import { vnDateOf } from '../domain/vietnam-time';
import type { Db } from '../db';

/** rule-set code → the rotation policy of its version in force on `at` (null when none is). */
export async function rotationPoliciesOn(
  db: Db,
  codes: readonly string[],
  at: Date = new Date(),
): Promise<Map<string, RotationPolicy | null>> {
  const unique = [...new Set(codes)];
  const rows = await db.prisma.ruleSet.findMany({ where: { code: { in: unique } } });
  const sets = rows.map((r) => RuleSetSchema.parse(r.body));
  const out = new Map<string, RotationPolicy | null>();
  for (const code of unique) {
    try {
      out.set(code, resolveRuleSet(sets, code, vnDateOf(at)).rotation.policy);
    } catch {
      out.set(code, null);
    }
  }
  return out;
}
