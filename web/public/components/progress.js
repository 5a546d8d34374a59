// Who has and has not submitted, per phase: one row per member unit.
import { badge, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as fmt from '../lib/format.js';

const TONE = { none: 'warn', submitted: 'info', accepted: 'ok', returned: 'bad' };

/** The unit's status in one phase, as a badge. `done` = the status that completes the phase. */
function cell(model, unit, phase, status, done) {
  if (model.phaseIndex < model.phaseIndexOf(phase)) return h('span', { class: 'muted' }, '—');
  const late = unit.late.includes(phase);
  const label = status === 'submitted' && done === 'submitted' ? t('progress.done') : t(`progress.${status}`);
  const tone = status === done ? 'ok' : status === 'none' && model.isPast(phase) ? 'bad' : TONE[status];
  const task = model.taskOf(unit.unitId, phase);
  return h(
    'span',
    { class: 'cell-status' },
    badge(label, tone),
    late ? badge(t('late'), 'bad') : null,
    task && task.status === 'open' && task.remindersSent > 0
      ? h('span', { class: 'muted small' }, t('remindedTimes', { n: task.remindersSent }))
      : null,
  );
}

function votedCell(model, unit) {
  if (model.phase !== 'voting') return h('span', { class: 'muted' }, '—');
  const open = model.view.contests.find((c) => c.status === 'open');
  if (!open) return h('span', { class: 'muted' }, '—');
  if (!model.view.meeting?.presentUnitIds.includes(unit.unitId)) return badge(t('absent'), 'warn');
  // The live view lists who voted only if the API provides it (votedUnitIds); never what.
  if (Array.isArray(open.votedUnitIds))
    return open.votedUnitIds.includes(unit.unitId) ? badge(t('voted'), 'ok') : badge(t('notVoted'), 'warn');
  return h('span', { class: 'muted' }, '…');
}

export function progressTable(model) {
  const role = (u) =>
    u.unitId === model.view.actingHeadUnitId
      ? ` (${t('head')})`
      : u.unitId === model.view.deputyUnitId
        ? ` (${t('deputy')})`
        : '';
  const count = (key, done) => model.units.filter((u) => u[key] === done).length;
  const columns = [
    { label: t('unit'), rowHeader: true, render: (u) => [u.name, h('span', { class: 'muted' }, role(u))] },
    { label: t('phase.pledge'), render: (u) => cell(model, u, 'pledge', u.pledge, 'accepted') },
    { label: t('phase.midYear'), render: (u) => cell(model, u, 'midYear', u.midYear, 'submitted') },
    { label: t('phase.selfScoring'), render: (u) => cell(model, u, 'selfScoring', u.selfScore, 'submitted') },
    { label: t('ballotColumn'), render: (u) => votedCell(model, u) },
    { label: t('score'), className: 'num', render: (u) => fmt.points(u.finalTotal) },
    { label: t('rank'), className: 'num', render: (u) => u.rank ?? '—' },
    {
      label: t('notes'),
      render: (u) => [
        u.hold !== 'none' ? badge(t(`hold.${u.hold}`), 'bad') : null,
        u.penaltyPoints > 0 ? badge(t('penaltyPoints', { n: fmt.points(u.penaltyPoints) }), 'warn') : null,
      ],
    },
  ];
  const total = model.units.length;
  const summary = h(
    'p',
    { class: 'progress-summary' },
    [
      ['pledge', 'accepted'],
      ['midYear', 'submitted'],
      ['selfScore', 'submitted'],
    ].map(([key, done], i) =>
      h(
        'span',
        {},
        `${t(['phase.pledge', 'phase.midYear', 'phase.selfScoring'][i])}: `,
        h('strong', {}, `${count(key, done)}/${total}`),
      ),
    ),
  );
  return h(
    'div',
    { class: 'progress' },
    summary,
    table({
      caption: t('progressCaption'),
      columns,
      rows: model.units,
      rowAttrs: (u) => ({ 'data-unit': u.unitId }),
      className: 'progress-table',
    }),
  );
}
