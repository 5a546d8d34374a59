// One bloc-year as the pages need it: the database projection (GET /api/cycles/:id: tasks,
// submissions, scores, rounds, proposals with decisions, plan, deadlines, result) joined with the
// workflow's live view (GET /api/cycles/:id/live: units, contests, meeting, handover).
import * as api from './api.js';

export const PHASES = [
  'launch',
  'pledge',
  'midYear',
  'selfScoring',
  'review',
  'voting',
  'council',
  'handover',
  'closed',
];
export const DEADLINE_PHASES = ['pledge', 'midYear', 'selfScoring', 'review', 'voting', 'council', 'handover'];

export async function loadCycle(id) {
  const [projection, live] = await Promise.all([api.cycle(id), api.live(id).catch(() => null)]);
  return { projection, live };
}

/** How long a poll may reuse the live view while the projection stays the same. */
const LIVE_REUSE_MS = 15_000;

/**
 * A loader for polling one cycle. The live view is a Temporal query: the worker answers it between
 * the workflow's own tasks, so every tab asking it every few seconds slows down everyone's acts.
 * The database projection changes with every step the workflow takes (each step writes it), so a
 * poll asks the workflow again only when the projection changed, or after LIVE_REUSE_MS;
 * `{ fresh: true }` (the first load, and right after the reader's own act) asks both.
 */
export function cycleLoader(id) {
  let cached = null;
  return async ({ fresh = false } = {}) => {
    if (fresh || !cached || Date.now() - cached.at > LIVE_REUSE_MS) {
      const data = await loadCycle(id);
      cached = { fp: JSON.stringify(data.projection), live: data.live, at: Date.now() };
      return data;
    }
    const projection = await api.cycle(id);
    const fp = JSON.stringify(projection);
    if (fp === cached.fp) return { projection, live: cached.live };
    const live = await api.live(id).catch(() => null);
    cached = { fp, live, at: Date.now() };
    return { projection, live };
  };
}

/** When the workflow cannot be asked (e.g. its history was archived), the projection alone. */
function viewFromProjection(p) {
  const ids = [
    ...new Set([
      ...p.tasks.map((x) => x.unitId),
      ...p.submissions.map((x) => x.unitId),
      ...p.scoreSummaries.map((x) => x.unitId),
    ]),
  ];
  const names = Object.fromEntries((p.result?.ranking ?? []).map((r) => [r.unitId, r.name]));
  const sub = (unitId, kind) => p.submissions.find((x) => x.unitId === unitId && x.kind === kind)?.status ?? 'none';
  return {
    workflowId: p.id,
    blocId: p.blocId,
    year: p.year,
    phase: p.phase,
    headUnitId: p.headUnitId,
    deputyUnitId: p.deputyUnitId,
    actingHeadUnitId: p.headUnitId,
    deadlines: p.deadlines && Object.keys(p.deadlines).length ? p.deadlines : null,
    plan: p.plan,
    units: ids.map((id) => {
      const score = p.scoreSummaries.find((x) => x.unitId === id);
      return {
        unitId: id,
        name: names[id] ?? id,
        active: true,
        pledge: sub(id, 'pledge'),
        midYear: sub(id, 'midYearReport'),
        selfScore: sub(id, 'selfScore'),
        late: [],
        hold: 'none',
        penaltyPoints: score?.penalty ?? 0,
        finalTotal: score?.finalTotal ?? null,
        rank: score?.rank ?? null,
      };
    }),
    meeting: null,
    contests: [],
    proposals: [],
    councilWorkflowId: null,
    handover: p.result?.nextYearWorkflowId
      ? {
          headUnitId: p.result.nextHead,
          deputyUnitId: p.result.nextDeputy,
          nextYearWorkflowId: p.result.nextYearWorkflowId,
        }
      : null,
  };
}

/** Derived facts and the reader's roles in this cycle. */
export function cycleModel({ projection, live }, me) {
  const view = live ?? viewFromProjection(projection);
  const phase = view.phase ?? projection.phase;
  const units = view.units.filter((u) => u.active);
  const nameOf = (id) => view.units.find((u) => u.unitId === id)?.name ?? id;
  const myUnit = units.find((u) => u.unitId === me.unitId) ?? null;
  const councilRounds = (proposalId) =>
    projection.votingRounds.filter((r) => r.contest === `council:${proposalId}`).sort((a, b) => b.round - a.round);
  return {
    id: projection.id,
    projection,
    view,
    live: !!live,
    phase,
    phaseIndex: PHASES.indexOf(phase),
    year: projection.year,
    bloc: projection.bloc,
    plan: view.plan ?? projection.plan ?? null,
    deadlines:
      view.deadlines ??
      (projection.deadlines && Object.keys(projection.deadlines).length ? projection.deadlines : null),
    units,
    nameOf,
    myUnit,
    isHead: !!me.unitId && me.unitId === view.actingHeadUnitId,
    isDeputy: !!me.unitId && me.unitId === view.deputyUnitId,
    isCouncilMember: me.roles.includes('councilMember'),
    isSecretary: me.roles.includes('councilSecretary'),
    isAdmin: me.roles.includes('admin'),
    tasksOf: (unitId) => projection.tasks.filter((x) => x.unitId === unitId),
    taskOf: (unitId, kind) => projection.tasks.find((x) => x.unitId === unitId && x.kind === kind) ?? null,
    submissionOf: (unitId, kind) => projection.submissions.find((x) => x.unitId === unitId && x.kind === kind) ?? null,
    councilRound: (proposalId) => councilRounds(proposalId)[0] ?? null,
    scoreOf: (unitId) => projection.scoreSummaries.find((x) => x.unitId === unitId) ?? null,
    isPast: (p) => PHASES.indexOf(phase) > PHASES.indexOf(p),
    phaseIndexOf: (p) => PHASES.indexOf(p),
  };
}

// Which unit has voted is public; what it voted is not. Until the live view lists the voters
// (votedUnitIds), the tab remembers the ballots it cast itself, and an ALREADY_DONE answer.
const VOTED = 'thidua.voted';
const votedSet = () => new Set(JSON.parse(sessionStorage.getItem(VOTED) ?? '[]'));
export const rememberVote = (...parts) =>
  sessionStorage.setItem(VOTED, JSON.stringify([...votedSet().add(parts.join('|'))]));
export const hasVoted = (...parts) => votedSet().has(parts.join('|'));
