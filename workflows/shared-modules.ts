/**
 * The stateless modules every workflow imports, loaded ONCE into the worker's shared V8 context (issue 11; the
 * bundle lists this file in `preloadModules`, worker/bundle.ts). Without it each workflow the worker holds evaluated
 * Zod and every contract, rule table and notification text again for itself: ≈ 100 ms of CPU at a cycle's first
 * workflow task — a start, a wake after eviction, every cycle after a worker restart — and megabytes of heap per
 * cached bloc-year.
 *
 * What may be shared: modules with no state of their own that could tell one workflow from another — Zod, the
 * contracts (schemas), the pure rules of domain/ (ESLint keeps I/O and clocks out of them) and the texts of
 * notifications/catalogue.ts. Never workflows/ code (phases hold per-run state in closures).
 *
 * Why the freezing below. The SDK deep-freezes what preloaded modules export, so that one workflow cannot change
 * another's copy. Zod 4 builds parts of a schema on first use (bound methods, parsers, lazily installed members) and
 * stores them on the schema: frozen, the first `schema.parse` throws. So the module namespaces are frozen here
 * shallowly first — nothing can be re-exported or replaced — and the SDK's deep freeze then stops there, leaving the
 * schema objects themselves writable for Zod's own memoisation, which is deterministic (the same value for every
 * workflow). Exported functions and classes are frozen shallowly for the same reason: their `prototype`s stay open
 * to the members Zod installs on a class's first construction.
 */
import * as z from 'zod';
import * as zodCore from 'zod/v4/core';
import * as contractsCommon from '../contracts/common';
import * as contractsCorrections from '../contracts/corrections';
import * as contractsCycle from '../contracts/cycle';
import * as contractsGovernmentFlag from '../contracts/government-flag';
import * as contractsMeeting from '../contracts/meeting';
import * as contractsProvinceSession from '../contracts/province-session';
import * as awardCatalogue from '../domain/award-catalogue';
import * as calendar from '../domain/calendar';
import * as dates from '../domain/dates';
import * as eligibility from '../domain/eligibility';
import * as domainErrors from '../domain/errors';
import * as domainGovernmentFlag from '../domain/government-flag';
import * as domainMeeting from '../domain/meeting';
import * as money from '../domain/money';
import * as domainProvinceSession from '../domain/province-session';
import * as rotation from '../domain/rotation';
import * as ruleset from '../domain/ruleset';
import * as scoring from '../domain/scoring';
import * as statedRules from '../domain/stated-rules';
import * as tally from '../domain/tally';
import * as threshold from '../domain/threshold';
import * as vietnamTime from '../domain/vietnam-time';
import * as catalogue from '../notifications/catalogue';

const isNamespace = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[Symbol.toStringTag] === 'Module';

/** Freezes a module namespace and, one level deep, its functions; recurses into re-exported namespaces. */
function freezeShallow(ns: object, seen: Set<object>): void {
  if (seen.has(ns)) return;
  seen.add(ns);
  for (const key of Reflect.ownKeys(ns)) {
    const v = (ns as Record<string | symbol, unknown>)[key];
    if (typeof v === 'function') Object.freeze(v);
    else if (isNamespace(v)) freezeShallow(v, seen);
  }
  Object.freeze(ns);
}

export const SHARED_NAMESPACES: readonly object[] = [
  z,
  zodCore,
  contractsCommon,
  contractsCorrections,
  contractsCycle,
  contractsGovernmentFlag,
  contractsMeeting,
  contractsProvinceSession,
  awardCatalogue,
  calendar,
  dates,
  eligibility,
  domainErrors,
  domainGovernmentFlag,
  domainMeeting,
  money,
  domainProvinceSession,
  rotation,
  ruleset,
  scoring,
  statedRules,
  tally,
  threshold,
  vietnamTime,
  catalogue,
];

const seen = new Set<object>();
for (const ns of SHARED_NAMESPACES) freezeShallow(ns, seen);
