// The province's award year at a glance (GET /api/provinces/:id/years/:year): every bloc with its phase, head and
// deputy, members, ranking top, proposals by award kind and status, the council review, decisions and money; the
// province's totals; and the Excel workbook the emulation office sends upward and files
// (…/export.xlsx: rankings, award list, money totals). Readers: the admin, the province's council, the officers of
// its units. Routes:
//   #/province-year                         the provinces the reader may read (one: straight to it)
//   #/province/<provinceId>/year/<year>     one province's year
import { badge, card, dl, fill, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import { save } from '../components/documents.js';
import { currentYear } from './government-flag.js';
import { sessionLinks } from './province-session.js';

const BUCKETS = ['proposed', 'councilReview', 'approved', 'returned', 'rejected', 'onHold', 'revoked'];

export const provinceYearHref = (provinceId, year) => `#/province/${encodeURIComponent(provinceId)}/year/${year}`;
const overviewPath = (provinceId, year) => `/api/provinces/${encodeURIComponent(provinceId)}/years/${year}`;

/** The provinces the reader may read, from the blocs list ({ id, code, name }). */
async function provinces() {
  const byId = new Map();
  for (const b of await api.blocs('?take=500'))
    if (!byId.has(b.provinceId))
      byId.set(b.provinceId, { id: b.provinceId, code: b.province?.code ?? '', name: b.province?.name ?? '' });
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export async function provinceYearIndexPage(main) {
  const list = await provinces();
  const year = currentYear();
  if (list.length === 1) {
    location.replace(provinceYearHref(list[0].id, year));
    return;
  }
  fill(
    main,
    h('h1', {}, t('py.title')),
    h('p', { class: 'muted' }, t('py.intro')),
    card(
      t('py.provinces'),
      list.length
        ? h(
            'ul',
            {},
            list.map((p) =>
              h('li', {}, h('a', { href: provinceYearHref(p.id, year), 'data-province': p.code }, p.name)),
            ),
          )
        : h('p', { class: 'muted' }, t('py.noProvinces')),
    ),
  );
}

const unitName = (u) => (u ? u.name : '—');

function proposalsCell(b) {
  const kinds = Object.entries(b.proposals);
  if (!kinds.length) return h('span', { class: 'muted' }, t('py.noProposals'));
  return h(
    'ul',
    { class: 'plain' },
    kinds.map(([kind, counts]) =>
      h(
        'li',
        { 'data-award': kind },
        `${t(`award.${kind}`)}: `,
        BUCKETS.filter((s) => counts[s] > 0)
          .map((s) => `${counts[s]} ${t(`py.bucket.${s}`)}`)
          .join(', '),
      ),
    ),
  );
}

function decisionsCell(b) {
  if (!b.decisions.length) return h('span', { class: 'muted' }, '—');
  return h(
    'ul',
    { class: 'plain' },
    b.decisions.map((d) =>
      h(
        'li',
        { 'data-decision': d.decisionNumber },
        t('py.decision', { number: d.decisionNumber, date: fmt.date(d.decisionDate), n: d.awardees.length }),
        ' — ',
        d.awardees.map((u) => u.name).join('; '),
      ),
    ),
  );
}

function rankingCell(b) {
  if (!b.ranking.length) return h('span', { class: 'muted' }, '—');
  return h(
    'ul',
    { class: 'plain' },
    b.ranking.map((r) => h('li', {}, `${r.rank ?? '—'}. ${r.unit.name} (${fmt.points(r.finalTotal)})`)),
  );
}

function render(main, provinceId, year, o, sessions) {
  const button = h('button', { type: 'button', id: 'py-export' }, t('py.export'));
  button.addEventListener('click', () => void save(button, `${overviewPath(provinceId, year)}/export.xlsx`));
  const kinds = Object.entries(o.totals.awardsByKind);
  fill(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/province-year' }, t('py.title')), ' › ', o.province.name),
    h('div', { class: 'page-head' }, h('h1', {}, t('py.pageTitle', { province: o.province.name, year }))),
    h(
      'nav',
      { class: 'year-nav', 'aria-label': t('py.years') },
      year > 2024
        ? [h('a', { href: provinceYearHref(provinceId, year - 1) }, `‹ ${t('year')} ${year - 1}`), ' ']
        : null,
      h('a', { href: provinceYearHref(provinceId, year + 1) }, `${t('year')} ${year + 1} ›`),
    ),
    card(
      t('py.totals'),
      dl(
        [
          [t('py.blocs'), t('py.blocsOf', { n: o.totals.blocs, cycles: o.totals.cycles })],
          [t('py.awards'), String(o.totals.awards)],
          [t('py.money'), h('span', { id: 'py-money' }, fmt.money(o.totals.amountVnd))],
        ],
        { id: 'py-totals' },
      ),
      kinds.length
        ? table({
            caption: t('py.byKind'),
            columns: [
              { label: t('py.kind'), rowHeader: true, render: ([kind]) => t(`award.${kind}`) },
              { label: t('py.count'), className: 'num', render: ([, k]) => String(k.count) },
              { label: t('py.money'), className: 'num money', render: ([, k]) => fmt.money(k.amountVnd) },
            ],
            rows: kinds,
            rowAttrs: ([kind]) => ({ 'data-award': kind }),
          })
        : h('p', { class: 'muted' }, t('py.noAwards')),
      h('p', {}, button, ' ', h('span', { class: 'muted' }, t('py.exportHint'))),
    ),
    card(
      t('py.blocsTitle'),
      table({
        columns: [
          { label: t('py.bloc'), rowHeader: true, render: (b) => [b.bloc.name, h('br'), h('small', {}, b.bloc.code)] },
          {
            label: t('py.phase'),
            render: (b) =>
              b.phase
                ? h(
                    'a',
                    { href: `#/cycle/${encodeURIComponent(b.cycleId)}` },
                    badge(t(`phase.${b.phase}`), b.closed ? '' : 'info'),
                  )
                : h('span', { class: 'muted' }, t('py.noCycle')),
          },
          {
            label: t('py.leadership'),
            render: (b) =>
              b.head
                ? [`${t('py.head')}: ${unitName(b.head)}`, h('br'), `${t('py.deputy')}: ${unitName(b.deputy)}`]
                : '—',
          },
          { label: t('py.members'), className: 'num', render: (b) => String(b.members) },
          { label: t('py.leaders'), render: (b) => (b.leaders.length ? b.leaders.map((u) => u.name).join('; ') : '—') },
          { label: t('py.rankingTop'), render: rankingCell },
          { label: t('py.proposals'), render: proposalsCell },
          { label: t('py.council'), render: (b) => t(`py.council.${b.council.state}`) },
          { label: t('py.decisions'), render: decisionsCell },
          { label: t('py.money'), className: 'num money', render: (b) => fmt.money(b.amountVnd) },
        ],
        rows: o.blocs,
        rowAttrs: (b) => ({ 'data-bloc': b.bloc.code, 'data-phase': b.phase ?? 'none' }),
        empty: t('py.noBlocs'),
      }),
    ),
    sessions,
  );
}

export async function provinceYearPage(main, provinceId, year) {
  const [overview, sessions] = await Promise.all([
    api.get(overviewPath(provinceId, year)),
    sessionLinks(provinceId, year),
  ]);
  render(main, provinceId, year, overview, sessions);
}
