/** The review phase's slice of the cycle state (the reviewed scores are in UnitState.score). */
export interface ReviewState {
  reviewClosed: boolean;
}
