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
import { decisionCell, statusCell, voteCell } from './government-flag-cells.js';
import {
  ballotForm,
  closeForm,
  holdForm,
  href,
  outcomeForm,
  resolveHoldForm,
  startForm,
  submissionForm,
  vnToday,
} from './government-flag-forms.js';

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
