/**
 * domain/ is bundled into Temporal workflows: it must stay deterministic and free of Node built-ins.
 * This guard reads the sources and fails on the usual ways determinism is lost.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as domain from '../../domain';

const DOMAIN_DIR = path.join(__dirname, '..', '..', 'domain');
const sources = fs
  .readdirSync(DOMAIN_DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: fs.readFileSync(path.join(DOMAIN_DIR, f), 'utf8') }));

describe('domain/ determinism guard', () => {
  it.each([
    { rule: 'no clock: Date.now()', pattern: /Date\.now\s*\(/ },
    { rule: 'no clock: new Date() without an argument', pattern: /new Date\(\s*\)/ },
    { rule: 'no randomness: Math.random()', pattern: /Math\.random\s*\(/ },
    { rule: 'no process / environment', pattern: /\bprocess\./ },
    { rule: 'no timers', pattern: /\b(setTimeout|setInterval|setImmediate)\s*\(/ },
    { rule: 'no require()', pattern: /\brequire\s*\(/ },
  ])('$rule', ({ pattern }) => {
    const offenders = sources.filter((s) => pattern.test(s.text)).map((s) => s.file);
    expect(offenders).toEqual([]);
  });

  it('imports only zod and relative modules', () => {
    const imports = sources.flatMap((s) => [...s.text.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!));
    expect(imports.filter((i) => i !== 'zod' && !i.startsWith('./'))).toEqual([]);
  });

  it('index re-exports every module', () => {
    for (const name of [
      'RuleSetSchema',
      'computeUnitScore',
      'tallyRound',
      'mayStandForAward',
      'meetsThreshold',
      'awardAmount',
      'nextHeadAndDeputy',
      'reminderTimes',
      'DomainError',
      'toIsoDate',
    ]) {
      expect(domain).toHaveProperty(name);
    }
  });
});
