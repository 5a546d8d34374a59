/**
 * A bloc year's award decisions as LISTS (list.ts), one per award kind and signing authority, fed from the year's
 * approved proposals (status approved, decision not revoked; the Prime Minister's Government flag is not the
 * province's). The number comes from the authority's register only when an authorised person issues the decision
 * (numbering.ts issueFromRegister, POST /api/cycles/{cycleId}/decisions/{awardType}/issue); before that the decision
 * is a draft: `Số:      /QĐ-UBND`, dated on the latest recorded decision of its awardees.
 */
import type { IssuedDecision } from '../../../db';
import type { SigningAuthority } from '../../../domain/award-catalogue';
import { DomainError } from '../../../domain/errors';
import { vnDateOf } from '../../../domain/vietnam-time';
import { decreeInForceOn } from '../../../domain/ruleset';
import { awardNameIn, blocLevelOf, councilOf, uniq, type Ctx } from '../../cycle-facts';
import { decisionAuthority, paidOnDecision } from './authority';
import { decisionListDocument, type DecisionListInput } from './list';
import { decisionIssuer, moneyBases } from './load';
import { formatNumberSymbol, provinceChairmanRegister, TYPE_ABBR } from '../../numbering';
import type { DecisionInput } from './model';

/** The order decisions are listed in: the higher award first. */
const RANK = ['emulation-flag', 'certificate-of-merit', 'excellent-labour-collective', 'certificate-of-commendation'];

/** The approved, unrevoked proposals of `awardType`, by vote share. */
export function approvedOf(ctx: Ctx, awardType: string) {
  return ctx.cycle.proposals
    .filter((p) => p.awardType === awardType && p.status === 'approved' && p.decision && !p.decision.revokedOn)
    .sort((a, b) => (b.voteShare ?? 0) - (a.voteShare ?? 0));
}

/** The award kinds of the year with approved proposals (each one list decision), the higher award first. */
export function listedKinds(ctx: Ctx): string[] {
  const kinds = uniq(ctx.cycle.proposals.map((p) => p.awardType)).filter(
    (t) => t !== 'government-flag' && approvedOf(ctx, t).length > 0,
  );
  return kinds.sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b));
}

/** The latest recorded decision date of the kind's awardees: the draft's date. */
function draftDate(ctx: Ctx, awardType: string): string {
  const times = approvedOf(ctx, awardType).map((p) => p.decision!.decisionDate.getTime());
  return vnDateOf(new Date(Math.max(...times)));
}

/**
 * The register an authority numbers its decisions in (ND 30/2020 Điều 15: one series per issuing body and year):
 * the provincial Chairman's is the province's; a department's or commune's is its own, under its province.
 */
export function registerOf(ctx: Ctx, authority: SigningAuthority): { register: string; issuerAbbr: string } {
  const provinceId = ctx.cycle.bloc.provinceId;
  if (authority === 'provinceChairman') return provinceChairmanRegister(provinceId);
  const name = (blocLevelOf(ctx).authorityName ?? '').normalize('NFC').trim();
  // A department's symbol is its initials (`Sở Tư pháp` → `STP`); a commune's is its People's Committee's.
  const abbr =
    authority === 'departmentDirector'
      ? name
          .split(/\s+/u)
          .map((w) => w[0] ?? '')
          .join('')
          .toLocaleUpperCase('vi')
      : 'UBND';
  return { register: `${authority}:${provinceId}:${name}`, issuerAbbr: abbr || 'UBND' };
}

export interface DecisionListSummary {
  awardType: string;
  authority: SigningAuthority;
  awardees: number;
  /** `05/QĐ-UBND` once issued; null while a draft. */
  number: string | null;
  decisionDate: string;
}

export function listSummaries(ctx: Ctx, issued: readonly IssuedDecision[]): DecisionListSummary[] {
  return listedKinds(ctx).map((awardType) => {
    const row = issued.find((i) => i.awardType === awardType);
    const date = row ? vnDateOf(row.decisionDate) : draftDate(ctx, awardType);
    return {
      awardType,
      authority: decisionAuthority(ctx, awardType, date),
      awardees: approvedOf(ctx, awardType).length,
      number: row ? formatNumberSymbol(row.number, `${TYPE_ABBR.decision}-${row.issuerAbbr}`) : null,
      decisionDate: date,
    };
  });
}

/** The list decision of `awardType` (draft, or as issued when `issued` is given). */
export function buildDecisionList(
  ctx: Ctx,
  awardType: string,
  issued: IssuedDecision | null,
  proposalRef: string,
  council: Awaited<ReturnType<typeof councilOf>>,
): DecisionInput {
  const proposals = approvedOf(ctx, awardType);
  if (proposals.length === 0 || awardType === 'government-flag')
    throw new DomainError(
      'NOT_FOUND',
      `no approved award "${awardType}" in this cycle (listed: ${listedKinds(ctx).join(', ') || 'none'})`,
    );
  const date = issued ? vnDateOf(issued.decisionDate) : draftDate(ctx, awardType);
  const authority = decisionAuthority(ctx, awardType, date);
  const issuer = decisionIssuer(ctx, authority, date, council, proposals[0]!.decision!.signer, proposalRef);
  const paid = paidOnDecision(
    ctx,
    proposals.map((p) => ({ proposalId: p.id })),
  );
  const input: DecisionListInput = {
    authority,
    awardType: awardType as DecisionListInput['awardType'],
    decisionDate: date,
    number: issued?.number ?? null,
    awardees: proposals.map((p) => ({
      unitName: p.unit.name,
      blocName: ctx.blocName,
      amount: paid.get(p.id)?.amountVnd ?? p.decision!.amountVnd,
    })),
  };
  const doc = decisionListDocument(input, {
    ...issuer,
    issuerAbbr: issued?.issuerAbbr ?? registerOf(ctx, authority).issuerAbbr,
    place: ctx.place,
    awardName: awardNameIn(ctx, awardType),
    year: ctx.cycle.year,
    ...(authority === 'departmentDirector' ? { departmentName: blocLevelOf(ctx).authorityName ?? '' } : {}),
  });
  const salaries = uniq(proposals.map((p) => p.decision!.baseSalaryVnd));
  const salary = salaries.length === 1 && salaries[0]! > 0 ? salaries[0] : undefined;
  doc.legalBases.push(...moneyBases([awardType], date, salary));
  doc.awards.forEach((a, i) => {
    if (paid.get(proposals[i]!.id)?.paid === false)
      a.note = `nhận tiền thưởng của danh hiệu cao nhất${decreeInForceOn(date) === 'ND152/2025' ? ', khoản 5 Điều 49 Nghị định số 152/2025/NĐ-CP' : ''}`;
  });
  return doc;
}
