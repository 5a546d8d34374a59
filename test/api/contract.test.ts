/**
 * The OpenAPI document is the contract, checked by an outside tool against the real system:
 * schemathesis (PyPI, pinned in scripts/provision-schemathesis.sh) reads /api/openapi.json and sends
 * generated requests — valid ones, invalid ones, undocumented methods, requests without the token —
 * to the real app, worker and Temporal dev server on a seeded SQLite, once per role, and runs every
 * check it has (`--checks all`): no 5xx, every status documented, every body and header as
 * documented, every schema-valid request accepted (a 422 is allowed: a rule the schema cannot
 * state), every schema-invalid one refused, 405 with `Allow` for undocumented methods, 401 without
 * the token. Any failure or error fails this test with schemathesis's report (also written to
 * test-artifacts/schemathesis/<role>.txt).
 *
 * Deterministic: a fixed seed, no example database, one worker, the roles in a fixed order (the
 * admin last: its stateful phase writes to the registry). test/api/schemathesis_hooks.py gives each
 * positive request a fresh Idempotency-Key from a fixed series (drawn keys repeat, and a reused key
 * is rightly 422 before the write is looked at); test/api/schemathesis.toml allows 422 on
 * schema-valid requests (a rule the schema cannot state).
 */
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { systemForThisFile } from '../support/system';

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(__dirname, 'schemathesis.toml');
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'schemathesis');
const SEED = '20261205';

/** Installs schemathesis into the git-ignored venv when missing (idempotent) and returns its `st`. */
function provision(): string {
  execFileSync('bash', [path.join(ROOT, 'scripts/provision-schemathesis.sh')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return path.join(process.env.SCHEMATHESIS_VENV ?? path.join(ROOT, '.venv-schemathesis'), 'bin', 'st');
}

interface Run {
  code: number | null;
  output: string;
  cases: number;
}

/** One schemathesis run; asynchronous, so this process keeps serving the requests it sends. */
function schemathesis(st: string, args: string[], role: string): Promise<Run> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return new Promise((resolve, reject) => {
    // In test-artifacts: schemathesis may write its reports and caches into the working directory.
    const child = spawn(st, ['--config-file', CONFIG, '--no-color', 'run', ...args], {
      cwd: ARTIFACTS,
      env: {
        ...process.env,
        NO_COLOR: '1',
        COLUMNS: '160',
        PYTHONPATH: __dirname,
        SCHEMATHESIS_HOOKS: 'schemathesis_hooks',
      },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      fs.writeFileSync(path.join(ARTIFACTS, `${role}.txt`), output);
      resolve({ code, output, cases: Number(/(\d+) generated/.exec(output)?.[1] ?? 0) });
    });
  });
}

const sys = systemForThisFile();
let st: string;

beforeAll(() => {
  st = provision();
}, 300_000);

/**
 * Who calls, and how hard: every role goes through the examples, fuzzing and stateful phases; the
 * admin (who may call every operation, so reaches the deepest validation) also through the coverage
 * phase, which walks every keyword of every schema with boundary and invalid values.
 */
const ROLES: { role: string; user?: string; phases: string; maxExamples: number }[] = [
  { role: 'anonymous', phases: 'examples,fuzzing', maxExamples: 2 },
  { role: 'unit-officer', user: 'ct.tand', phases: 'examples,fuzzing,stateful', maxExamples: 4 },
  { role: 'bloc-head', user: 'ct.ca', phases: 'examples,fuzzing,stateful', maxExamples: 4 },
  { role: 'council-member', user: 'ct.hd1', phases: 'examples,fuzzing,stateful', maxExamples: 4 },
  { role: 'council-secretary', user: 'ct.tk', phases: 'examples,fuzzing,stateful', maxExamples: 4 },
  { role: 'admin', user: 'admin', phases: 'examples,coverage,fuzzing,stateful', maxExamples: 8 },
];

describe.each(ROLES)('schemathesis --checks all as $role', ({ role, user, phases, maxExamples }) => {
  test('0 failures, 0 errors', async () => {
    const auth = user ? ['-H', `Authorization: Bearer ${await sys.login(user)}`] : [];
    const run = await schemathesis(
      st,
      [
        `${sys.base}/api/openapi.json`,
        '--checks',
        'all',
        ...auth,
        '--phases',
        phases,
        '--max-examples',
        String(maxExamples),
        '--seed',
        SEED,
        '--generation-database',
        'none',
        '--workers',
        '1',
      ],
      role,
    );
    const summary = run.output.slice(run.output.lastIndexOf('SUMMARY'));
    if (run.code !== 0)
      throw new Error(
        `schemathesis as ${role} exited ${run.code}:\n${run.output.slice(run.output.indexOf('FAILURES') >= 0 ? run.output.indexOf('FAILURES') : run.output.indexOf('ERRORS') >= 0 ? run.output.indexOf('ERRORS') : 0).slice(0, 20_000)}`,
      );
    expect(summary).toMatch(/Tested: \d+/);
    expect(summary).not.toMatch(/Failures:|Errors:/);
    expect(run.cases).toBeGreaterThan(0);
  }, 300_000);
});
