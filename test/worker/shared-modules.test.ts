/**
 * Workflows share Zod, the contracts, the pure rules and the notification texts (workflows/shared-modules.ts, issue 11):
 * the bundle preloads them into the worker's reusable V8 context once, before any workflow exists. Checked on the
 * SDK's own reusable-context creator, which also deep-freezes what was preloaded: the modules are there without a
 * workflow, their namespaces cannot be changed, and the schemas still parse (Zod memoises on them; frozen they throw).
 */
import vm from 'node:vm';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import { workflowBundle } from '../../worker/bundle';

jest.setTimeout(120_000);

let creator: ReusableVMWorkflowCreator;
let bundled: string[] = [];
/** Evaluates `expr` in the context with no workflow active: only shared modules are visible then. */
const inContext = (expr: string): unknown =>
  vm.runInContext(expr, (creator as unknown as { context: vm.Context }).context);
const shared = (id: string) => `globalThis.__webpack_module_cache__[${JSON.stringify(id)}]`;

beforeAll(async () => {
  const { code } = await workflowBundle();
  bundled = [...code.matchAll(/^\/\*\*\*\/ "(\.\/(?:contracts|domain|notifications)\/[^"]+)"/gm)].map((m) => m[1]!);
  // The source map is inline (as in the file `npm run build` writes); the creator wants it parsed.
  const mark = code.lastIndexOf('//# sourceMappingURL=data:');
  const sourceMap = JSON.parse(Buffer.from(code.slice(code.indexOf('base64,', mark) + 7), 'base64').toString());
  creator = await ReusableVMWorkflowCreator.create(
    { code: code.slice(0, mark), sourceMap, filename: 'workflow-bundle-shared-test.js' },
    5_000,
    new Set(['applyEffects']),
    undefined,
  );
});
afterAll(async () => {
  await creator?.destroy();
});

test.each(['./contracts/cycle.ts', './domain/tally.ts', './notifications/catalogue.ts'])(
  '%s is loaded once for all workflows',
  (id) => {
    expect(inContext(`typeof ${shared(id)}?.exports`)).toBe('object');
  },
);

test('every contract, rule and text module the workflows import is shared (a new one goes into shared-modules.ts)', () => {
  expect(bundled.length).toBeGreaterThan(10);
  expect(bundled.filter((id) => inContext(`typeof ${shared(id)}`) !== 'object')).toEqual([]);
});

test('workflow code is not shared', () => {
  expect(inContext(`${shared('./workflows/cycle.ts')}`)).toBeUndefined();
});

test('a shared namespace cannot be changed by a workflow', () => {
  expect(inContext(`Object.isFrozen(${shared('./contracts/cycle.ts')}.exports)`)).toBe(true);
});

test('shared schemas still parse after the SDK froze what was preloaded', () => {
  const cycle = shared('./contracts/cycle.ts');
  expect(inContext(`${cycle}.exports.PhaseSchema.parse('pledge')`)).toBe('pledge');
  expect(inContext(`${cycle}.exports.PhaseSchema.safeParse('nope').success`)).toBe(false);
  expect(inContext(`(() => { const s = ${cycle}.exports.PhaseSchema; return s.parse === s.parse; })()`)).toBe(true);
});

test('workflow code captures no stack frames (the per-promise stack the SDK records was a fifth of its time)', () => {
  expect(inContext('Error.stackTraceLimit')).toBe(0);
  expect(inContext('new Error("x").message')).toBe('x');
});

test('after the freeze every shared contract schema still fails, derives and parses (what workflows may do at run time)', () => {
  const threw = inContext(`(() => {
    const m = ${shared('./contracts/cycle.ts')}.exports;
    const out = [];
    for (const [k, s] of Object.entries(m)) if (s && typeof s === 'object' && s._zod) {
      try { s.safeParse({}); s.optional().safeParse(undefined); s.array().safeParse([1]); out.push(''); }
      catch (e) { out.push(k + ': ' + e.message); }
    }
    return out;
  })()`) as string[];
  expect(threw.length).toBeGreaterThan(10);
  expect(threw.filter(Boolean)).toEqual([]);
});
