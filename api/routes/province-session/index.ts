/**
 * The province award session (workflows/province-session.ts): acts of the standing body, the council members and a
 * returned dossier's bloc head, and the read of the sittings from their projection.
 */
import { Router } from 'express';
import type { AppDeps } from '../../context';
import { sessionActRoutes } from './acts';
import { sessionDocumentRoutes } from './documents';
import { sessionReadRoutes } from './read';

export function provinceSessionRouter(deps: AppDeps): Router {
  const router = Router();
  sessionActRoutes(router, deps);
  sessionReadRoutes(router, deps);
  sessionDocumentRoutes(router, deps);
  return router;
}
