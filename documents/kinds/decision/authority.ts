/**
 * Who issues a bloc's award decision, from the award catalogue (domain/award-catalogue.ts): the provincial Chairman
 * (the province's decision, load.ts) or, below the province, the head of the bloc's own body — a department's
 * director, a commune's (or, before 01/07/2025, a district's) chairman — who signs its Giấy khen.
 */
import { AUTHORITY_TITLES_VI, authorityOf, type SigningAuthority } from '../../../domain/award-catalogue';
import type { AwardType } from '../../../domain/eligibility';
import { highestTitleOnly } from '../../../domain/money';
import { vnDateOf } from '../../../domain/vietnam-time';
import { blocLevelOf, conflict, type Ctx } from '../../cycle-facts';
import { upperVn } from '../../format';
import { legalBasesFor } from '../../legal-bases';
import type { DecisionInput } from './model';

/** The authority that signs the decision giving `awardType` (by the catalogue, on the decision date). */
export function decisionAuthority(ctx: Ctx, awardType: string, decisionDate: string): SigningAuthority {
  const { level } = blocLevelOf(ctx);
  if (level === 'province') return 'provinceChairman';
  return authorityOf(awardType as AwardType, level, decisionDate, ctx.ruleSet).authority;
}

/** The parts of a decision that change when the bloc's own head signs it (not the provincial Chairman). */
export function localDecisionParts(
  ctx: Ctx,
  authority: Exclude<SigningAuthority, 'provinceChairman'>,
  date: string,
): Pick<DecisionInput, 'authority' | 'legalBases' | 'fundSource' | 'executors' | 'signer' | 'recipients'> & {
  issuingBody: string;
  councilName: string;
} {
  const { authorityName, signerName } = blocLevelOf(ctx);
  if (!authorityName || !signerName)
    throw conflict(
      `the bloc's awarding body and its head are not on record (PATCH /api/admin/blocs/{blocId}: authorityName, signerName)`,
    );
  const position = AUTHORITY_TITLES_VI[authority].position;
  const department = authority === 'departmentDirector';
  return {
    // A department's papers carry the province above its own name (ND 30/2020 PL I II.2: cơ quan chủ quản).
    issuingBody: department
      ? `UBND ${upperVn(`${ctx.level} ${ctx.place}`.trim())}\n${upperVn(authorityName)}`
      : upperVn(authorityName),
    councilName: `Hội đồng Thi đua - Khen thưởng ${authorityName}`,
    authority: `${upperVn(position)} ${upperVn(authorityName)}`,
    // A People's Committee's chairman: its powers, the law, the decree; a director: the law, the decree, its powers.
    legalBases: legalBasesFor(date, department ? { by: 'department', authorityName } : { by: 'peoplesCommittee' }),
    fundSource: `Quỹ thi đua, khen thưởng của ${authorityName}`,
    executors: [
      `Chánh Văn phòng ${authorityName}`,
      `Khối trưởng ${ctx.blocName}`,
      'Thủ trưởng các đơn vị có liên quan',
    ],
    signer: { position, name: signerName },
    recipients: [ctx.blocName, 'Lưu: VT'],
  };
}

/**
 * The money each awardee of this decision is paid: several emulation titles of one collective at the same time
 * (the same decision date) for the same year: only the highest is paid (domain/money.ts highestTitleOnly,
 * ND 152/2025 Art. 49(5)). The other decided proposals of the cycle are the titles it is compared with.
 */
export function paidOnDecision(
  ctx: Ctx,
  chosen: { proposalId: string }[],
): Map<string, { paid: boolean; amountVnd: number; basis: string }> {
  const decided = ctx.cycle.proposals.filter((p) => p.decision && !p.decision.revokedOn);
  const date = (p: (typeof decided)[number]) => vnDateOf(p.decision!.decisionDate);
  const out = new Map<string, { paid: boolean; amountVnd: number; basis: string }>();
  for (const c of chosen) {
    const p = decided.find((x) => x.id === c.proposalId);
    if (!p) continue;
    const same = decided.filter((x) => x.unitId === p.unitId && date(x) === date(p));
    const paid = highestTitleOnly(
      same.map((x) => ({
        unitId: x.unitId,
        awardType: x.awardType as AwardType,
        achievementPeriod: String(ctx.cycle.year),
        decisionDate: date(x),
      })),
    )[same.indexOf(p)]!;
    out.set(c.proposalId, { paid: paid.paid, amountVnd: paid.paid ? p.decision!.amountVnd : 0, basis: paid.basis });
  }
  return out;
}
