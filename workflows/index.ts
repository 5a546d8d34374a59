/** Workflow bundle entry: every workflow type the worker registers. */
export { blocCycleWorkflow } from './cycle';
export { councilReviewWorkflow } from './council';
export { governmentFlagWorkflow } from './government-flag';
export { provinceAwardSessionWorkflow } from './province-session';
