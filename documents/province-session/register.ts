/**
 * The province session's decisions numbered from the provincial Chairman's register (ND 30/2020 Điều 15; the same
 * series as the bloc years' province decisions, documents/numbering.ts `issueFromRegister`). One IssuedDecision row per
 * session and award kind, its `cycleId` the session's workflow id (`province-session:<provinceId>:<year>:<n>`).
 *
 * Numbered by the explicit issue act (POST …/sessions/{n}/decisions) before its Update is sent: a row already there for
 * the session and kind is the decision's number, so a retried act (same key or a new one after a lost answer) never
 * burns a second number.
 */
import type { PrismaClient } from '../../db';
import { DomainError } from '../../domain/errors';
import { vnDateOf } from '../../domain/vietnam-time';
import {
  formatNumberSymbol,
  issueFromRegister,
  parseDecisionNumber,
  provinceChairmanRegister,
  TYPE_ABBR,
} from '../numbering';

export interface SessionNumber {
  awardType: string;
  /** `05/QĐ-UBND`. */
  decisionNumber: string;
}

const RETRYABLE = /SQLITE_BUSY|database is locked|could not serialize|deadlock|Unique constraint/iu;

/**
 * The numbers of the session's decisions of `awardTypes` dated `decisionDate`: each kind's stored number, else the
 * next of the register, all in one transaction. A number kept for another date of the same year is re-dated (the act
 * that kept it was refused by the session); of another year, refused (CONFLICT: the series is the year's).
 */
export async function sessionDecisionNumbers(
  prisma: PrismaClient,
  s: { sessionId: string; provinceId: string },
  awardTypes: readonly string[],
  decisionDate: string,
  issuedByPersonId: string | null,
): Promise<SessionNumber[]> {
  const { register, issuerAbbr } = provinceChairmanRegister(s.provinceId);
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const out: SessionNumber[] = [];
        for (const awardType of awardTypes) {
          const key = { cycleId_awardType: { cycleId: s.sessionId, awardType } };
          const kept = await tx.issuedDecision.findUnique({ where: key });
          if (kept) {
            if (kept.year !== Number(decisionDate.slice(0, 4)))
              throw new DomainError(
                'CONFLICT',
                `the ${awardType} decision of this session is numbered in ${kept.year}'s register (dated ${vnDateOf(kept.decisionDate)})`,
                { path: ['decisionDate'] },
              );
            if (vnDateOf(kept.decisionDate) !== decisionDate)
              await tx.issuedDecision.update({
                where: key,
                data: { decisionDate: new Date(`${decisionDate}T00:00:00.000Z`) },
              });
            const symbol = `${TYPE_ABBR.decision}-${kept.issuerAbbr}`;
            out.push({ awardType, decisionNumber: formatNumberSymbol(kept.number, symbol) });
            continue;
          }
          const issued = await issueFromRegister(tx, {
            cycleId: s.sessionId,
            awardType,
            register,
            issuerAbbr,
            decisionDate,
            issuedByPersonId,
          });
          out.push({ awardType, decisionNumber: issued.symbol });
        }
        return out;
      });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (attempt < 5 && RETRYABLE.test(msg)) {
        await new Promise((r) => setTimeout(r, 10 * attempt));
        continue;
      }
      throw e;
    }
  }
}

/**
 * The province session's decision that already gave a bloc year's `awardType` awards their number (the cycle took the
 * session's outcome over: AwardDecision.decisionNumber is the session's), as `05/QĐ-UBND`; null when none did. A bloc
 * year's decision of that kind is then not issued a second time from the register (decision-issue.ts answers 409).
 */
export async function sessionDecisionOfCycle(
  prisma: PrismaClient,
  cycle: { id: string; provinceId: string },
  awardType: string,
): Promise<string | null> {
  const decisions = await prisma.awardDecision.findMany({
    where: { revokedOn: null, proposal: { cycleId: cycle.id, awardType, status: 'approved' } },
    select: { decisionNumber: true, decisionDate: true },
  });
  const { register } = provinceChairmanRegister(cycle.provinceId);
  for (const d of decisions) {
    const { number } = parseDecisionNumber(d.decisionNumber);
    if (number === null) continue;
    const row = await prisma.issuedDecision.findFirst({
      where: {
        register,
        year: Number(vnDateOf(d.decisionDate).slice(0, 4)),
        number,
        awardType,
        cycleId: { startsWith: 'province-session:' },
      },
    });
    if (row) return formatNumberSymbol(row.number, `${TYPE_ABBR.decision}-${row.issuerAbbr}`);
  }
  return null;
}
