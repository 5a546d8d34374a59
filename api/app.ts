import express, { type Express } from 'express';
import helmet from 'helmet';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { AppDeps } from './context';
import { authRouter, authenticate, tokenSecret } from './auth';
import { errorHandler, HttpError } from './errors';
import { healthRouter } from './health';
import { DOCS_HTML, openApiDocument } from './openapi';
import { actsRouter } from './routes/acts';
import { cyclesRouter } from './routes/cycles';
import { inboxRouter } from './routes/inbox';

/** The product's front door. Every /api route below `authenticate` knows who the caller is. */
export function createApp(deps: AppDeps): Express {
  const secret = tokenSecret(deps.config.JWT_SECRET);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(pinoHttp({ logger: deps.logger, genReqId: (req) => (req.headers['x-request-id'] as string) ?? randomUUID(), redact: ['req.headers.authorization', 'req.headers.cookie'] }));
  app.use(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'", "'unsafe-inline'"] } } }));
  app.use(express.json({ limit: '1mb' }));
  app.use('/api', rateLimit({ windowMs: 60_000, limit: deps.config.RATE_LIMIT_PER_MINUTE, standardHeaders: 'draft-8', legacyHeaders: false }));

  app.use(healthRouter(deps));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  app.use(authRouter(deps, secret));
  app.use('/api', authenticate(deps, secret));
  app.use(inboxRouter(deps));
  app.use(cyclesRouter(deps));
  app.use(actsRouter(deps));
  app.use('/api', (_req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'no such endpoint')));
  app.use(express.static(path.resolve(__dirname, '../web/public'), { index: 'index.html' }));
  app.use(errorHandler);
  return app;
}
