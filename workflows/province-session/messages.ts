/** The province award session's messages. Names are part of the workflow's contract: never rename them. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type * as ps from '../../contracts/province-session';
import type { ActResult, In } from '../act';

/** System → session: a bloc cycle's hand-off (the activity handToProvinceSession); refused unless collecting. */
export const handInDossier = defineUpdate<ActResult, [In<typeof ps.HandInDossierSchema>]>('handInDossier');
export const appraiseDossier = defineUpdate<ActResult, [In<typeof ps.AppraiseDossierSchema>]>('appraiseDossier');
export const resubmitDossier = defineUpdate<ActResult, [In<typeof ps.ResubmitDossierSchema>]>('resubmitDossier');
export const recordSessionAttendance = defineUpdate<ActResult, [In<typeof ps.RecordAttendanceSchema>]>(
  'recordSessionAttendance',
);
export const castSessionBallot = defineUpdate<ActResult, [In<typeof ps.SessionBallotSchema>]>('castSessionBallot');
export const closeSessionVote = defineUpdate<ActResult, [In<typeof ps.CloseSessionVoteSchema>]>('closeSessionVote');
export const issueSessionDecisions = defineUpdate<ActResult, [In<typeof ps.IssueDecisionsSchema>]>(
  'issueSessionDecisions',
);
export const closeCollection = defineUpdate<ActResult, [In<typeof ps.CloseCollectionSchema>]>('closeCollection');
export const getProvinceSession = defineQuery<ps.ProvinceSessionView>('getProvinceSession');

/** One proposal's outcome as the session tells its bloc cycle (signal to the cycle). */
export interface ProposalOutcome {
  proposalId: string;
  status: 'approved' | 'rejected' | 'returned';
  reason?: string;
  decisionNumber?: string;
  decisionDate?: string;
  amountVnd?: number;
  coefficient?: number;
  baseSalaryVnd?: number;
}

/** Session → bloc cycle: the outcome of the proposals its dossier carried (the cycle completes its council step). */
export const provinceSessionOutcome =
  defineSignal<[{ sessionId: string; outcomes: ProposalOutcome[] }]>('provinceSessionOutcome');
