/**
 * The province session's decisions (domain §5.1, §7): ONE decision per award kind listing every awardee of every
 * bloc (ND 30/2020 PL III Mẫu 1.2, list form), signed by the provincial Chairman and numbered from his register
 * (register.ts). Fed to docs13's `decisionListDocument` from the session's `SessionDecision` as issued.
 */
import type { SessionDecision } from '../../contracts/province-session';
import { DomainError } from '../../domain/errors';
import { awardAmount } from '../../domain/money';
import { awardName } from '../cycle-facts';
import { decisionListDocument } from '../kinds/decision/list';
import { moneyBases, provinceChairmanIssuer } from '../kinds/decision/load';
import type { DecisionInput } from '../kinds/decision/model';
import { parseDecisionNumber } from '../numbering';
import { sessionBlocNames, type SessionFacts } from './facts';

/** The issued decision of `awardType` (404 when the session gave none of that kind; 409 before it is issued). */
export function issuedSessionDecision(f: SessionFacts, awardType: string): SessionDecision {
  const d = f.view.decisions.find((x) => x.awardType === awardType);
  if (f.view.phase !== 'issued' || !d?.decisionNumber || !d.decisionDate) {
    if (f.view.phase === 'issued')
      throw new DomainError('NOT_FOUND', `the session issued no decision of "${awardType}"`);
    throw new DomainError('WRONG_PHASE', `the session's decisions are not issued yet (it is ${f.view.phase})`);
  }
  return d;
}

export function sessionDecisionDocument(f: SessionFacts, d: SessionDecision): DecisionInput {
  const date = d.decisionDate!;
  const { number, issuerAbbr } = parseDecisionNumber(d.decisionNumber!);
  const blocNames = [...new Set(d.awardees.map((a) => a.blocName))];
  const council = f.councilName;
  const doc = decisionListDocument(
    {
      authority: 'provinceChairman',
      awardType: d.awardType,
      decisionDate: date,
      number,
      awardees: d.awardees.map((a) => ({ unitName: a.unitName, blocName: a.blocName, amount: a.amountVnd })),
    },
    {
      ...provinceChairmanIssuer({
        level: f.level,
        place: f.place,
        chairName: f.chairName,
        deputy: false,
        proposedBy: `Xét đề nghị của Giám đốc Sở Nội vụ tại Báo cáo thẩm định hồ sơ đề nghị khen thưởng năm ${f.view.year} và kết quả xét duyệt của ${council} tại phiên họp lần ${f.view.n}`,
        blocNames: sessionBlocNames(f).filter((b) => blocNames.includes(b)),
      }),
      issuerAbbr,
      place: f.place,
      awardName: awardName(d.awardType, f.level),
      year: f.view.year,
    },
  );
  doc.legalBases.push(
    ...moneyBases([d.awardType], date, awardAmount(d.awardType, 'collective', date).baseSalaryVnd || undefined),
  );
  return doc;
}
