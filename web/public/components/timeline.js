// The year as a row of phases with their deadlines; the current one highlighted.
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as fmt from '../lib/format.js';
import { PHASES } from '../lib/cycle-model.js';

export function timeline(model) {
  const current = model.phaseIndex;
  return h(
    'ol',
    { class: 'timeline', 'aria-label': t('timeline') },
    PHASES.map((p, i) => {
      const state = i < current ? 'done' : i === current ? 'current' : 'next';
      const due = model.deadlines?.[p];
      return h(
        'li',
        { class: state, 'aria-current': state === 'current' ? 'step' : undefined, 'data-phase': p },
        h('span', { class: 'step-no', 'aria-hidden': 'true' }, state === 'done' ? '✓' : String(i + 1)),
        h('span', { class: 'step-name' }, t(`phase.${p}`)),
        h('span', { class: 'sr-only' }, ` (${t(`step.${state}`)})`),
        due
          ? h('span', { class: 'step-due' }, h('span', { class: 'sr-only' }, `${t('deadline')}: `), fmt.dateTime(due))
          : null,
        due && state === 'current' ? h('span', { class: 'step-left' }, fmt.dueIn(due)) : null,
      );
    }),
  );
}
