import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isDomainError, type DomainErrorCode } from '../domain/errors';
import { isStatedIssue } from '../domain/stated-rules';
import { isBusyError } from '../db/retry';

export interface ErrorEnvelope {
  error: {
    status: number;
    code: string;
    message: string;
    issues?: { path: (string | number)[]; message: string }[];
    requestId?: string;
  };
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues?: { path: (string | number)[]; message: string }[],
  ) {
    super(message);
  }
}

export const STATUS_OF: Record<DomainErrorCode, number> = {
  VALIDATION: 400,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  WRONG_PHASE: 409,
  DEADLINE_PASSED: 409,
  ALREADY_DONE: 409,
  CONFLICT: 409,
  RULE_VIOLATION: 409,
  NO_RULESET: 409,
};

const issuesOf = (e: ZodError) =>
  e.issues.map((i) => ({ path: i.path.map((p) => (typeof p === 'number' ? p : String(p))), message: i.message }));

/** Maps anything thrown below the HTTP edge to one error envelope; never leaks stack traces. */
export function toHttpError(err: unknown): HttpError {
  if (err instanceof HttpError) return err;
  // 400: the request does not match the OpenAPI document. 422: it does, but a refinement the
  // document cannot state refuses it (sums, date order, uniqueness by key; domain/stated-rules.ts).
  if (err instanceof ZodError)
    return new HttpError(err.issues.some(isStatedIssue) ? 400 : 422, 'VALIDATION', 'invalid request', issuesOf(err));
  if (isDomainError(err)) {
    const path = err.details?.path as (string | number)[] | undefined;
    return new HttpError(
      STATUS_OF[err.code] ?? 400,
      err.code,
      err.message,
      path ? [{ path, message: err.message }] : undefined,
    );
  }
  if (err instanceof WorkflowNotFoundError) return new HttpError(404, 'NOT_FOUND', 'no such cycle is running');
  if (err instanceof WorkflowExecutionAlreadyStartedError)
    return new HttpError(409, 'ALREADY_DONE', 'this cycle has already been started');
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const failure = err.cause;
    const code = (failure.type ?? 'CONFLICT') as DomainErrorCode;
    const details = (failure.details?.[0] ?? {}) as {
      path?: (string | number)[];
      issues?: { path: string[]; message: string }[];
    };
    const issues = details.issues ?? (details.path ? [{ path: details.path, message: failure.message }] : undefined);
    return new HttpError(STATUS_OF[code] ?? 409, code, failure.message, issues);
  }
  if (err && typeof err === 'object' && 'type' in err && (err as { type: string }).type === 'entity.too.large')
    return new HttpError(413, 'TOO_LARGE', 'request body too large');
  if (err && typeof err === 'object' && 'type' in err && (err as { type: string }).type === 'entity.parse.failed')
    return new HttpError(400, 'VALIDATION', 'malformed JSON body');
  // A database still busy after the retries (db/retry.ts) is a temporary state, not a fault: 503 + Retry-After.
  if (isBusyError(err)) return new HttpError(503, 'BUSY', 'the database is busy; retry with the same Idempotency-Key');
  return new HttpError(500, 'INTERNAL', 'internal error');
}

export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const http = toHttpError(err);
  if (http.status >= 500) req.log?.error({ err }, 'request failed');
  if (http.status === 503 && !res.getHeader('retry-after')) res.set('retry-after', '1');
  const body: ErrorEnvelope = {
    error: {
      status: http.status,
      code: http.code,
      message: http.message,
      ...(http.issues ? { issues: http.issues } : {}),
      requestId: String(req.id ?? ''),
    },
  };
  res.status(http.status).json(body);
};
