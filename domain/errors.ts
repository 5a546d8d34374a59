/**
 * Typed domain errors. Each carries a stable `code` the HTTP edge maps to a status and the
 * workflow layer maps to a non-retryable ApplicationFailure type.
 */
export type DomainErrorCode =
  | 'VALIDATION'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'WRONG_PHASE'
  | 'DEADLINE_PASSED'
  | 'ALREADY_DONE'
  | 'CONFLICT'
  | 'RULE_VIOLATION'
  | 'NO_RULESET';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError =>
  e instanceof Error && (e as DomainError).name === 'DomainError' && typeof (e as DomainError).code === 'string';
