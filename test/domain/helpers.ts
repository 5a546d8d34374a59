import { isDomainError } from '../../domain/errors';

/** The DomainError code thrown by `fn`, or null if it returned; rethrows anything else. */
export function errorCodeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
}

/** The DomainError thrown by `fn` (fails the test if none). */
export function domainErrorOf(fn: () => unknown): { code: string; message: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message, details: e.details };
    throw e;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}
