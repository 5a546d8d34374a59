/**
 * Government emulation flag (Cờ thi đua của Chính phủ), one selection per province and year N:
 * the council secretary (or the admin) starts it once a bloc of the province holds an approved
 * provincial flag for N; council members vote yes/no per bloc leader (secret); the secretary closes
 * the vote, records the submission to the Ministry of Home Affairs and each outcome. Acts are Updates
 * of workflow govflag-<PROVINCE>-<N> (workflows/government-flag.ts), answered once per Idempotency-Key;
 * the read is assembled from the database (Proposal rows on the leaders' bloc cycles, their
 * `govflag:<proposalId>` ballot rounds, award decisions, and the start/submission audit rows).
 */
import { Router } from 'express';
import type { AppDeps } from '../../context';
import { actRoutes } from './acts';
import { selectionRoute } from './selection';
import { startRoute } from './start';

export { SelectionParams } from './shared';
export { StartGovernmentFlagSchema } from './start';
export { governmentFlagDocumentsRouter } from './documents';

export function governmentFlagRouter(deps: AppDeps): Router {
  const router = Router();
  startRoute(router, deps);
  actRoutes(router, deps);
  selectionRoute(router, deps);
  return router;
}
