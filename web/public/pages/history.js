// History across years, read from the database projection:
//   #/history               where to look: the reader's unit and the blocs
//   #/bloc/<id>/history     a bloc year by year (GET /api/blocs/:id/history): head, deputy, leading unit, awards, handover
//   #/unit/<id>/history     a unit year by year (GET /api/units/:id/history): bloc, role, rank, score, awards, holds
import { badge, card, fill, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import * as session from '../lib/session.js';
import { AWARD_TONE, awardName, decisionText, unitLink } from './cycle-results.js';

const cycleLink = (y) =>
  h(
    'a',
    {
      href: `#/cycle/${encodeURIComponent(y.cycleId)}/${y.phase === 'closed' ? 'results' : 'overview'}`,
      'data-cycle': y.cycleId,
    },
    String(y.year),
  );
const blocLink = (bloc) => h('a', { href: `#/bloc/${encodeURIComponent(bloc.id)}/history` }, bloc.name);
const phaseBadge = (phase) => badge(t(`phase.${phase}`), phase === 'closed' ? '' : 'info');

/** Awards of one year as a list: "⚑ Cờ thi đua — Unit (Đã phê duyệt, 01/QĐ-UBND · 15/01/2027)". */
function awardsList(awards, withUnit) {
  if (!awards.length) return h('span', { class: 'muted' }, '—');
  return h(
    'ul',
    { class: 'plain' },
    awards.map((a) =>
      h(
        'li',
        { 'data-award': a.awardType, 'data-status': a.status },
        awardName(a.awardType),
        withUnit ? [' — ', unitLink(a.unit)] : null,
        ' ',
        badge(t(`proposal.${a.status}`), AWARD_TONE[a.status]),
        a.decision ? h('div', { class: 'small muted' }, decisionText(a.decision)) : null,
      ),
    ),
  );
}

export async function historyIndexPage(main) {
  const me = session.current();
  const blocs = await api.blocs('?take=500');
  const mine = blocs.filter((b) => b.memberships.some((m) => m.unit.id === me.unitId));
  const myUnit = mine.flatMap((b) => b.memberships).find((m) => m.unit.id === me.unitId)?.unit;
  const byProvince = [...new Map(blocs.map((b) => [b.province.code, b.province.name])).entries()];
  fill(
    main,
    h('h1', {}, t('history.title')),
    h('p', { class: 'muted' }, t('history.intro')),
    myUnit
      ? card(
          t('history.myUnit'),
          h('p', {}, h('a', { href: `#/unit/${encodeURIComponent(myUnit.id)}/history` }, myUnit.name)),
        )
      : null,
    mine.length
      ? card(
          t('history.myBlocs'),
          h(
            'ul',
            {},
            mine.map((b) => h('li', { 'data-bloc': b.code }, blocLink(b))),
          ),
        )
      : null,
    card(
      t('history.allBlocs'),
      byProvince.map(([code, name]) =>
        h(
          'section',
          { class: 'province', 'aria-label': name },
          h('h3', {}, name),
          h(
            'ul',
            {},
            blocs.filter((b) => b.province.code === code).map((b) => h('li', { 'data-bloc': b.code }, blocLink(b))),
          ),
        ),
      ),
    ),
  );
}

export async function blocHistoryPage(main, blocId) {
  const data = await api.blocHistory(blocId);
  const { bloc, years } = data;
  fill(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/history' }, t('nav.history')), ' › ', bloc.name),
    h('h1', {}, t('history.blocTitle', { bloc: bloc.name })),
    h(
      'p',
      {},
      `${t('province')}: ${bloc.province.name} · ${t('head')}: `,
      bloc.head ? unitLink(bloc.head) : '—',
      ` · ${t('deputy')}: `,
      bloc.deputy ? unitLink(bloc.deputy) : '—',
      ` · ${t('rotation')}: ${t(`rotation.${bloc.rotationPolicy}`)}`,
    ),
    h(
      'section',
      { class: 'card', id: 'bloc-history', 'aria-labelledby': 'bloc-history-title' },
      h('h2', { id: 'bloc-history-title' }, t('cycleHistory')),
      table({
        caption: t('history.blocCaption'),
        columns: [
          { label: t('year'), rowHeader: true, render: cycleLink },
          { label: t('phase'), render: (y) => phaseBadge(y.phase) },
          { label: t('head'), render: (y) => unitLink(y.head) },
          { label: t('deputy'), render: (y) => unitLink(y.deputy) },
          {
            label: t('history.leader'),
            className: 'leader',
            render: (y) => (y.leader.length ? y.leader.map((u, i) => [i ? ', ' : '', unitLink(u)]) : '—'),
          },
          { label: t('results.awards'), render: (y) => awardsList(y.awards, true) },
          {
            label: t('history.handover'),
            render: (y) =>
              y.handover
                ? [t('history.handoverTo', { year: y.handover.toYear }), ' ', unitLink(y.handover.newHead)]
                : '—',
          },
        ],
        rows: years,
        rowAttrs: (y) => ({ 'data-year': y.year }),
        empty: t('noCycles'),
      }),
    ),
  );
}

export async function unitHistoryPage(main, unitId) {
  const data = await api.unitHistory(unitId);
  const { unit, years, memberships } = data;
  const holdText = (x) =>
    `${t(`holdKind.${x.kind}`)}: ${x.reason ?? '—'} (${fmt.date(x.openedOn)}${x.closedOn ? ` – ${fmt.date(x.closedOn)}` : ''})`;
  fill(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/history' }, t('nav.history')), ' › ', unit.name),
    h('h1', {}, t('history.unitTitle', { unit: unit.name })),
    h(
      'p',
      {},
      `${t('province')}: ${unit.province?.name ?? '—'}`,
      unit.successor ? [' · ', t('history.successor'), ': ', unitLink(unit.successor)] : null,
    ),
    memberships.length
      ? card(
          t('history.memberships'),
          h(
            'ul',
            {},
            memberships.map((ms) =>
              h(
                'li',
                {},
                blocLink(ms.bloc),
                ` (${fmt.date(ms.joinedOn)} – ${ms.leftOn ? fmt.date(ms.leftOn) : t('history.now')})`,
              ),
            ),
          ),
        )
      : null,
    h(
      'section',
      { class: 'card', id: 'unit-history', 'aria-labelledby': 'unit-history-title' },
      h('h2', { id: 'unit-history-title' }, t('history.years')),
      table({
        caption: t('history.unitCaption'),
        columns: [
          { label: t('year'), rowHeader: true, render: cycleLink },
          { label: t('history.bloc'), render: (y) => blocLink(y.bloc) },
          {
            label: t('history.role'),
            render: (y) => t(y.role === 'head' ? 'head' : y.role === 'deputy' ? 'deputy' : 'memberUnit'),
          },
          { label: t('rank'), className: 'num', render: (y) => (y.rank === null ? '—' : String(y.rank)) },
          { label: t('results.final'), className: 'num', render: (y) => fmt.points(y.finalScore) },
          { label: t('results.awards'), render: (y) => awardsList(y.awards, false) },
          {
            label: t('history.holds'),
            render: (y) => (y.holds.length ? y.holds.map((x) => h('div', { class: 'small' }, holdText(x))) : '—'),
          },
        ],
        rows: years,
        rowAttrs: (y) => ({ 'data-year': y.year }),
        empty: t('noCycles'),
      }),
    ),
  );
}
