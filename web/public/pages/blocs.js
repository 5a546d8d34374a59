// Blocs and their history of yearly cycles (GET /api/blocs, which includes each bloc's cycles).
// The reader's own blocs first; the rest grouped by province.
import { badge, fill, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as session from '../lib/session.js';

const unitName = (bloc, id) => bloc.memberships.find((m) => m.unit.id === id)?.unit.name ?? '—';

function cycleLink(c) {
  const tab = c.phase === 'closed' ? 'results' : 'overview';
  return h(
    'a',
    { href: `#/cycle/${encodeURIComponent(c.id)}/${tab}` },
    c.phase === 'closed' ? t('viewResults') : t('open'),
  );
}

function blocCard(bloc, me) {
  const isHead = !!me.unitId && me.unitId === bloc.headUnitId;
  const running = bloc.cycles.filter((c) => c.phase !== 'closed');
  const nextYear = Math.max(new Date().getFullYear(), ...bloc.cycles.map((c) => c.year + 1));
  const headingId = `bloc-${bloc.code}`;
  return h(
    'section',
    { class: 'card bloc', 'aria-labelledby': headingId, 'data-bloc': bloc.code },
    h(
      'div',
      { class: 'card-head' },
      h('h2', { id: headingId }, bloc.name),
      h('span', { class: 'muted' }, bloc.province.name),
    ),
    h(
      'p',
      {},
      `${t('head')}: `,
      h('strong', {}, unitName(bloc, bloc.headUnitId)),
      ' · ',
      `${t('deputy')}: `,
      h('strong', {}, unitName(bloc, bloc.deputyUnitId)),
      ' · ',
      t('rotation'),
      ': ',
      t(`rotation.${bloc.rotationPolicy}`),
    ),
    h(
      'details',
      {},
      h('summary', {}, t('members', { n: bloc.memberships.length })),
      h(
        'ul',
        { class: 'members' },
        bloc.memberships.map((m) =>
          h('li', {}, m.unit.name, m.unit.id === me.unitId ? [' ', badge(t('yourUnit'), 'info')] : null),
        ),
      ),
    ),
    table({
      caption: t('cycleHistory'),
      columns: [
        { label: t('year'), rowHeader: true, render: (c) => String(c.year) },
        { label: t('phase'), render: (c) => badge(t(`phase.${c.phase}`), c.phase === 'closed' ? '' : 'info') },
        { label: h('span', { class: 'sr-only' }, t('actions')), render: cycleLink },
      ],
      rows: bloc.cycles,
      empty: t('noCycles'),
    }),
    h(
      'p',
      {},
      h('a', { href: `#/bloc/${encodeURIComponent(bloc.id)}/history` }, t('history.blocLink', { bloc: bloc.name })),
    ),
    isHead && running.length === 0
      ? h(
          'p',
          {},
          h(
            'a',
            { class: 'button primary', href: `#/bloc/${encodeURIComponent(bloc.id)}/start` },
            t('startCycleYear', { year: nextYear }),
          ),
        )
      : null,
  );
}

export async function blocsPage(main) {
  const me = session.current();
  const all = await api.blocs('?take=500');
  const mine = all.filter((b) => b.memberships.some((m) => m.unit.id === me.unitId));
  const others = all.filter((b) => !mine.includes(b));
  const provinces = [...new Map(others.map((b) => [b.province.code, b.province.name])).entries()];
  const content = [h('h1', {}, t('blocs.title'))];
  if (mine.length)
    content.push(
      h(
        'div',
        { class: 'blocs' },
        mine.map((b) => blocCard(b, me)),
      ),
    );
  if (others.length) {
    const list = h('div', { class: 'blocs' });
    const select = h(
      'select',
      { id: 'province-filter' },
      h('option', { value: '' }, t('allProvinces')),
      provinces.map(([code, name]) => h('option', { value: code }, name)),
    );
    const draw = () =>
      fill(
        list,
        ...others.filter((b) => !select.value || b.province.code === select.value).map((b) => blocCard(b, me)),
      );
    select.addEventListener('change', draw);
    draw();
    const body = [
      h('div', { class: 'field inline' }, h('label', { for: 'province-filter' }, t('province')), select),
      list,
    ];
    content.push(
      mine.length
        ? h('details', { class: 'other-blocs' }, h('summary', {}, t('otherBlocs', { n: others.length })), ...body)
        : h('div', {}, ...body),
    );
  }
  if (all.length === 0) content.push(h('p', {}, t('noBlocs')));
  fill(main, ...content);
}
