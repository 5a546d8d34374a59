/** The award decision's data: the decision recorded with the cycle's proposals (AwardDecision), cited in full. */
import { DomainError } from '../../../domain/errors';
import { vnDateOf } from '../../../domain/vietnam-time';
import type { AwardType } from '../../../domain/eligibility';
import { baseSalaryEntryOn, coefficientOn } from '../../../domain/money';
import { awardNameIn, conflict, councilOf, phaseAtLeast, uniq, type Ctx } from '../../cycle-facts';
import { decisionAuthority, localDecisionParts, paidOnDecision } from './authority';
import type { SigningAuthority } from '../../../domain/award-catalogue';
import type { DecisionIssuer } from './list';
import { formatDateVn, joinVn, upperVn } from '../../format';
import type { LoadDocumentOptions } from '../../from-cycle';
import { formatNumberSymbol, parseDecisionNumber, TYPE_ABBR, type NumberedKind } from '../../numbering';
import { legalBasesFor } from '../../legal-bases';
import { decreeInForceOn } from '../../../domain/ruleset';
import type { DecisionInput } from './model';

/** `ND 152/2025 Art. 50(2)(e)` → `điểm e khoản 2 Điều 50` (PL II V.7: Điều capitalised, khoản and điểm not). */
function articleVn(basis: string): string | null {
  const m = /Art\. (\d+)\((\d+)\)(?:\(([^)]+)\))?/u.exec(basis);
  if (!m) return null;
  return `${m[3] ? `điểm ${m[3]} ` : ''}khoản ${m[2]} Điều ${m[1]}`;
}

/** Base-salary decrees of domain/money.ts, cited in full (ND30 PL I II.6.b). */
const BASE_SALARY_DECREES: Record<string, string> = {
  'ND 38/2019':
    'Căn cứ Nghị định số 38/2019/NĐ-CP ngày 09 tháng 5 năm 2019 của Chính phủ quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
  'ND 24/2023':
    'Căn cứ Nghị định số 24/2023/NĐ-CP ngày 14 tháng 5 năm 2023 của Chính phủ quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
  'ND 73/2024':
    'Căn cứ Nghị định số 73/2024/NĐ-CP ngày 30 tháng 6 năm 2024 của Chính phủ quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
};

export interface DecisionSummary {
  decisionNumber: string;
  decisionDate: string;
  awards: number;
}

/** The award decisions recorded for a cycle, earliest first (one document each). */
export function decisionsOf(cycle: {
  proposals: { awardType?: string; decision: { decisionNumber: string; decisionDate: Date } | null }[];
}): DecisionSummary[] {
  const groups = new Map<string, DecisionSummary & { at: number }>();
  for (const p of cycle.proposals) {
    // The Prime Minister's Government-flag decision is not a document the province issues.
    if (!p.decision || p.awardType === 'government-flag') continue;
    const g = groups.get(p.decision.decisionNumber);
    if (g) g.awards++;
    else
      groups.set(p.decision.decisionNumber, {
        decisionNumber: p.decision.decisionNumber,
        decisionDate: vnDateOf(p.decision.decisionDate),
        awards: 1,
        at: p.decision.decisionDate.getTime(),
      });
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.at - b.at ||
        (parseDecisionNumber(a.decisionNumber).number ?? 0) - (parseDecisionNumber(b.decisionNumber).number ?? 0) ||
        a.decisionNumber.localeCompare(b.decisionNumber),
    )
    .map(({ at: _at, ...d }) => d);
}

export function requireDecisions(ctx: Ctx): DecisionSummary[] {
  const all = decisionsOf(ctx.cycle);
  if (all.length === 0) {
    throw new DomainError(
      'WRONG_PHASE',
      phaseAtLeast(ctx.cycle.phase, 'council')
        ? 'no award decision has been recorded for this cycle yet'
        : `the vote is not closed yet: the cycle is in phase "${ctx.cycle.phase}"`,
    );
  }
  return all;
}

export function buildDecision(
  ctx: Ctx,
  numbers: Record<NumberedKind, number | null>,
  proposalDateIso: string,
  council: Awaited<ReturnType<typeof councilOf>>,
  opts: LoadDocumentOptions,
): DecisionInput {
  const { cycle } = ctx;
  const all = requireDecisions(ctx);
  const wanted = opts.decisionNumber?.normalize('NFC').trim();
  const chosen = wanted ? all.find((d) => d.decisionNumber.normalize('NFC').trim() === wanted) : all[0];
  if (!chosen)
    throw new DomainError(
      'NOT_FOUND',
      `no award decision ${opts.decisionNumber} in this cycle (recorded: ${all.map((d) => d.decisionNumber).join(', ')})`,
    );
  const rank = (t: string) =>
    [
      'government-flag',
      'emulation-flag',
      'certificate-of-merit',
      'excellent-labour-collective',
      'certificate-of-commendation',
    ].indexOf(t);
  const proposals = cycle.proposals
    .filter((p) => p.decision?.decisionNumber === chosen.decisionNumber)
    .sort((a, b) => rank(a.awardType) - rank(b.awardType) || (b.voteShare ?? 0) - (a.voteShare ?? 0));
  const first = proposals[0]!.decision!;
  const salaries = uniq(proposals.map((p) => p.decision!.baseSalaryVnd));
  const baseSalaryVnd = salaries.length === 1 && salaries[0]! > 0 ? salaries[0]! : undefined;

  const date = vnDateOf(first.decisionDate);
  const authority = decisionAuthority(ctx, proposals[0]!.awardType, date);
  const mixed = proposals.find((p) => decisionAuthority(ctx, p.awardType, date) !== authority);
  if (mixed)
    throw conflict(
      `decision ${chosen.decisionNumber} gives awards signed by different authorities (${proposals[0]!.awardType}, ${mixed.awardType}): one decision per signing authority`,
    );
  const proposalRef = proposalReference(ctx, numbers, proposalDateIso);
  const issuer = decisionIssuer(ctx, authority, date, council, first.signer, proposalRef);
  const bases = [
    ...(issuer.legalBases ?? legalBasesFor(date, { by: 'peoplesCommittee' })),
    ...moneyBases(
      proposals.map((p) => p.awardType),
      date,
      baseSalaryVnd,
    ),
  ];
  const decree = decreeInForceOn(date);
  const { number, issuerAbbr } = parseDecisionNumber(chosen.decisionNumber);
  // Several titles of one collective at the same time and for the same year: the highest only is paid (ND 152/2025
  // Art. 49(5)); the others are listed without money.
  const paid = paidOnDecision(
    ctx,
    proposals.map((p) => ({ proposalId: p.id })),
  );
  return {
    header: { issuingBody: issuer.issuingBody, issuerAbbr, number, place: ctx.place, date },
    year: cycle.year,
    authority: issuer.authorityLine,
    legalBases: bases,
    proposedBy: issuer.proposedBy,
    awardContext: `trong phong trào thi đua năm ${cycle.year} của ${ctx.blocName}`,
    baseSalaryVnd,
    awards: proposals.map((p) => {
      const d = p.decision!;
      const money = paid.get(p.id);
      if (money && !money.paid)
        return {
          recipient: p.unit.name,
          award: awardNameIn(ctx, p.awardType),
          note: `không kèm tiền thưởng: nhận tiền thưởng của danh hiệu cao nhất${decree === 'ND152/2025' ? ', khoản 5 Điều 49 Nghị định số 152/2025/NĐ-CP' : ''}`,
          achievement: p.achievement.trim() || `Đã có thành tích xuất sắc trong phong trào thi đua năm ${cycle.year}`,
          amountVnd: 0,
        };
      return {
        recipient: p.unit.name,
        award: awardNameIn(ctx, p.awardType),
        achievement: p.achievement.trim() || `Đã có thành tích xuất sắc trong phong trào thi đua năm ${cycle.year}`,
        amountVnd: d.amountVnd,
        ...(baseSalaryVnd !== undefined && d.coefficient > 0 ? { coefficient: d.coefficient } : {}),
      };
    }),
    fundSource: issuer.fundSource,
    executors: issuer.executors,
    signer: issuer.signer,
    recipients: issuer.recipients,
  };
}

/** `Tờ trình số 01/TTr-KNC ngày 09 tháng 01 năm 2026`: the bloc's proposal letter a decision follows. */
export function proposalReference(
  ctx: Ctx,
  numbers: Record<NumberedKind, number | null>,
  proposalDate: string | Date,
): string {
  return `Tờ trình số ${formatNumberSymbol(numbers.proposal, `${TYPE_ABBR.proposal}-${ctx.abbr}`)} ${formatDateVn(proposalDate)}`;
}

/**
 * The money articles of the decree in force on the decision date (domain/money.ts): ND 152/2025 Art. 49 (principle)
 * and Art. 50/54; ND 98/2023 Art. 54 for titles (its certificate article is not cited: not at hand); the base-salary
 * decree when the amounts are a coefficient of it.
 */
export function moneyBases(awardTypes: readonly string[], date: string, baseSalaryVnd: number | undefined): string[] {
  const bases: string[] = [];
  const articles = uniq(
    awardTypes
      .map((t) => coefficientOn(t as AwardType, 'collective', date))
      .filter((r) => !r.verify)
      .map((r) => articleVn(r.basis))
      .filter((a): a is string => !!a),
  );
  if (decreeInForceOn(date) === 'ND152/2025')
    bases.push(`Căn cứ ${joinVn(['Điều 49', ...articles])} Nghị định số 152/2025/NĐ-CP về mức tiền thưởng`);
  else if (articles.length > 0) bases.push(`Căn cứ ${joinVn(articles)} Nghị định số 98/2023/NĐ-CP về mức tiền thưởng`);
  if (baseSalaryVnd !== undefined) {
    try {
      const entry = baseSalaryEntryOn(date);
      const cite = Object.entries(BASE_SALARY_DECREES).find(([k]) => entry.source.startsWith(k))?.[1];
      if (entry.vnd === baseSalaryVnd && cite) bases.push(cite);
    } catch {
      // no base salary known on that date: nothing to cite
    }
  }
  return bases;
}

/**
 * Who issues a bloc year's decision signed by `authority` on `date`: the provincial Chairman (or, when the recorded
 * signer is a vice-chair, KT. Chủ tịch / Phó Chủ tịch) from the province's council, or the bloc's own body's head
 * (authority.ts localDecisionParts). `legalBases` is set for a local body (its own), absent for the province.
 */
export function decisionIssuer(
  ctx: Ctx,
  authority: SigningAuthority,
  date: string,
  council: Awaited<ReturnType<typeof councilOf>>,
  signerText: string,
  proposalRef: string,
): Omit<DecisionIssuer, 'awardName' | 'year' | 'issuerAbbr' | 'place' | 'departmentName'> & { legalBases?: string[] } {
  const local = authority === 'provinceChairman' ? undefined : localDecisionParts(ctx, authority, date);
  const deputy = /phó chủ tịch/iu.test(signerText.normalize('NFC'));
  const chairMember = local ? undefined : council?.members.find((m) => m.position === (deputy ? 'viceChair' : 'chair'));
  if (!local && !chairMember)
    throw conflict(
      `the ${deputy ? 'vice-chair' : 'chair'} of the province's emulation council (the Chủ tịch UBND who signs the decision) is not on record`,
    );
  const proposedBy = `Xét đề nghị của ${ctx.blocName} tại ${proposalRef} và kết quả xét duyệt của ${local?.councilName ?? council?.name ?? 'Hội đồng Thi đua - Khen thưởng'}`;
  if (local)
    return {
      issuingBody: local.issuingBody,
      authorityLine: local.authority,
      legalBases: local.legalBases,
      proposedBy,
      fundSource: local.fundSource!,
      executors: local.executors,
      signer: local.signer,
      recipients: local.recipients!,
    };
  return provinceChairmanIssuer({
    level: ctx.level,
    place: ctx.place,
    chairName: chairMember!.person.fullName,
    deputy,
    proposedBy,
    blocNames: [ctx.blocName],
  });
}

/**
 * The provincial Chairman (Chủ tịch UBND, or KT. Chủ tịch / Phó Chủ tịch) as the issuer of a decision for the awardees
 * of `blocNames`: a bloc year's (decisionIssuer) or the province award session's (documents/province-session).
 */
export function provinceChairmanIssuer(p: {
  level: string;
  place: string;
  chairName: string;
  deputy: boolean;
  proposedBy: string;
  blocNames: readonly string[];
}): Omit<DecisionIssuer, 'awardName' | 'year' | 'issuerAbbr' | 'place' | 'departmentName'> {
  const level = p.level ? `${upperVn(p.level)} ` : '';
  const name = p.chairName;
  return {
    issuingBody: `ỦY BAN NHÂN DÂN\n${level}${upperVn(p.place)}`,
    authorityLine: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${level}${upperVn(p.place)}`,
    proposedBy: p.proposedBy,
    fundSource: `Quỹ thi đua, khen thưởng của ${p.level || 'tỉnh'}`,
    executors: [
      `Chánh Văn phòng Ủy ban nhân dân ${p.level}`.trim(),
      'Giám đốc Sở Nội vụ',
      'Giám đốc Sở Tài chính',
      ...p.blocNames.map((b) => `Khối trưởng ${b}`),
      'Thủ trưởng các cơ quan, đơn vị có liên quan',
    ],
    signer: p.deputy
      ? { prefix: 'KT.', prefixOf: 'Chủ tịch', position: 'Phó Chủ tịch', name }
      : { position: 'Chủ tịch', name },
    recipients: ['Sở Nội vụ (Phòng Thi đua - Khen thưởng)', ...p.blocNames, 'Lưu: VT, NV'],
  };
}
