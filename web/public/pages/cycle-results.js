// Results of the year (GET /api/cycles/:id/results): the ranking (table + chart by criteria group),
// the contests' outcomes, the awards with their decisions, the official documents and the handover
// to next year's cycle.
import { badge, card, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as fmt from '../lib/format.js';
import { scoreChart } from '../components/score-chart.js';
import { documentsCard } from '../components/documents.js';
import * as session from '../lib/session.js';

export const AWARD_TONE = {
  submitted: 'info',
  approved: 'ok',
  returned: 'warn',
  rejected: 'bad',
  onHold: 'warn',
  disqualified: 'bad',
  revoked: 'bad',
};
const AWARD_ORDER = { 'emulation-flag': 0, 'government-flag': 1, 'certificate-of-merit': 2 };

/**
 * A unit's name, linking to its history across years when the reader may read it (the API's read
 * scope: the admin, the council, and a unit's own officers); otherwise the name alone.
 */
export function unitLink(unit) {
  const me = session.current();
  const readsAll = session.hasRole('admin') || session.hasRole('councilMember') || session.hasRole('councilSecretary');
  if (me && !readsAll && me.unitId !== unit.id) return h('span', { 'data-unit': unit.id }, unit.name);
  return h('a', { href: `#/unit/${encodeURIComponent(unit.id)}/history`, 'data-unit-link': unit.id }, unit.name);
}

/** "01/QĐ-UBND · 15/01/2027", struck through with the revocation when revoked. */
export function decisionText(d) {
  if (!d) return '—';
  const text = `${d.decisionNumber} · ${fmt.date(d.decisionDate)}`;
  return d.revoked
    ? [
        h('s', {}, text),
        h(
          'div',
          { class: 'small bad-text' },
          t('results.revoked', { number: d.revoked.number ?? '', date: fmt.date(d.revoked.on) }),
        ),
      ]
    : text;
}

export const awardName = (type) => [
  type === 'emulation-flag' ? h('span', { class: 'flag', 'aria-hidden': 'true' }, '⚑ ') : null,
  t(`award.${type}`),
];

function rankingCard(r) {
  const rows = r.ranking;
  if (rows.length === 0) return card(t('results.ranking'), h('p', {}, t('results.noScores')));
  const groups = rows[0].groups ?? [];
  return h(
    'section',
    { class: 'card', id: 'ranking', 'aria-labelledby': 'ranking-title' },
    h('h2', { id: 'ranking-title' }, t('results.ranking')),
    table({
      caption: t('results.rankingCaption'),
      className: 'ranking',
      columns: [
        { label: t('rank'), className: 'num', render: (x) => String(x.rank ?? '—') },
        { label: t('unit'), rowHeader: true, render: (x) => unitLink(x.unit) },
        ...groups.map((g, gi) => ({
          label: h('abbr', { title: g.name }, t('results.groupShort', { n: gi + 1 })),
          className: 'num',
          render: (x) => `${fmt.points(x.groups[gi]?.final)} / ${fmt.points(g.maxPoints)}`,
        })),
        { label: t('results.bonus'), className: 'num', render: (x) => fmt.points(x.bonus) },
        {
          label: t('results.penalty'),
          className: 'num',
          render: (x) => (x.penalty ? `−${fmt.points(x.penalty)}` : '0'),
        },
        { label: t('results.final'), className: 'num strong', render: (x) => fmt.points(x.finalTotal) },
      ],
      rows,
      rowAttrs: (x) => ({ 'data-unit': x.unit.id }),
    }),
    groups.length
      ? h(
          'ol',
          { class: 'group-key small muted', 'aria-label': t('results.groups') },
          groups.map((g) => h('li', {}, g.name)),
        )
      : null,
    scoreChart(rows),
  );
}

function contestsList(r) {
  const decided = r.contests.filter((c) => c.decided);
  if (!decided.length) return null;
  return h(
    'ul',
    { class: 'contest-results' },
    decided.map((c) =>
      h(
        'li',
        { 'data-contest': c.contest },
        h('strong', {}, `${t(`contest.${c.contest}`)}: `),
        c.decided.winners.length ? c.decided.winners.map((u) => u.name).join(', ') : t('noWinner'),
        c.decided.decidedBy
          ? h(
              'span',
              { class: 'muted' },
              ` (${t(`decidedBy.${c.decided.decidedBy}`)}, ${t('contest.rounds', { n: c.rounds.length })})`,
            )
          : null,
      ),
    ),
  );
}

function awardsCard(m, r) {
  const proposals = [...r.proposals].sort((a, b) => (AWARD_ORDER[a.awardType] ?? 9) - (AWARD_ORDER[b.awardType] ?? 9));
  return h(
    'section',
    { class: 'card', id: 'awards', 'aria-labelledby': 'awards-title' },
    h('h2', { id: 'awards-title' }, t('results.awards')),
    contestsList(r),
    table({
      caption: t('results.awardsCaption'),
      columns: [
        { label: t('award'), rowHeader: true, render: (p) => awardName(p.awardType) },
        { label: t('unit'), render: (p) => unitLink(p.unit) },
        { label: t('status'), render: (p) => badge(t(`proposal.${p.status}`), AWARD_TONE[p.status]) },
        { label: t('council.decisionNumber'), render: (p) => decisionText(p.decision) },
        {
          label: t('council.amount'),
          className: 'num',
          render: (p) => (p.decision ? fmt.money(p.decision.amountVnd) : '—'),
        },
      ],
      rows: proposals,
      rowAttrs: (p) => ({ 'data-award': p.awardType, 'data-status': p.status, 'data-unit': p.unit.id }),
      empty: m.phaseIndex < m.phaseIndexOf('council') ? t('results.awardsLater') : t('council.none'),
    }),
  );
}

function nextYearCard(m) {
  const handover =
    m.view.handover ??
    (m.projection.result?.nextYearWorkflowId
      ? {
          headUnitId: m.projection.result.nextHead,
          deputyUnitId: m.projection.result.nextDeputy,
          nextYearWorkflowId: m.projection.result.nextYearWorkflowId,
        }
      : null);
  if (!handover) return null;
  return h(
    'section',
    { class: 'card', id: 'next-year', 'aria-labelledby': 'next-year-title' },
    h('h2', { id: 'next-year-title' }, t('results.nextYear', { year: m.year + 1 })),
    h(
      'p',
      {},
      `${t('head')}: `,
      h('strong', {}, m.nameOf(handover.headUnitId)),
      ' · ',
      `${t('deputy')}: `,
      h('strong', {}, m.nameOf(handover.deputyUnitId)),
    ),
    h(
      'p',
      {},
      `${t('results.nextCycle')}: `,
      h(
        'a',
        {
          href: `#/cycle/${encodeURIComponent(handover.nextYearWorkflowId)}/overview`,
          'data-cycle': handover.nextYearWorkflowId,
        },
        handover.nextYearWorkflowId,
      ),
    ),
  );
}

export function resultsTab(m) {
  const r = m.results;
  return h(
    'div',
    { class: 'results' },
    r ? rankingCard(r) : card(t('results.ranking'), h('p', {}, t('results.noScores'))),
    r ? awardsCard(m, r) : null,
    documentsCard(m.documents, { canNumber: m.isHead }),
    nextYearCard(m),
    h(
      'p',
      { class: 'history-links' },
      h(
        'a',
        { href: `#/bloc/${encodeURIComponent(m.projection.blocId)}/history` },
        t('history.blocLink', { bloc: m.bloc.name }),
      ),
    ),
  );
}
