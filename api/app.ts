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
import { DOCS_HTML, DOCS_JS, documentedMethods, openApiDocument } from './openapi';
import { actsRouter } from './routes/acts';
import { adminRouter } from './routes/admin';
import { cyclesRouter } from './routes/cycles';
import { documentsRouter } from './routes/documents';
import { evidenceRouter } from './routes/evidence';
import { governmentFlagDocumentsRouter, governmentFlagRouter } from './routes/government-flag';
import { provinceSessionRouter } from './routes/province-session';
import { inboxRouter } from './routes/inbox';
import { provinceYearRouter } from './routes/province-year';
import { resultsRouter } from './routes/results';

/** What a client-chosen x-request-id may be: 1–128 letters, digits and . _ : - (a UUID, a trace id). */
export const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The product's front door. Every /api route below `authenticate` knows who the caller is. */
export function createApp(deps: AppDeps): Express {
  const secret = tokenSecret(deps.config.JWT_SECRET);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger: deps.logger,
      // A client's x-request-id is kept only when it is a plain token (it goes into logs and answers).
      genReqId: (req) => {
        const given = req.headers['x-request-id'];
        return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      },
      // One compact line per request; never headers (tokens) or bodies (ballots).
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      },
      // 503 is expected (a dependency starting or down, an act awaiting a worker; the client retries): a
      // warning without the synthetic error and stack pino-http attaches to every 5xx.
      customLogLevel: (_req, res, err) =>
        err || (res.statusCode >= 500 && res.statusCode !== 503) ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      customErrorObject: (_req, res, err, value: Record<string, unknown>) =>
        res.statusCode === 503 && /^failed with status code/.test(err.message)
          ? { res: value['res'], responseTime: value['responseTime'] }
          : value,
      customErrorMessage: (_req, res, err) =>
        res.statusCode === 503 && /^failed with status code/.test(err.message)
          ? 'request completed'
          : 'request errored',
    }),
  );
  // TLS is terminated in front of the app in production (see README): no HSTS or upgrade here,
  // so the embedded default also works over plain http on a LAN address.
  app.use(
    helmet({
      hsts: false,
      contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'upgrade-insecure-requests': null } },
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(
    '/api',
    rateLimit({
      windowMs: 60_000,
      limit: deps.config.RATE_LIMIT_PER_MINUTE,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
    }),
  );

  // A documented path asked with a method it does not document: 405 with `Allow` (RFC 9110), before
  // authentication, so the answer is the same for everyone; OPTIONS answers the same list.
  app.use((req, res, next) => {
    const documented = documentedMethods(req.path);
    if (!documented) return next();
    const { methods, refusal } = documented;
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
    if (allow.includes(req.method) && req.method !== 'OPTIONS') return next();
    res.set('allow', allow.join(', '));
    if (req.method === 'OPTIONS') return void res.status(204).end();
    next(
      new HttpError(
        405,
        refusal?.code ?? 'METHOD_NOT_ALLOWED',
        refusal?.message ?? `${req.method} is not allowed here: ${allow.join(', ')}`,
      ),
    );
  });
  app.use(healthRouter(deps));
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML);
  });
  app.get('/api/docs.js', (_req, res) => {
    res.type('js').send(DOCS_JS);
  });
  app.use(authRouter(deps, secret));
  app.use('/api', authenticate(deps, secret));
  app.use(inboxRouter(deps));
  app.use(cyclesRouter(deps));
  app.use(documentsRouter(deps));
  app.use(actsRouter(deps));
  app.use(evidenceRouter(deps));
  app.use(adminRouter(deps));
  app.use(resultsRouter(deps));
  app.use(governmentFlagRouter(deps));
  app.use(governmentFlagDocumentsRouter(deps));
  app.use(provinceYearRouter(deps));
  app.use(provinceSessionRouter(deps));
  app.use('/api', (_req, _res, next) => next(new HttpError(404, 'NOT_FOUND', 'no such endpoint')));
  app.use(express.static(path.resolve(__dirname, '../web/public'), { index: 'index.html' }));
  app.use(errorHandler);
  return app;
}
