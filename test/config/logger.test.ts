/**
 * Console logs: human lines on a terminal, JSON otherwise; an expected 503 (start-up, a dependency
 * down) is a warning without the synthetic error stack pino-http attaches to 5xx responses.
 */
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../config';
import { prettyLine, usePretty } from '../../config/logger';

test('prettyLine: time, level, name, message, request summary; stack only for errors', () => {
  const line = prettyLine(
    JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 0, 1, 8, 30, 1, 234),
      name: 'api',
      msg: 'request completed',
      req: { id: 'r1', method: 'GET', url: '/healthz' },
      res: { status: 200 },
      responseTime: 7,
    }),
  );
  expect(line).toBe('08:30:01.234 INFO  api request completed GET /healthz → 200 7 ms\n');
  const warn = prettyLine(
    JSON.stringify({ level: 40, time: 0, msg: 'slow', err: { message: 'boom', stack: 'Error: boom\n    at x' } }),
  );
  expect(warn).toContain('WARN  slow err="boom"');
  expect(warn).not.toContain('at x');
  expect(
    prettyLine(
      JSON.stringify({ level: 50, time: 0, msg: 'bad', err: { message: 'boom', stack: 'Error: boom\n    at x' } }),
    ),
  ).toContain('    at x');
  expect(prettyLine('not json')).toBe('not json\n');
  expect(usePretty('auto', { isTTY: true } as NodeJS.WriteStream)).toBe(true);
  expect(usePretty('auto', { isTTY: false } as NodeJS.WriteStream)).toBe(false);
  expect(usePretty('json', { isTTY: true } as NodeJS.WriteStream)).toBe(false);
});

test('a 503 from /healthz while dependencies start is logged as a warning without a stack trace', async () => {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
  const down = () => Promise.reject(new Error('not yet'));
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'l'.repeat(40) }),
    db: { prisma: { $queryRawUnsafe: down } } as never,
    logger,
    temporal: { client: { workflowService: { getSystemInfo: down } } as never, taskQueue: 'q', namespace: 'default' },
    workerAlive: async () => false,
  });
  await request(app).get('/healthz').expect(503);
  const entry = lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((e) => (e['res'] as { status?: number } | undefined)?.status === 503)!;
  expect(entry).toBeDefined();
  expect(entry['level']).toBe(40);
  expect(entry['msg']).toBe('request completed');
  expect(JSON.stringify(entry)).not.toContain('stack');
  expect(entry['err']).toBeUndefined();
});
