import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { Db } from '../db';
import type { LoginGuard } from './security/login-guard';

/** Everything the HTTP layer depends on, injected (tests pass real or fake parts). */
export interface AppDeps {
  config: Config;
  temporal: { client: Client; taskQueue: string; namespace: string };
  db: Db;
  logger: Logger;
  /** Liveness of the worker fleet, for /healthz. Defaults to asking Temporal for task-queue pollers. */
  workerAlive?: () => Promise<boolean>;
  /** Longest wait for a workflow's answer to an act before 503 (api/routes/acts.ts; default 20 s). */
  actTimeoutMs?: number;
  /** Login throttling and the bound on concurrent scrypt work (api/security/login-guard.ts); one per app by default. */
  loginGuard?: LoginGuard;
}

export interface Principal {
  personId: string;
  username: string;
  fullName: string;
  unitId: string | null;
  roles: ('admin' | 'unitOfficer' | 'councilMember' | 'councilSecretary')[];
  /** Councils the person holds any role on (member or secretary). */
  councilIds: string[];
  /** Councils the person is the SECRETARY of: a secretary of one council may merely sit on another. */
  secretaryOfCouncilIds: string[];
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
