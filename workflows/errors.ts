import { ApplicationFailure } from '@temporalio/workflow';
import type { DomainErrorCode } from '../domain/errors';
import { isDomainError } from '../domain/errors';
import { ZodError } from 'zod';

/** Rejects an act: the failure type carries the domain code the HTTP edge maps to a status. */
export function reject(code: DomainErrorCode, message: string, details?: Record<string, unknown>): never {
  throw ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details ? [details] : [] });
}

/** Turns Zod and domain errors raised by pure rules into non-retryable failures. */
export function asFailure(e: unknown): never {
  if (e instanceof ZodError) {
    reject('VALIDATION', 'invalid payload', {
      issues: e.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  if (isDomainError(e)) reject(e.code, e.message, e.details);
  throw e;
}
