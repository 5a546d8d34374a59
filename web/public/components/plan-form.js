// The year plan (PlanSchema): theme, targets, the seven phase deadlines and the scoring template,
// prefilled from GET /api/defaults/plan. Used to start a cycle and to publish a plan at launch.
import { h, uid } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as fmt from '../lib/format.js';
import { makeField, numberOf } from '../lib/forms.js';
import { DEADLINE_PHASES } from '../lib/cycle-model.js';

/**
 * Adds the plan's fields to `form` (from actForm) and returns collect() → the plan object.
 * `prefix` is where the plan sits in the request body (issue paths start with it).
 */
export function planFields(form, plan, prefix = ['plan']) {
  const P = (...rest) => [...prefix, ...rest];
  const theme = form.field({
    name: 'theme',
    label: t('plan.theme'),
    value: plan.theme,
    required: true,
    path: P('theme'),
  });
  const slogan = form.field({ name: 'slogan', label: t('plan.slogan'), value: plan.slogan ?? '', path: P('slogan') });
  const targets = form.field({
    name: 'targets',
    label: t('plan.targets'),
    type: 'textarea',
    rows: 3,
    value: (plan.targets ?? []).join('\n'),
    hint: t('onePerLine'),
    path: P('targets'),
  });

  const deadlineBox = h('fieldset', { class: 'deadlines' }, h('legend', {}, t('plan.deadlines')));
  form.body.append(deadlineBox);
  const deadlineInputs = Object.fromEntries(
    DEADLINE_PHASES.map((p) => [
      p,
      form.field(
        {
          name: `deadline-${p}`,
          label: t(`phase.${p}`),
          type: 'datetime-local',
          value: plan.deadlines?.[p] ? fmt.toLocalInput(plan.deadlines[p]) : '',
          required: true,
          path: P('deadlines', p),
        },
        deadlineBox,
      ),
    ]),
  );
  const reminders = form.field({
    name: 'reminders',
    label: t('plan.reminders'),
    value: (plan.reminderOffsetsSeconds ?? []).map((x) => x / 3600).join(', '),
    hint: t('plan.remindersHint'),
    path: P('reminderOffsetsSeconds'),
    inputmode: 'decimal',
  });

  const template = plan.scoringTemplate;
  const {
    wrap: scaleWrap,
    input: scale,
    error: scaleError,
  } = makeField({ name: 'scale', label: t('plan.scale'), type: 'number', value: template.scale, min: 1, step: 1 });
  const {
    wrap: bonusWrap,
    input: bonusCap,
    error: bonusError,
  } = makeField({
    name: 'bonusCap',
    label: t('plan.bonusCap'),
    type: 'number',
    value: template.bonusCap,
    min: 0,
    step: 0.5,
  });
  form.bind(P('scoringTemplate', 'scale'), scale, scaleError);
  form.bind(P('scoringTemplate', 'bonusCap'), bonusCap, bonusError);
  const sum = h('output', { class: 'sum', 'aria-live': 'polite' });

  const rows = [];
  const body = h('tbody');
  template.groups.forEach((g, gi) => {
    body.append(h('tr', { class: 'group-row' }, h('th', { scope: 'rowgroup', colspan: 3 }, g.name)));
    g.criteria.forEach((c, ci) => {
      const nameId = uid('crit');
      const error = h('div', { class: 'field-error', id: `${nameId}-error` });
      const name = h('input', { id: nameId, value: c.name, class: 'wide' });
      const max = h('input', {
        id: `${nameId}-max`,
        type: 'number',
        min: 0.25,
        step: 0.25,
        value: c.maxPoints,
        class: 'narrow',
        inputmode: 'decimal',
      });
      const evidence = h('input', { id: `${nameId}-ev`, type: 'checkbox', checked: c.evidenceRequired });
      const path = P('scoringTemplate', 'groups', gi, 'criteria', ci);
      form.bind(path, name, error);
      form.bind([...path, 'maxPoints'], max, error);
      rows.push({ g, c, name, max, evidence });
      body.append(
        h(
          'tr',
          {},
          h(
            'td',
            {},
            h('label', { for: nameId, class: 'sr-only' }, t('plan.criterionName', { id: c.id })),
            name,
            error,
          ),
          h(
            'td',
            { class: 'num' },
            h('label', { for: max.id, class: 'sr-only' }, t('plan.maxPointsOf', { name: c.name })),
            max,
          ),
          h(
            'td',
            { class: 'center' },
            h('label', { for: evidence.id, class: 'sr-only' }, t('plan.evidenceOf', { name: c.name })),
            evidence,
          ),
        ),
      );
    });
  });
  const updateSum = () => {
    const total = rows.reduce((acc, r) => acc + Math.round((Number(r.max.value) || 0) * 100), 0) / 100;
    sum.value = t('plan.sum', { total: fmt.points(total), scale: fmt.points(Number(scale.value) || 0) });
    sum.classList.toggle('mismatch', Math.abs(total - Number(scale.value)) > 1e-9);
  };
  body.addEventListener('input', updateSum);
  scale.addEventListener('input', updateSum);
  updateSum();

  form.body.append(
    h(
      'details',
      { class: 'template', open: true },
      h('summary', {}, t('plan.template')),
      h('div', { class: 'row' }, scaleWrap, bonusWrap, sum),
      h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'template-table' },
          h('caption', { class: 'sr-only' }, t('plan.template')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, t('criterion')),
              h('th', { scope: 'col', class: 'num' }, t('maxPoints')),
              h('th', { scope: 'col', class: 'center' }, t('evidenceRequired')),
            ),
          ),
          body,
        ),
      ),
      template.penaltyRules?.length
        ? h(
            'p',
            { class: 'muted small' },
            `${t('plan.penalties')}: `,
            template.penaltyRules.map((r) => `${r.name} (−${fmt.points(r.points)})`).join('; '),
          )
        : null,
    ),
  );

  return function collect() {
    const hours = fmt.lines(reminders.value.replace(/[,;]/g, '\n')).map(Number);
    return {
      theme: theme.value,
      slogan: slogan.value.trim() ? slogan.value : undefined,
      targets: fmt.lines(targets.value),
      deadlines: Object.fromEntries(DEADLINE_PHASES.map((p) => [p, fmt.fromLocalInput(deadlineInputs[p].value)])),
      ...(hours.length
        ? { reminderOffsetsSeconds: hours.map((x) => (Number.isFinite(x) ? Math.round(x * 3600) : x)) }
        : {}),
      scoringTemplate: {
        ...template,
        scale: numberOf(scale),
        bonusCap: numberOf(bonusCap),
        groups: template.groups.map((g) => ({
          ...g,
          criteria: g.criteria.map((c) => {
            const r = rows.find((x) => x.c === c);
            return { ...c, name: r.name.value, maxPoints: numberOf(r.max), evidenceRequired: r.evidence.checked };
          }),
        })),
      },
    };
  };
}
