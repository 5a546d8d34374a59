/** Scoring templates shared by the scoring tests (test/domain/scoring*.test.ts). */
import { defaultScoringTemplate, type ScoringTemplateInput } from '../../domain/scoring';

export const template = defaultScoringTemplate();

export const small = (over: Partial<ScoringTemplateInput> = {}): ScoringTemplateInput => ({
  scale: 10,
  bonusCap: 1,
  groups: [
    { id: 'g1', name: 'Tasks', kind: 'tasks', criteria: [{ id: 'c1', name: 'c1', maxPoints: 6 }] },
    { id: 'g2', name: 'Other', kind: 'other', criteria: [{ id: 'c2', name: 'c2', maxPoints: 4 }] },
  ],
  penaltyRules: [],
  ...over,
});
