import type { Proposal } from '../../../../contracts/cycle';

/** The council step's slice of the cycle state: the proposals from the vote and the review that decides them. */
export interface CouncilStepState {
  proposals: Proposal[];
  councilWorkflowId: string | null;
}
