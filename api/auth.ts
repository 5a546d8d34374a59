import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { hashPassword, verifyPassword } from './security/passwords';
import { HttpError } from './errors';
import type { AppDeps, Principal } from './context';
import { registry } from './openapi';
import { trimmedText } from '../contracts/common';

export const LoginSchema = z.object({ username: trimmedText(1, 100), password: z.string().min(1).max(200) });
export const LoginResponseSchema = z.object({ token: z.string(), expiresIn: z.number(), principal: z.object({ personId: z.string(), username: z.string(), fullName: z.string(), unitId: z.string().nullable(), roles: z.array(z.string()) }) });

registry.registerPath({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Log in; returns a signed bearer token',
  tags: ['auth'],
  request: { body: { content: { 'application/json': { schema: LoginSchema } } } },
  responses: { 200: { description: 'token', content: { 'application/json': { schema: LoginResponseSchema } } }, 400: { description: 'invalid body' }, 401: { description: 'wrong credentials' } },
});

/** Loads who the caller is from the database on every request: a deactivated person loses access at once. */
async function loadPrincipal(deps: AppDeps, personId: string): Promise<Principal | null> {
  const person = await deps.db.prisma.person.findUnique({ where: { id: personId }, include: { roles: true } });
  if (!person || !person.active) return null;
  return {
    personId: person.id,
    username: person.username,
    fullName: person.fullName,
    unitId: person.unitId,
    roles: [...new Set(person.roles.map((r) => r.role as Principal['roles'][number]))],
    councilIds: person.roles.filter((r) => r.councilId).map((r) => r.councilId!),
    secretaryOfCouncilIds: person.roles.filter((r) => r.role === 'councilSecretary' && r.councilId).map((r) => r.councilId!),
  };
}

let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

export function authRouter(deps: AppDeps, secret: string): Router {
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const { username, password } = LoginSchema.parse(req.body);
    const person = await deps.db.prisma.person.findUnique({ where: { username } });
    // Same answer and the same scrypt work for an unknown user and a wrong password: no account enumeration.
    const valid = await verifyPassword(password, person?.passwordHash ?? (await dummyHash()));
    if (!person || !person.active || !valid) throw new HttpError(401, 'UNAUTHENTICATED', 'wrong username or password');
    const principal = (await loadPrincipal(deps, person.id))!;
    const expiresIn = deps.config.TOKEN_TTL_SECONDS;
    const token = jwt.sign({ sub: person.id }, secret, { algorithm: 'HS256', expiresIn, issuer: 'thidua' });
    res.json({ token, expiresIn, principal: { personId: principal.personId, username: principal.username, fullName: principal.fullName, unitId: principal.unitId, roles: principal.roles } });
  });
  return router;
}

export function authenticate(deps: AppDeps, secret: string): RequestHandler {
  return async (req, _res, next) => {
    const header = req.headers.authorization;
    if (!header?.startsWith('Bearer ')) return next(new HttpError(401, 'UNAUTHENTICATED', 'a bearer token is required'));
    let sub: string;
    try {
      sub = (jwt.verify(header.slice(7), secret, { algorithms: ['HS256'], issuer: 'thidua' }) as { sub: string }).sub;
    } catch {
      return next(new HttpError(401, 'UNAUTHENTICATED', 'invalid or expired token'));
    }
    const principal = await loadPrincipal(deps, sub);
    if (!principal) return next(new HttpError(401, 'UNAUTHENTICATED', 'account disabled'));
    req.principal = principal;
    next();
  };
}

export function principalOf(req: { principal?: Principal }): Principal {
  if (!req.principal) throw new HttpError(401, 'UNAUTHENTICATED', 'a bearer token is required');
  return req.principal;
}

export function requireRoles(p: Principal, ...roles: Principal['roles']): void {
  if (!p.roles.some((r) => roles.includes(r))) throw new HttpError(403, 'FORBIDDEN', `requires role ${roles.join(' or ')}`);
}

/** A per-process random secret when none is configured (development): tokens die with the process. */
export const tokenSecret = (configured?: string): string => configured ?? randomBytes(32).toString('hex');
