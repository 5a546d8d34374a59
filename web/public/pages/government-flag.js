// The Government emulation flag (Cờ thi đua của Chính phủ) of a province and year N (ND 152/2025):
// the council secretary (or admin) starts the selection among the bloc leaders, council members cast
// one secret yes/no ballot on every leader, the secretary closes the vote, records the letter to the
// Ministry of Home Affairs (by 30 June N+1) and each outcome (the Prime Minister's decision, or a
// return with legal grounds). Everyone logged in can read it. Routes:
//   #/government-flag                              the provinces, this year's selection of each
//   #/province/<provinceId>/government-flag/<year> one selection
import { badge, card, dl, fill, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import * as live from '../lib/live.js';
import * as session from '../lib/session.js';
import { FieldError, actForm, numberOf } from '../lib/forms.js';

const TONE = {
  draft: 'info',
  selected: 'ok',
  rejected: 'bad',
  submitted: 'info',
  approved: 'ok',
  returned: 'warn',
  onHold: 'warn',
};
const href = (provinceId, year) => `#/province/${encodeURIComponent(provinceId)}/government-flag/${year}`;

/** Today in Vietnam (the dates of letters and decisions), as YYYY-MM-DD. */
const vnToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

/** The year whose dossier is due next: until 30 June the previous year's, then this year's. */
export function currentYear() {
  const today = vnToday();
  return Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) <= 6 ? 1 : 0);
}

/** The selection, or null while it has not been started (404). */
async function loadSelection(provinceId, year) {
  try {
    return await api.governmentFlag(provinceId, year);
  } catch (err) {
    if (err.status === 404 && err.code === 'NOT_FOUND') return null;
    throw err;
  }
}

/** The provinces, from the blocs list ({ id, code, name }). */
async function provinces() {
  const byId = new Map();
  for (const b of await api.blocs('?take=500'))
    if (!byId.has(b.provinceId))
      byId.set(b.provinceId, {
        id: b.provinceId,
        code: b.province?.code ?? '',
        name: b.province?.name ?? b.provinceId,
      });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

// ─────────────────────────────────────────────────────────────── index

export async function governmentFlagIndexPage(main) {
  const year = currentYear();
  const list = await provinces();
  const selections = await Promise.all(list.map((p) => loadSelection(p.id, year).catch(() => null)));
  const rows = list.map((p, i) => ({ ...p, selection: selections[i] }));
  fill(
    main,
    h('h1', {}, t('gf.title')),
    h('p', { class: 'muted' }, t('gf.intro')),
    card(
      t('gf.provinces', { year }),
      table({
        columns: [
          {
            label: t('gf.province'),
            rowHeader: true,
            render: (p) => h('a', { href: href(p.id, year), 'data-province': p.code }, p.name),
          },
          {
            label: t('gf.phase'),
            render: (p) =>
              p.selection
                ? badge(t(`gf.phase.${p.selection.phase}`), p.selection.phase === 'closed' ? '' : 'info')
                : h('span', { class: 'muted' }, t('gf.notStarted')),
          },
          { label: t('gf.quota'), className: 'num', render: (p) => (p.selection ? String(p.selection.quota) : '—') },
          { label: t('gf.deadline'), render: (p) => fmt.date(p.selection?.deadlineDate ?? `${year + 1}-06-30`) },
        ],
        rows,
        empty: t('gf.noProvinces'),
      }),
    ),
  );
}

// ─────────────────────────────────────────────────────────────── one selection

function rolesOf(me, view) {
  const inCouncil = !!view && (me.councilIds ?? []).includes(view.councilId);
  return {
    isAdmin: me.roles.includes('admin'),
    isMember: inCouncil && me.roles.includes('councilMember'),
    isSecretary: inCouncil && me.roles.includes('councilSecretary'),
  };
}

const send = (view, path) => (body, key) => api.governmentFlagAct(view.workflowId, path, body, key);

function startForm(provinceId, year) {
  const f = actForm({
    id: 'gf-start',
    title: t('gf.startTitle'),
    titleLevel: 'h2',
    intro: t('gf.startIntro'),
    submitLabel: t('gf.start'),
    okText: (res) => t('ok.gfStarted', { candidates: res.candidates, quota: res.quota }),
    collect: () => ({ year: numberOf(yearInput) }),
    send: (body, key) => api.startGovernmentFlag(provinceId, body, key),
    onDone: (res, form) =>
      res.year === year ? live.refreshSoon(res, form) : (location.hash = href(provinceId, res.year)),
  });
  const yearInput = f.field({
    name: 'year',
    label: t('year'),
    type: 'number',
    value: year,
    min: 2024,
    max: 2100,
    step: 1,
    required: true,
  });
  return h('section', { class: 'card' }, f.form);
}

/** One secret ballot: yes / no on every leader still in the vote (not held nor disqualified), sent once. */
function ballotForm(view) {
  const choices = [];
  const onBallot = view.candidates.filter((c) => c.status === 'draft');
  const f = actForm({
    id: 'gf-ballot',
    title: t('gf.ballotTitle'),
    titleLevel: 'h2',
    intro: t('gf.ballotIntro', { n: onBallot.length }),
    submitLabel: t('gf.castBallot'),
    okText: t('ok.gfVote'),
    collect: () => {
      const votes = [];
      const missing = [];
      for (const [i, { candidate, fieldset }] of choices.entries()) {
        const picked = fieldset.querySelector('input:checked')?.value;
        if (!picked) missing.push({ path: ['votes', i, 'approve'], message: t('gf.chooseOne') });
        else votes.push({ unitId: candidate.unit.id, approve: picked === 'yes' });
      }
      if (missing.length) throw new FieldError(missing);
      return { votes };
    },
    send: send(view, '/votes'),
    onDone: live.refreshSoon,
  });
  for (const [i, c] of onBallot.entries()) {
    const fieldset = f.field({
      type: 'radios',
      name: `approve-${c.unit.id}`,
      path: ['votes', i],
      label: `${c.unit.name} — ${c.bloc.name}`,
      options: [
        ['yes', t('gf.yes')],
        ['no', t('gf.no')],
      ],
    });
    fieldset.dataset.unit = c.unit.code;
    choices.push({ candidate: c, fieldset });
  }
  return h('section', { class: 'card' }, f.form);
}

function closeForm(view) {
  const voted = Math.max(0, ...view.candidates.map((c) => c.vote?.voted ?? 0));
  const f = actForm({
    id: 'gf-close',
    title: t('gf.closeTitle'),
    titleLevel: 'h2',
    intro: t('gf.closeIntro', { n: voted, total: view.councilMembers }),
    submitLabel: t('gf.close'),
    okText: t('ok.gfClosed'),
    collect: () => ({}),
    send: send(view, '/close'),
    onDone: live.refreshSoon,
  });
  return h('section', { class: 'card' }, f.form);
}

function submissionForm(view) {
  const f = actForm({
    id: 'gf-submission',
    title: t('gf.submissionTitle'),
    titleLevel: 'h2',
    intro: t('gf.submissionIntro', { date: fmt.date(view.deadlineDate) }),
    submitLabel: t('gf.submit'),
    okText: t('ok.gfSubmitted'),
    collect: () => ({ letterNumber: number.value.trim(), letterDate: date.value }),
    send: send(view, '/submission'),
    onDone: live.refreshSoon,
  });
  const number = f.field({
    name: 'letterNumber',
    label: t('gf.letterNumber'),
    hint: t('gf.letterNumberHint'),
    required: true,
  });
  const date = f.field({
    name: 'letterDate',
    label: t('gf.letterDate'),
    type: 'date',
    value: vnToday(),
    required: true,
  });
  return h('section', { class: 'card' }, f.form);
}

function outcomeForm(view, c) {
  const f = actForm({
    id: `gf-outcome-${c.unit.code}`,
    title: t('gf.outcomeTitle', { unit: c.unit.name }),
    submitLabel: t('gf.recordOutcome'),
    okText: t('ok.gfOutcome', { unit: c.unit.name }),
    collect: () => ({
      unitId: c.unit.id,
      outcome: outcome.value,
      ...(outcome.value === 'decided'
        ? {
            ...(number.value.trim() ? { decisionNumber: number.value.trim() } : {}),
            ...(date.value ? { decisionDate: date.value } : {}),
          }
        : grounds.value.trim()
          ? { legalGrounds: grounds.value.trim() }
          : {}),
    }),
    send: send(view, '/outcome'),
    onDone: live.refreshSoon,
  });
  const outcome = f.field({
    name: 'outcome',
    label: t('gf.outcome'),
    type: 'select',
    options: [
      ['decided', t('gf.outcome.decided')],
      ['returned', t('gf.outcome.returned')],
    ],
  });
  const number = f.field({ name: 'decisionNumber', label: t('gf.decisionNumber'), hint: t('gf.decisionNumberHint') });
  const date = f.field({ name: 'decisionDate', label: t('gf.decisionDate'), type: 'date', value: vnToday() });
  const grounds = f.field({
    name: 'legalGrounds',
    label: t('gf.legalGrounds'),
    type: 'textarea',
    rows: 2,
    hint: t('gf.legalGroundsHint'),
  });
  return h('section', { class: 'card', 'data-outcome': c.unit.code }, f.form);
}

const HOLD_KINDS = ['investigation', 'discipline', 'complaint', 'pressAllegation', 'inspection'];
const unitOption = (c) => [c.unit.id, `${c.unit.name} — ${c.bloc.name}`];
const unitName = (list, unitId) => list.find((c) => c.unit.id === unitId)?.unit.name ?? unitId;

/**
 * A leader under investigation, inspection or discipline is put on hold, never rejected for it
 * (ND 152/2025 Art. 4(4)): only a draft or selected one, before the dossier leaves the province.
 */
function holdForm(view, holdable) {
  const f = actForm({
    id: 'gf-hold',
    title: t('gf.holdTitle'),
    titleLevel: 'h2',
    intro: t('gf.holdIntro'),
    submitLabel: t('hold.putSubmit'),
    okText: () => t('ok.gfHeld', { unit: unitName(holdable, unit.value) }),
    collect: () => ({ unitId: unit.value, kind: kind.value, reason: reason.value.trim() }),
    send: send(view, '/holds'),
    onDone: live.refreshSoon,
  });
  const unit = f.field({ name: 'unitId', label: t('unit'), type: 'select', options: holdable.map(unitOption) });
  const kind = f.field({
    name: 'kind',
    label: t('hold.kind'),
    type: 'select',
    options: HOLD_KINDS.map((k) => [k, t(`holdKind.${k}`)]),
  });
  const reason = f.field({
    name: 'reason',
    label: t('reason'),
    type: 'textarea',
    rows: 2,
    hint: t('gf.holdReasonHint'),
    required: true,
  });
  return h('section', { class: 'card' }, f.form);
}

/** The matter concluded: cleared → back to its status (or judged on its ballot), disciplined → rejected. */
function resolveHoldForm(view, held) {
  const f = actForm({
    id: 'gf-resolve-hold',
    title: t('gf.resolveTitle'),
    titleLevel: 'h2',
    intro: t('gf.resolveIntro'),
    submitLabel: t('hold.resolveSubmit'),
    okText: () => t('ok.gfHoldResolved', { unit: unitName(held, unit.value) }),
    collect: () => ({ unitId: unit.value, outcome: outcome.value, reason: reason.value.trim() }),
    send: send(view, '/holds/resolve'),
    onDone: live.refreshSoon,
  });
  const unit = f.field({ name: 'unitId', label: t('unit'), type: 'select', options: held.map(unitOption) });
  const outcome = f.field({
    name: 'outcome',
    label: t('hold.outcome'),
    type: 'select',
    options: [
      ['cleared', t('hold.cleared')],
      ['disciplined', t('hold.disciplined')],
    ],
  });
  const reason = f.field({
    name: 'reason',
    label: t('reason'),
    type: 'textarea',
    rows: 2,
    hint: t('gf.resolveReasonHint'),
    required: true,
  });
  return h('section', { class: 'card' }, f.form);
}

/** The vote column: while voting only how many have voted; after the close the yes-share and rank. */
function voteCell(c) {
  const v = c.vote;
  if (!v) return '—';
  const r = v.result;
  if (!r) return t('gf.votedOf', { n: v.voted, total: v.eligibleVoters });
  return [
    h('span', {}, t('gf.yesOf', { yes: r.yes ?? 0, base: r.base, share: fmt.percent(r.share) })),
    r.rank ? h('div', { class: 'muted small' }, t('gf.rank', { n: r.rank })) : null,
  ];
}

/** Ballot verdicts with their own wording; any other rejection (disqualified, not submitted) shows the workflow's reason. */
const BALLOT_REASONS = ['belowThreshold', 'overQuota', 'lapsed'];

function statusCell(c) {
  const reason = c.vote?.result?.reason;
  const because =
    c.status === 'rejected' && BALLOT_REASONS.includes(reason)
      ? t(`gf.reason.${reason}`)
      : c.status === 'returned' || c.status === 'onHold' || c.status === 'rejected'
        ? c.reason
        : null;
  return [badge(t(`gf.status.${c.status}`), TONE[c.status]), because ? h('div', { class: 'small' }, because) : null];
}

function decisionCell(c) {
  const d = c.decision;
  if (!d) return '—';
  return [
    h('span', {}, `${d.decisionNumber} · ${fmt.date(d.decisionDate)}`),
    h('div', { class: 'muted small' }, `${d.signer} · ${fmt.money(d.amountVnd)}`),
  ];
}

function render(main, data, me) {
  const { provinceId, year, province, view } = data;
  const roles = rolesOf(me, view);
  const canRun = roles.isAdmin || roles.isSecretary;
  const name = view?.province?.name ?? province?.name ?? provinceId;
  const deadline = view?.deadlineDate ?? `${year + 1}-06-30`;
  const roleBadges = [roles.isMember ? t('councilMember') : null, roles.isSecretary ? t('councilSecretary') : null]
    .filter(Boolean)
    .map((r) => badge(r, 'role'));
  const content = [];
  if (!view) {
    content.push(card(t('gf.notStartedTitle'), h('p', {}, t('gf.notStartedText', { year, date: fmt.date(deadline) }))));
    // The start is offered to the admin and secretaries; the API says whether this province's.
    if (me.roles.includes('admin') || me.roles.includes('councilSecretary')) content.push(startForm(provinceId, year));
  } else {
    const approved = view.candidates.filter((c) => c.status === 'approved');
    content.push(
      card(
        t('gf.summary'),
        dl([
          [t('gf.phase'), t(`gf.phase.${view.phase}`)],
          [
            t('gf.quota'),
            t('gf.quotaOf', { quota: view.quota, share: fmt.percent(view.quotaShare), n: view.candidates.length }),
          ],
          [t('gf.threshold'), t('gf.thresholdText', { n: view.councilMembers })],
          [
            t('gf.deadline'),
            [
              fmt.date(view.deadlineDate),
              view.phase === 'voting' || view.phase === 'submission'
                ? h('span', { class: 'muted' }, ` (${fmt.dueIn(`${view.deadlineDate}T16:59:59Z`)})`)
                : null,
            ],
          ],
          view.submission
            ? [
                t('gf.submission'),
                t('gf.letter', { number: view.submission.letterNumber, date: fmt.date(view.submission.letterDate) }),
              ]
            : null,
          approved.length
            ? [
                t('gf.awarded'),
                h(
                  'ul',
                  { id: 'gf-awarded' },
                  approved.map((c) =>
                    h('li', { 'data-unit': c.unit.code }, `${c.unit.name} — ${c.decision?.decisionNumber ?? ''}`),
                  ),
                ),
              ]
            : null,
        ]),
      ),
    );
    content.push(
      card(
        t('gf.leaders'),
        table({
          caption: view.phase === 'voting' ? t('gf.secretNote') : null,
          columns: [
            { label: t('unit'), rowHeader: true, render: (c) => c.unit.name },
            { label: t('gf.bloc'), render: (c) => c.bloc.name },
            { label: t('score'), className: 'num', render: (c) => fmt.points(c.score) },
            { label: t('gf.votes'), render: voteCell },
            { label: t('status'), render: statusCell },
            { label: t('gf.decision'), render: decisionCell },
          ],
          rows: view.candidates,
          rowAttrs: (c) => ({ 'data-unit': c.unit.code, 'data-status': c.status }),
        }),
      ),
    );
    if (roles.isMember && view.phase === 'voting') {
      if (view.youVoted) content.push(h('p', { class: 'state ok', id: 'gf-voted' }, t('gf.youVoted')));
      else if (view.candidates.some((c) => c.status === 'draft')) content.push(ballotForm(view));
      else content.push(h('p', { class: 'state', id: 'gf-all-held' }, t('gf.allHeld')));
    }
    if (canRun && view.phase === 'voting') content.push(closeForm(view));
    // Holds (ND 152/2025 Art. 4(4)): a draft or selected leader until the letter goes; a held one until resolved.
    const holdable =
      view.phase === 'voting' || view.phase === 'submission'
        ? view.candidates.filter((c) => c.status === 'draft' || c.status === 'selected')
        : [];
    const held = view.candidates.filter((c) => c.status === 'onHold');
    if (canRun && holdable.length) content.push(holdForm(view, holdable));
    if (canRun && held.length) content.push(resolveHoldForm(view, held));
    if (canRun && view.phase === 'submission') content.push(submissionForm(view));
    if (canRun && view.phase === 'outcome')
      content.push(...view.candidates.filter((c) => c.status === 'submitted').map((c) => outcomeForm(view, c)));
  }
  fill(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/government-flag' }, t('gf.title')), ' › ', name),
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('gf.pageTitle', { province: name, year })),
      h(
        'div',
        { class: 'head-badges' },
        view ? badge(t(`gf.phase.${view.phase}`), view.phase === 'closed' ? '' : 'info') : badge(t('gf.notStarted')),
        roleBadges,
      ),
    ),
    h(
      'nav',
      { class: 'year-nav', 'aria-label': t('gf.years') },
      year > 2024 ? [h('a', { href: href(provinceId, year - 1) }, `‹ ${t('year')} ${year - 1}`), ' '] : null,
      h('a', { href: href(provinceId, year + 1) }, `${t('year')} ${year + 1} ›`),
    ),
    ...content,
  );
}

export async function governmentFlagPage(main, provinceId, year) {
  const me = session.current();
  const province = (await provinces()).find((p) => p.id === provinceId) ?? null;
  const load = async () => ({ provinceId, year, province, view: await loadSelection(provinceId, year) });
  const data = await load();
  if (!data.view && !province) throw Object.assign(new Error(t('gf.noProvince')), { localized: true });
  render(main, data, me);
  live.watch({ load, render: (next) => render(main, next, me), root: main, data });
}
