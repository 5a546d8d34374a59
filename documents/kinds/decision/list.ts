/**
 * The award decision as a LIST (ND 30/2020 PL III Mẫu 1.2; document-format.md §10.5): ONE decision per award kind
 * and signing authority, listing every awardee — `Điều 1. Tặng <award> cho các tập thể có tên sau …`, a table
 * STT | Tên tập thể | Số tiền, the total — signed by the kind's authority (domain/award-catalogue.ts).
 *
 * Pure: built from a plain input (`DecisionListInput`) and the issuer's particulars (`DecisionIssuer`), so one bloc
 * year's approved proposals (kinds/decision/drafts.ts) and, later, the province session's approved list feed it the
 * same way. The money of an awardee without an amount is the award's on the decision date (domain/money.ts).
 */
import type { SigningAuthority } from '../../../domain/award-catalogue';
import type { AwardType } from '../../../domain/eligibility';
import { awardAmount } from '../../../domain/money';
import { legalBasesFor } from '../../legal-bases';
import type { Signer } from '../../model';
import type { DecisionInput } from './model';

export interface DecisionListInput {
  authority: SigningAuthority;
  awardType: AwardType;
  /** ISO date of the decision (its signature): the bases, the money and the header date follow it. */
  decisionDate: string;
  /** From the authority's register once issued (numbering.ts); absent: a draft, `Số:      /QĐ-UBND`. */
  number?: number | null;
  awardees: { unitName: string; blocName: string; amount?: number }[];
}

/** Who issues the decision and on what proposal: the particulars the plain input does not carry. */
export interface DecisionIssuer {
  /** Cơ quan ban hành (with its parent line after "\n" for a department). */
  issuingBody: string;
  issuerAbbr: string;
  place: string;
  /** The authority line in capitals: `CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ`. */
  authorityLine: string;
  /** A department's name (its own powers are cited); absent for a People's Committee. */
  departmentName?: string;
  awardName: string;
  /** The emulation year the awards are for. */
  year: number;
  proposedBy: string;
  fundSource: string;
  executors: string[];
  signer: Signer;
  recipients: string[];
}

/** The awardee's money on the decision date: given, else the award's amount (coefficient × base salary). */
export function awardeeAmount(input: Pick<DecisionListInput, 'awardType' | 'decisionDate'>, amount?: number): number {
  return amount ?? awardAmount(input.awardType, 'collective', input.decisionDate).amountVnd;
}

/** The decision document (kind `decision`, list form) of one award kind and authority. */
export function decisionListDocument(input: DecisionListInput, issuer: DecisionIssuer): DecisionInput {
  const blocs = [...new Set(input.awardees.map((a) => a.blocName))];
  const context =
    blocs.length === 1
      ? `trong phong trào thi đua năm ${issuer.year} của ${blocs[0]}`
      : `trong phong trào thi đua năm ${issuer.year} của các khối thi đua`;
  return {
    header: {
      issuingBody: issuer.issuingBody,
      issuerAbbr: issuer.issuerAbbr,
      number: input.number ?? null,
      place: issuer.place,
      date: input.decisionDate,
    },
    year: issuer.year,
    summary: `Về việc tặng ${issuer.awardName} năm ${issuer.year}`,
    authority: issuer.authorityLine,
    legalBases: legalBasesFor(
      input.decisionDate,
      issuer.departmentName ? { by: 'department', authorityName: issuer.departmentName } : { by: 'peoplesCommittee' },
    ),
    proposedBy: issuer.proposedBy,
    awardContext: context,
    form: 'list',
    awards: input.awardees.map((a) => ({
      recipient: a.unitName,
      blocName: a.blocName,
      award: issuer.awardName,
      achievement: `Đã có thành tích xuất sắc ${context}`,
      amountVnd: awardeeAmount(input, a.amount),
    })),
    fundSource: issuer.fundSource,
    executors: issuer.executors,
    signer: issuer.signer,
    recipients: issuer.recipients,
  };
}
