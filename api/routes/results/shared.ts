/** What the result and history routes share: unit references, the stored tallies' shapes, decisions as answered. */
import { z } from 'zod';
import type { AppDeps } from '../../context';

export const UnitRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export type UnitInfo = { id: string; code: string; name: string; shortName: string };
export interface TallyJson {
  outcome?: string;
  quorumMet?: boolean;
  base?: number;
  requiredVotes?: number;
  counts?: Record<string, number>;
  shares?: Record<string, number>;
  validBallots?: number;
  invalidBallots?: number;
  blankBallots?: number;
  winners?: string[];
}
export interface CouncilTallyJson {
  yes?: number;
  base?: number;
  share?: number;
  passes?: boolean;
}
/** One contest's outcome as the workflow recorded it (Cycle.contests, or the result of a cycle closed before it). */
export interface RecordedContest {
  contest: string;
  winners: string[];
  decidedBy: string | null;
  status?: string;
}
export interface CycleResultJson {
  contests?: RecordedContest[];
}

/** Council votes on one proposal: 'council:<id>' (provincial awards) and 'govflag:<id>' (Government flag, api/routes/government-flag/). */
export const proposalRound = (contest: string): string | null =>
  /^(?:council|govflag):(.+)$/.exec(contest)?.[1] ?? null;

export const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

export const decisionOut = (
  d: {
    decisionNumber: string;
    decisionDate: Date;
    signer: string;
    coefficient: number;
    baseSalaryVnd: number;
    amountVnd: number;
    revokedOn: Date | null;
    revocationNumber: string | null;
    revocationReason: string | null;
  } | null,
) =>
  d && {
    decisionNumber: d.decisionNumber,
    decisionDate: isoDay(d.decisionDate),
    signer: d.signer,
    coefficient: d.coefficient,
    baseSalaryVnd: d.baseSalaryVnd,
    amountVnd: d.amountVnd,
    revoked: d.revokedOn ? { on: isoDay(d.revokedOn), number: d.revocationNumber, reason: d.revocationReason } : null,
  };

/** Units by id, read once per request, and a unit's reference (its id when unknown). */
export function unitDirectory(deps: AppDeps) {
  const { prisma } = deps.db;
  const unitsById = async (ids: Iterable<string>): Promise<Map<string, UnitInfo>> =>
    new Map(
      (
        await prisma.unit.findMany({
          where: { id: { in: [...new Set(ids)] } },
          select: { id: true, code: true, name: true, shortName: true },
        })
      ).map((u) => [u.id, u]),
    );
  const refOf = (units: Map<string, UnitInfo>, id: string) =>
    units.get(id) ?? { id, code: id, name: id, shortName: id };

  return { unitsById, refOf };
}
