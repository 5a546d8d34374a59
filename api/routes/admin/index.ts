/**
 * The registry, kept by the administrator: provinces (create, rename), blocs (head and deputy recognition, rule-set code,
 * rotation policy), units (rename, merger into a successor, dissolution), bloc membership, people
 * and their roles, emulation councils and their members, rule-set versions.
 *
 * Every endpoint requires the admin role (403 before anything is looked up). Bodies are Zod-checked
 * (400 with issue paths, unknown fields refused); each write runs in one transaction with its
 * AuditLog row (actor, action, before/after) and honours `Idempotency-Key` (api/writes.ts).
 * Missing rows are 404, duplicates 409. Lists page with `take` and `cursor` (= `nextCursor` of
 * the previous page).
 *
 * What a running cycle keeps: the workflow received the bloc's members, head, deputy, council and
 * rule-set when the year started. Registry changes apply to cycles started afterwards, with one
 * exception that must go through the cycle itself — a unit LEAVING a bloc whose cycle is running
 * is the act `POST /api/cycles/{cycleId}/membership/leave` (quorum and vote bases change with it);
 * here it is refused with 409 while a cycle of the bloc is not closed. Who holds which office is the
 * exception the other way: a write on people or roles re-sends every running workflow its roster once
 * it committed (api/rosters.ts), so appointments, moves and deactivations count in the running year.
 */
import { Router } from 'express';
import type { AppDeps } from '../../context';
import { principalOf, requireRoles } from '../../auth';
import { blocRoutes } from './blocs';
import { councilRoutes } from './councils';
import { importRoutes } from './import';
import { peopleRoutes } from './people';
import { provinceRoutes } from './provinces';
import { ruleSetRoutes } from './rule-sets';
import { adminRoutes } from './shared';
import { unitRoutes } from './units';

export function adminRouter(deps: AppDeps): Router {
  const router = Router();
  router.use('/api/admin', (req, _res, next) => {
    requireRoles(principalOf(req), 'admin');
    next();
  });
  const routes = adminRoutes(deps, router);
  // In this order: Express matches paths in the order they were mounted.
  for (const mount of [provinceRoutes, blocRoutes, unitRoutes, peopleRoutes, councilRoutes, ruleSetRoutes])
    mount(routes);
  importRoutes(deps, router);
  return router;
}
