/**
 * The facts the province award session's documents are built from: the sitting's projection (ProvinceSession.view,
 * written by workflows/province-session.ts), the province (its level and place) and its emulation council (name,
 * chair, members). Missing facts are a DomainError (NOT_FOUND → 404, WRONG_PHASE / CONFLICT → 409).
 */
import type { Db } from '../../db';
import {
  provinceSessionWorkflowId,
  type ProvinceSessionView,
  type SessionPhase,
} from '../../contracts/province-session';
import { DomainError } from '../../domain/errors';
import { provinceParts } from '../cycle-facts';

export interface SessionFacts {
  view: ProvinceSessionView;
  provinceName: string;
  /** `thành phố` / `tỉnh` and the place, as the documents print them (cycle-facts.ts provinceParts). */
  level: string;
  place: string;
  councilName: string;
  members: { fullName: string; position: string }[];
  /** The council chair (Chủ tịch UBND), who signs the decisions and chairs the sitting. */
  chairName: string;
}

export async function sessionFacts(db: Db, provinceId: string, year: number, n: number): Promise<SessionFacts> {
  const row = await db.prisma.provinceSession.findUnique({
    where: { id: provinceSessionWorkflowId(provinceId, year, n) },
    include: { province: true },
  });
  if (!row) throw new DomainError('NOT_FOUND', `no session ${n} of ${year}`);
  const council = await db.prisma.council.findFirst({
    where: { provinceId },
    include: { members: { include: { person: true }, orderBy: { createdAt: 'asc' } } },
    orderBy: { createdAt: 'asc' },
  });
  const chair = council?.members.find((m) => m.position === 'chair');
  if (!council || !chair)
    throw new DomainError('CONFLICT', "the chair of the province's emulation council is not on record");
  const { level, place } = provinceParts(row.province.name);
  return {
    view: row.view as unknown as ProvinceSessionView,
    provinceName: row.province.name,
    level,
    place,
    councilName: council.name,
    members: council.members.map((m) => ({ fullName: m.person.fullName, position: m.position })),
    chairName: chair.person.fullName,
  };
}

const ORDER: readonly SessionPhase[] = ['collecting', 'appraisal', 'voting', 'decided', 'issued'];

/** A document that exists only from `phase` on: WRONG_PHASE (409) before. */
export function requirePhase(f: SessionFacts, phase: SessionPhase, what: string): void {
  if (ORDER.indexOf(f.view.phase) < ORDER.indexOf(phase))
    throw new DomainError('WRONG_PHASE', `${what} exists once the session is ${phase} (it is ${f.view.phase})`);
}

/** The blocs whose dossiers the sitting took, in the order they were handed in. */
export const sessionBlocNames = (f: SessionFacts): string[] => [...new Set(f.view.dossiers.map((d) => d.blocName))];
