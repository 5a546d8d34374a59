import type { z } from 'zod';
import type * as ps from '../../contracts/province-session';
import { AWARD_LABELS_VI } from '../../domain/eligibility';
import { requiredCount } from '../../domain/threshold';
import type { Actor } from '../../contracts/common';
import { requireRole, type ActResult } from '../act';
import { write, type EffectQueue } from '../effects';
import { reject } from '../errors';

export interface DossierState extends ps.DossierView {
  dossier: ps.Dossier;
}

export interface ProposalState extends ps.SessionProposalView {
  headUnitId: string;
}

/** The province award session's state (one province, year and sitting). */
export interface SessionState {
  workflowId: string;
  input: z.output<typeof ps.ProvinceSessionInputSchema>;
  phase: ps.SessionPhase;
  processed: Record<string, ActResult>;
  dossiers: DossierState[];
  proposals: ProposalState[];
  /** Members recorded present by the secretary (null until the quorum was met). */
  present: string[] | null;
  /** Who has cast the session ballot: kept apart from the counts, so no ballot links back to a member. */
  voters: string[];
  yes: Record<string, number>;
  decisions: ps.SessionDecision[];
  /** The standing body closed the collection before the deadline (act closeCollection). */
  collectionClosed?: boolean;
  /** Runs started with patch session-close-collection-v1 wait on that act as well as on the deadline. */
  closesCollectionEarly?: boolean;
  fx?: EffectQueue;
}

export const findDossier = (s: SessionState, cycleId: string) => s.dossiers.find((d) => d.cycleId === cycleId);

/** The proposals on the ballot: those of accepted dossiers. */
export const onBallot = (s: SessionState) =>
  s.proposals.filter((p) => findDossier(s, p.cycleId)?.status === 'accepted');

/** The standing body (Sở Nội vụ): the council's secretaries and the admins of the session's records. */
export function requireStandingBody(s: SessionState, actor: Actor): void {
  requireRole(actor, 'councilSecretary', 'admin');
  const secretary = actor.roles.includes('councilSecretary') && s.input.secretaryIds.includes(actor.personId);
  const admin = actor.roles.includes('admin') && s.input.adminIds.includes(actor.personId);
  if (!secretary && !admin) reject('FORBIDDEN', 'only the standing body of the council (secretary, admin) does this');
}

export function toView(s: SessionState): ps.ProvinceSessionView {
  const members = s.input.councilMemberIds.length;
  const counted = s.phase === 'decided' || s.phase === 'issued';
  return {
    workflowId: s.workflowId,
    provinceId: s.input.provinceId,
    year: s.input.year,
    n: s.input.n,
    phase: s.phase,
    submissionDeadline: s.input.submissionDeadline,
    members,
    quorum: {
      required: requiredCount(members, s.input.council.quorum),
      present: s.present?.length ?? null,
      met: s.present ? true : null,
    },
    votedCount: s.voters.length,
    memberIds: [...s.input.councilMemberIds],
    presentMemberIds: s.present ? [...s.present] : null,
    voterIds: [...s.voters],
    dossiers: s.dossiers.map(({ dossier: _d, ...d }) => d),
    // No count in any answer before the vote closes.
    proposals: s.proposals.map(({ headUnitId: _h, ...p }) => ({
      ...p,
      yes: counted ? p.yes : null,
      base: counted ? p.base : null,
    })),
    decisions: s.decisions,
  };
}

/** The read model follows every change (one row per session, activities recordProvinceSession). */
export const project = (s: SessionState) => write(s, 'recordProvinceSession', toView(s));

/** The session's audit row of an act (`provinceSession.<what>`); `by` absent for what the session does by itself. */
export const auditSession = (
  s: SessionState,
  what: string,
  by: { personId: string; requestId: string } | undefined,
  after: Record<string, unknown>,
) =>
  write(s, 'audit', {
    action: `provinceSession.${what}`,
    entity: 'provinceSession',
    entityId: s.workflowId,
    actorPersonId: by?.personId,
    after,
    workflowId: s.workflowId,
    requestId: by?.requestId,
  });

export const awardLabel = (t: ps.SessionProposal['awardType']) => AWARD_LABELS_VI[t];
