/** The pure rules layer: deterministic, no I/O, importable from workflows, activities and api. */
export * from './errors';
export * from './dates';
export * from './ruleset';
export * from './scoring';
export * from './threshold';
export * from './tally';
export * from './eligibility';
export * from './money';
export * from './rotation';
export * from './calendar';
export * from './government-flag';
export * from './legal-bases';
