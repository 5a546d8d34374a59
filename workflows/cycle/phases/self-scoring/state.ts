/** A unit's score while it is self-scored and reviewed (UnitState.score); the final one is computed at review's end. */
export interface ScoreDraft {
  entries: { criterionId: string; self: number; reviewed: number | null; reason?: string }[];
  bonusClaimed: number;
  bonusGranted: number | null;
}
