import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { hashPassword, verifyPassword } from './security/passwords';
import { HttpError } from './errors';
import type { AppDeps, Principal } from './context';
import { route, type RouteDecl } from './route';
import { LoginBusyError, LoginGuard, LoginLockedError } from './security/login-guard';
import { trimmedText } from '../contracts/common';

export const LoginSchema = z.object({ username: trimmedText(1, 100), password: z.string().min(1).max(200) });
export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresIn: z.number(),
  principal: z.object({
    personId: z.string(),
    username: z.string(),
    fullName: z.string(),
    unitId: z.string().nullable(),
    roles: z.array(z.string()),
  }),
});

const LOGIN = {
  method: 'post' as const,
  path: '/api/auth/login',
  summary: 'Log in; returns a signed bearer token',
  tags: ['auth'],
  body: LoginSchema,
  responses: {
    200: { description: 'token', content: { 'application/json': { schema: LoginResponseSchema } } },
    400: { description: 'invalid body' },
    401: { description: 'wrong credentials' },
    429: {
      description:
        'too many failed logins for this username or from this address: locked for a doubling time (Retry-After), even for the right password',
    },
    503: {
      description: 'too many logins being checked at once (Retry-After)',
    },
  },
} satisfies RouteDecl<undefined, undefined, typeof LoginSchema>;

/**
 * Loads who the caller is from the database on every request: a deactivated person loses access at
 * once, and so does a token issued before the password changed (its `tv` is older than the person's).
 */
async function loadPrincipal(deps: AppDeps, personId: string, tokenVersion?: number): Promise<Principal | null> {
  const person = await deps.db.prisma.person.findUnique({ where: { id: personId }, include: { roles: true } });
  if (!person || !person.active) return null;
  if (tokenVersion !== undefined && tokenVersion !== person.tokenVersion) return null;
  return {
    personId: person.id,
    username: person.username,
    fullName: person.fullName,
    unitId: person.unitId,
    roles: [...new Set(person.roles.map((r) => r.role as Principal['roles'][number]))],
    councilIds: person.roles.filter((r) => r.councilId).map((r) => r.councilId!),
    secretaryOfCouncilIds: person.roles
      .filter((r) => r.role === 'councilSecretary' && r.councilId)
      .map((r) => r.councilId!),
  };
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

export function authRouter(
  deps: AppDeps,
  secret: string,
  guard: LoginGuard = deps.loginGuard ?? new LoginGuard(),
): Router {
  const router = Router();
  route(router, LOGIN, async (input, req, res) => {
    const { username, password } = input.body;
    // Usernames are stored lower-case (api/routes/admin.ts): count failures per account, not per spelling.
    const account = username.toLowerCase();
    const ip = req.ip ?? 'unknown';
    try {
      guard.check(account, ip);
    } catch (e) {
      if (!(e instanceof LoginLockedError)) throw e;
      res.set('retry-after', String(e.retryAfterSeconds));
      throw new HttpError(429, 'TOO_MANY_REQUESTS', `too many failed logins: try again in ${e.retryAfterSeconds} s`);
    }
    const person = await deps.db.prisma.person.findUnique({ where: { username } });
    // Same answer and the same scrypt work for an unknown user and a wrong password: no account enumeration.
    let valid: boolean;
    try {
      valid = await guard.hashing(async () => verifyPassword(password, person?.passwordHash ?? (await dummyHash())));
    } catch (e) {
      if (!(e instanceof LoginBusyError)) throw e;
      res.set('retry-after', '1');
      throw new HttpError(503, 'UNAVAILABLE', 'too many logins at once: try again in a second');
    }
    if (!person || !person.active || !valid) {
      guard.failed(account, ip);
      throw new HttpError(401, 'UNAUTHENTICATED', 'wrong username or password');
    }
    guard.succeeded(account);
    const principal = (await loadPrincipal(deps, person.id))!;
    const expiresIn = deps.config.TOKEN_TTL_SECONDS;
    const token = jwt.sign({ sub: person.id, tv: person.tokenVersion }, secret, {
      algorithm: 'HS256',
      expiresIn,
      issuer: 'thidua',
    });
    res.json({
      token,
      expiresIn,
      principal: {
        personId: principal.personId,
        username: principal.username,
        fullName: principal.fullName,
        unitId: principal.unitId,
        roles: principal.roles,
      },
    });
  });
  return router;
}

export function authenticate(deps: AppDeps, secret: string): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer '))
      return next(new HttpError(401, 'UNAUTHENTICATED', 'a bearer token is required'));
    let claims: { sub: string; tv?: unknown };
    try {
      claims = jwt.verify(header.slice(7), secret, { algorithms: ['HS256'], issuer: 'thidua' }) as {
        sub: string;
        tv?: unknown;
      };
    } catch {
      return next(new HttpError(401, 'UNAUTHENTICATED', 'invalid or expired token'));
    }
    // A token without `tv` predates token versions: it stands for version 0 (the password never changed since).
    const principal = await loadPrincipal(deps, claims.sub, typeof claims.tv === 'number' ? claims.tv : 0);
    if (!principal)
      return next(
        new HttpError(401, 'UNAUTHENTICATED', 'account disabled, or the password changed since this token was issued'),
      );
    req.principal = principal;
    next();
  };
}

export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw new HttpError(401, 'UNAUTHENTICATED', 'a bearer token is required');
  return req.principal;
}

export function requireRoles(p: Principal, ...roles: Principal['roles']): void {
  if (!p.roles.some((r) => roles.includes(r)))
    throw new HttpError(403, 'FORBIDDEN', `requires role ${roles.join(' or ')}`);
}

/** A per-process random secret when none is configured (development): tokens die with the process. */
export const tokenSecret = (configured?: string): string => configured ?? randomBytes(32).toString('hex');
