/**
 * Results and history, read from the database projection only (never a workflow query): a cycle's
 * ranking, proposals and contests; a unit's years; a bloc's years. Read scope (api/scope.ts): the
 * admin, the province's council, the officers of member units for their years of membership (a
 * unit's history: its own officers); anyone else gets 404. Hold reasons only for the parties.
 *
 * Ballots are anonymous: a round lists how many voted and the ballots' contents, never who cast
 * which (Ballot rows have no voter, no time; they are listed in the order of their random ids).
 *
 * Revocation of an award (L2022 Art. 93(2); ND 152/2025 Art. 56): the decision is marked revoked
 * with the revocation decision's number, date and reason and the proposal becomes 'revoked'. The
 * scores, ranking and ballot rounds of the year stay exactly as they were.
 */
import { Router } from 'express';
import type { AppDeps } from '../../context';
import { cycleResultRoutes } from './cycle';
import { historyRoutes } from './history';
import { revokeRoutes } from './revoke';

export { RevokeAwardSchema } from './revoke';

export function resultsRouter(deps: AppDeps): Router {
  const router = Router();
  for (const mount of [cycleResultRoutes, historyRoutes, revokeRoutes]) mount(router, deps);
  return router;
}
