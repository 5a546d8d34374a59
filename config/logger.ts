import pino, { type Logger } from 'pino';
import type { Config } from './index';

const LEVELS: Record<number, [label: string, color: number]> = {
  10: ['TRACE', 90],
  20: ['DEBUG', 36],
  30: ['INFO ', 32],
  40: ['WARN ', 33],
  50: ['ERROR', 31],
  60: ['FATAL', 35],
};
const OMIT = new Set(['level', 'time', 'pid', 'hostname', 'name', 'msg', 'v']);

/**
 * One pino JSON line → one human line: `12:00:01.234 INFO  api  API listening … key=value`.
 * Errors show their message; the stack only at level error and above. Unparseable input passes through.
 */
export function prettyLine(json: string, color = false): string {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.endsWith('\n') ? json : `${json}\n`;
  }
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const level = typeof o['level'] === 'number' ? o['level'] : 30;
  const [label, code] = LEVELS[level] ?? ['LOG  ', 0];
  const time = new Date(typeof o['time'] === 'number' ? o['time'] : Date.now()).toISOString().slice(11, 23);
  const parts = [
    paint(90, time),
    paint(code, label),
    o['name'] ? paint(1, String(o['name'])) : '',
    String(o['msg'] ?? ''),
  ].filter(Boolean);
  let stack = '';
  for (const [key, value] of Object.entries(o)) {
    if (OMIT.has(key) || value === undefined) continue;
    if (key === 'err' && value && typeof value === 'object') {
      const err = value as { message?: string; stack?: string };
      parts.push(paint(code, `err="${err.message ?? ''}"`));
      if (level >= 50 && err.stack) stack = `\n${paint(90, err.stack.replace(/^/gm, '    '))}`;
      continue;
    }
    if (key === 'req' && value && typeof value === 'object') {
      const req = value as { method?: string; url?: string };
      parts.push(`${req.method ?? ''} ${req.url ?? ''}`.trim());
      continue;
    }
    if (key === 'res' && value && typeof value === 'object' && 'status' in value) {
      parts.push(`→ ${String((value as { status: unknown }).status)}`);
      continue;
    }
    if (key === 'responseTime') {
      parts.push(`${String(value)} ms`);
      continue;
    }
    parts.push(`${paint(90, `${key}=`)}${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return `${parts.join(' ')}${stack}\n`;
}

/** A pino destination that writes pretty lines to a stream (synchronously, like pino's default). */
export function prettyDestination(stream: NodeJS.WriteStream = process.stdout): { write(line: string): boolean } {
  const color = Boolean(stream.isTTY) && !process.env['NO_COLOR'];
  return { write: (line: string) => stream.write(prettyLine(line.trimEnd(), color)) };
}

/** Human-readable on a terminal (LOG_FORMAT=auto), JSON lines otherwise — what log collectors read. */
export function usePretty(format: Config['LOG_FORMAT'], stream: NodeJS.WriteStream = process.stdout): boolean {
  return format === 'pretty' || (format === 'auto' && Boolean(stream.isTTY));
}

/** The process logger of the API and the worker. Secrets are never logged (redacted paths as a second net). */
export function createLogger(name: string, config: Pick<Config, 'LOG_LEVEL' | 'LOG_FORMAT'>): Logger {
  const options = {
    level: config.LOG_LEVEL,
    name,
    redact: [
      '*.password',
      '*.token',
      'JWT_SECRET',
      'WEBHOOK_SECRET',
      'PAYLOAD_ENCRYPTION_KEYS',
      'ADMIN_BOOTSTRAP_PASSWORD',
    ],
  };
  return usePretty(config.LOG_FORMAT) ? pino(options, prettyDestination()) : pino(options);
}
