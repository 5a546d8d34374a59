/** The mid-year phase's slice of the cycle state (the units' own reports are in UnitState.midYear). */
export interface MidYearState {
  /** The head's compiled bloc report; the phase may close early once it is in. */
  blocReport: string | null;
}
