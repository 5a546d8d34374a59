// The bloc head starts the year (POST /api/blocs/:id/cycles) with its plan and scoring template,
// prefilled from GET /api/defaults/plan.
import { fill, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import { actForm, numberOf } from '../lib/forms.js';
import { planFields } from '../components/plan-form.js';

export async function startCyclePage(main, blocId) {
  const bloc = (await api.blocs('?take=500')).find((b) => b.id === blocId);
  if (!bloc) throw Object.assign(new Error(t('blocNotFound')), { localized: true });
  const year = Math.max(new Date().getFullYear(), ...bloc.cycles.map((c) => c.year + 1));
  const plan = await api.defaultPlan(year);

  const f = actForm({
    id: 'start-cycle',
    submitLabel: t('startCycle'),
    okText: t('ok.started'),
    keepMessage: true,
    collect: () => ({ year: numberOf(yearInput), plan: collectPlan() }),
    send: (body) => api.startCycle(bloc.id, body),
    onDone: (res) => (location.hash = `#/cycle/${encodeURIComponent(res.cycleId)}/overview`),
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
  const collectPlan = planFields(f, plan);

  fill(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, t('nav.blocs')), ' › ', bloc.name),
    h('h1', {}, t('startCycleTitle', { bloc: bloc.name })),
    h('p', { class: 'muted' }, t('startCycleIntro')),
    h('section', { class: 'card' }, f.form),
  );
}
