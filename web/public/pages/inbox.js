// The unit's tasks across its blocs and years (GET /api/me/tasks): due dates, reminders, status.
import { badge, fill, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import * as live from '../lib/live.js';

/** Where a task is done: the unit's forms, the meeting, or the head's dashboard. */
const TAB_OF = {
  pledge: 'unit',
  midYear: 'unit',
  selfScoring: 'unit',
  voting: 'meeting',
  review: 'overview',
  handover: 'overview',
};
const TONE = { open: 'warn', done: 'ok', late: 'bad', cancelled: '' };

function render(main, tasks) {
  const open = tasks.filter((x) => x.status === 'open');
  const past = tasks.filter((x) => x.status !== 'open');
  const columns = [
    {
      label: t('task'),
      rowHeader: true,
      render: (x) => [
        h('span', {}, x.title),
        h('div', { class: 'muted small' }, `${x.cycle?.bloc?.name ?? ''} · ${t('year')} ${x.cycle?.year ?? ''}`),
      ],
    },
    {
      label: t('due'),
      render: (x) => [
        fmt.dateTime(x.dueAt),
        x.status === 'open'
          ? h('div', { class: `small ${Date.parse(x.dueAt) < Date.now() ? 'bad-text' : 'muted'}` }, fmt.dueIn(x.dueAt))
          : null,
      ],
    },
    { label: t('status'), render: (x) => badge(t(`task.${x.status}`), TONE[x.status]) },
    { label: t('reminders'), className: 'num', render: (x) => String(x.remindersSent) },
    {
      label: h('span', { class: 'sr-only' }, t('actions')),
      render: (x) =>
        h(
          'a',
          {
            href: `#/cycle/${encodeURIComponent(x.cycleId)}/${TAB_OF[x.kind] ?? 'overview'}`,
            'aria-label': `${x.status === 'open' ? t('doTask') : t('open')}: ${x.title}`,
          },
          x.status === 'open' ? t('doTask') : t('open'),
        ),
    },
  ];
  fill(
    main,
    h('h1', {}, t('inbox.title')),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'open-tasks' },
      h('h2', { id: 'open-tasks' }, t('inbox.open', { n: open.length })),
      table({ columns, rows: open, empty: t('inbox.none'), rowAttrs: (x) => ({ 'data-kind': x.kind }) }),
    ),
    past.length
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'past-tasks' },
          h('h2', { id: 'past-tasks' }, t('inbox.past')),
          table({ columns, rows: past }),
        )
      : null,
  );
}

export async function inboxPage(main) {
  const tasks = await api.tasks();
  render(main, tasks);
  live.watch({ load: api.tasks, render: (next) => render(main, next), root: main, data: tasks });
}
