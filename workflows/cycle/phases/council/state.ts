import type { Proposal } from '../../../../contracts/cycle';
import type { ProposalOutcome } from '../../../province-session/messages';

/** The council step's slice of the cycle state: the proposals from the vote and the review that decides them. */
export interface CouncilStepState {
  proposals: Proposal[];
  councilWorkflowId: string | null;
  /** Rule-sets with a province session (patch province-session-v1): the sitting that took the dossier, its outcome. */
  provinceSession?: { workflowId: string; outcomes?: ProposalOutcome[] };
}
