import type { ContestView } from '../../../view';

export interface ContestState extends Omit<ContestView, 'votedCount' | 'expectedVoters'> {
  /** Who has voted in the current round (public: "unit X has voted"). */
  voted: string[];
  /** What was voted in the current round, without voters. Never exposed by a query. */
  box: { choices: string[] }[];
  closeRequested: boolean;
  /** Final say after failed rounds: the head's and the deputy's choice must agree. */
  decisions: Record<string, string[]>;
}

/** The year-end meeting's slice of the cycle state. */
export interface VotingState {
  meeting: { presentUnitIds: string[]; quorumMet: boolean } | null;
  contests: ContestState[];
}
