// Overview of the year — the bloc head's dashboard: the timeline of phases and deadlines, who has
// and has not submitted, and the head's acts of the current phase (plan, pledge review, the bloc
// report, score review, handover, deadline extension).
import { movementList } from '../components/meeting-record.js';
import { card, dl, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import { refreshSoon } from '../lib/live.js';
import { actForm, numberOf } from '../lib/forms.js';
import { DEADLINE_PHASES } from '../lib/cycle-model.js';
import { timeline } from '../components/timeline.js';
import { progressTable } from '../components/progress.js';
import { planFields } from '../components/plan-form.js';

const actSend = (m, path) => (body, key) => api.act(m.id, path, body, key);

function planCard(m) {
  if (!m.plan) return null;
  const p = m.plan;
  return card(
    t('plan.title'),
    dl([
      [t('plan.theme'), p.theme],
      p.slogan ? [t('plan.slogan'), p.slogan] : null,
      p.targets?.length
        ? [
            t('plan.targets'),
            h(
              'ul',
              {},
              p.targets.map((x) => h('li', {}, x)),
            ),
          ]
        : null,
      p.movements?.length ? [t('plan.movements'), movementList(m, p.movements)] : null,
    ]),
    h(
      'details',
      {},
      h(
        'summary',
        {},
        t('plan.templateSummary', {
          scale: fmt.points(p.scoringTemplate.scale),
          n: p.scoringTemplate.groups.reduce((a, g) => a + g.criteria.length, 0),
        }),
      ),
      h(
        'ul',
        { class: 'template-list' },
        p.scoringTemplate.groups.map((g) =>
          h(
            'li',
            {},
            h('strong', {}, g.name),
            h(
              'ul',
              {},
              g.criteria.map((c) =>
                h(
                  'li',
                  {},
                  `${c.name} — ${fmt.points(c.maxPoints)} ${t('pointsShort')}${c.evidenceRequired ? ` · ${t('evidenceRequired')}` : ''}`,
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Launch: the head publishes the plan (when the cycle was started without one, e.g. by a handover). */
function publishPlanPanel(m, plan) {
  const f = actForm({
    id: 'publish-plan',
    title: t('head.publishPlan'),
    intro: t('head.publishPlanIntro'),
    submitLabel: t('head.publishPlan'),
    okText: t('ok.planPublished'),
    collect: () => ({ plan: collect() }),
    send: actSend(m, '/plan'),
    onDone: refreshSoon,
  });
  const collect = planFields(f, plan);
  return f.form;
}

function pledgeReviewPanel(m) {
  const waiting = m.units.filter((u) => u.pledge === 'submitted');
  const rows = waiting.map((u) => {
    const accept = actForm({
      id: `accept-${u.unitId}`,
      submitLabel: t('accept'),
      okText: t('ok.pledgeAccepted', { unit: u.name }),
      collect: () => ({ unitId: u.unitId, decision: 'accept' }),
      send: actSend(m, '/pledges/review'),
      onDone: refreshSoon,
      className: 'inline',
    });
    accept.submit.setAttribute('aria-label', `${t('accept')}: ${u.name}`);
    const ret = actForm({
      id: `return-${u.unitId}`,
      submitLabel: t('returnIt'),
      okText: t('ok.pledgeReturned', { unit: u.name }),
      collect: () => ({ unitId: u.unitId, decision: 'return', reason: reason.value }),
      send: actSend(m, '/pledges/review'),
      onDone: refreshSoon,
      className: 'compact',
    });
    ret.submit.classList.remove('primary');
    ret.submit.setAttribute('aria-label', `${t('returnIt')}: ${u.name}`);
    const reason = ret.field({ name: 'reason', label: t('reasonFor', { unit: u.name }), type: 'textarea', rows: 2 });
    const submitted = m.submissionOf(u.unitId, 'pledge')?.submittedAt;
    return h(
      'li',
      { 'data-unit': u.unitId },
      h(
        'div',
        { class: 'pledge-head' },
        h('strong', {}, u.name),
        submitted ? h('span', { class: 'muted small' }, ` · ${t('submittedAt')} ${fmt.dateTime(submitted)}`) : null,
        accept.form,
      ),
      h('details', {}, h('summary', {}, t('returnWithReason')), ret.form),
    );
  });
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'pledge-review' },
    h('h3', { id: 'pledge-review' }, t('head.pledges', { n: waiting.length })),
    waiting.length ? h('ul', { class: 'pledge-list' }, rows) : h('p', { class: 'muted' }, t('head.noPledgesWaiting')),
  );
}

function compilePanel(m) {
  const done = m.projection.submissions.some((x) => x.kind === 'blocMidYearReport');
  if (done) return h('section', { class: 'panel' }, h('h3', {}, t('head.compile')), h('p', {}, t('head.compiled')));
  const reported = m.units.filter((u) => u.midYear !== 'none').length;
  const f = actForm({
    id: 'compile',
    title: t('head.compile'),
    intro: t('head.compileIntro', { n: reported, total: m.units.length }),
    submitLabel: t('head.compileSubmit'),
    okText: t('ok.compiled'),
    collect: () => ({ summary: summary.value }),
    send: actSend(m, '/reports/bloc'),
    onDone: refreshSoon,
  });
  const summary = f.field({
    name: 'summary',
    label: t('reportSummary'),
    type: 'textarea',
    rows: 5,
    value: t('head.compileDefault', { year: m.year }),
  });
  return f.form;
}

function scoreReviewPanel(m) {
  const criteria = m.plan.scoringTemplate.groups.flatMap((g) => g.criteria);
  const rules = m.plan.scoringTemplate.penaltyRules ?? [];
  const f = actForm({
    id: 'review-score',
    title: t('head.adjust'),
    intro: t('head.adjustIntro'),
    submitLabel: t('head.adjustSubmit'),
    okText: t('ok.scoreReviewed'),
    collect: () => ({
      unitId: unit.value,
      adjustments: criterion.value
        ? [{ criterionId: criterion.value, reviewedPoints: numberOf(points), reason: reason.value }]
        : [],
      penalties: rule.value
        ? [{ ruleId: rule.value, points: numberOf(penaltyPoints), reason: penaltyReason.value }]
        : [],
      ...(bonus.value.trim() ? { bonus: numberOf(bonus) } : {}),
    }),
    send: actSend(m, '/scores/review'),
    onDone: refreshSoon,
  });
  const unit = f.field({
    name: 'unitId',
    label: t('unit'),
    type: 'select',
    options: m.units.map((u) => [u.unitId, u.name]),
  });
  const criterion = f.field({
    name: 'criterionId',
    label: t('criterion'),
    type: 'select',
    options: [['', t('noAdjustment')], ...criteria.map((c) => [c.id, `${c.name} (≤ ${fmt.points(c.maxPoints)})`])],
    path: ['adjustments', 0, 'criterionId'],
  });
  const points = f.field({
    name: 'reviewedPoints',
    label: t('reviewedPoints'),
    type: 'number',
    min: 0,
    step: 0.25,
    path: ['adjustments', 0, 'reviewedPoints'],
  });
  const reason = f.field({ name: 'reason', label: t('adjustReason'), path: ['adjustments', 0, 'reason'] });
  const rule = f.field({
    name: 'ruleId',
    label: t('penalty'),
    type: 'select',
    options: [['', t('noPenalty')], ...rules.map((r) => [r.id, `${r.name} (−${fmt.points(r.points)})`])],
    path: ['penalties', 0, 'ruleId'],
  });
  const penaltyPoints = f.field({
    name: 'penaltyPoints',
    label: t('penaltyPointsLabel'),
    type: 'number',
    min: 0,
    step: 0.25,
    path: ['penalties', 0, 'points'],
  });
  const penaltyReason = f.field({ name: 'penaltyReason', label: t('penaltyReason'), path: ['penalties', 0, 'reason'] });
  const bonus = f.field({
    name: 'bonus',
    label: t('bonusGranted', { cap: fmt.points(m.plan.scoringTemplate.bonusCap) }),
    type: 'number',
    min: 0,
    step: 0.25,
    path: ['bonus'],
  });
  rule.addEventListener('change', () => {
    const r = rules.find((x) => x.id === rule.value);
    if (r && !penaltyPoints.value) penaltyPoints.value = String(r.points);
  });
  return f.form;
}

function closeReviewPanel(m) {
  return actForm({
    id: 'close-review',
    title: t('head.closeReview'),
    intro: t('head.closeReviewIntro'),
    submitLabel: t('head.closeReview'),
    okText: t('ok.reviewClosed'),
    send: actSend(m, '/scores/close-review'),
    onDone: refreshSoon,
  }).form;
}

function handoverPanel(m) {
  const f = actForm({
    id: 'handover',
    title: t('head.handover'),
    intro: t('head.handoverIntro'),
    submitLabel: t('head.handoverSubmit'),
    okText: t('ok.handover'),
    collect: () => ({
      ...(note.value.trim() ? { note: note.value } : {}),
      ...(head.value || deputy.value ? { appointed: { headUnitId: head.value, deputyUnitId: deputy.value } } : {}),
    }),
    send: actSend(m, '/handover'),
    onDone: refreshSoon,
  });
  const note = f.field({ name: 'note', label: t('handoverNote'), type: 'textarea', rows: 2 });
  const box = h('div');
  f.body.append(h('details', {}, h('summary', {}, t('appointedOnly')), box));
  const options = [['', '—'], ...m.units.map((u) => [u.unitId, u.name])];
  const head = f.field(
    { name: 'appointedHead', label: t('nextHead'), type: 'select', options, path: ['appointed', 'headUnitId'] },
    box,
  );
  const deputy = f.field(
    { name: 'appointedDeputy', label: t('nextDeputy'), type: 'select', options, path: ['appointed', 'deputyUnitId'] },
    box,
  );
  return f.form;
}

function extendPanel(m) {
  const from = DEADLINE_PHASES.indexOf(m.phase);
  const phases = DEADLINE_PHASES.slice(from);
  const f = actForm({
    id: 'extend',
    title: t('head.extend'),
    intro: t('head.extendIntro'),
    submitLabel: t('head.extendSubmit'),
    okText: t('ok.extended'),
    collect: () => ({ phase: phase.value, newDeadline: fmt.fromLocalInput(when.value), reason: reason.value }),
    send: actSend(m, '/deadlines/extend'),
    onDone: refreshSoon,
  });
  const phase = f.field({
    name: 'phase',
    label: t('phase'),
    type: 'select',
    options: phases.map((p) => [p, `${t(`phase.${p}`)} (${fmt.dateTime(m.deadlines[p])})`]),
  });
  const when = f.field({ name: 'newDeadline', label: t('newDeadline'), type: 'datetime-local', required: true });
  const reason = f.field({ name: 'reason', label: t('reason'), required: true });
  return h('details', { class: 'panel' }, h('summary', {}, t('head.extend')), f.form);
}

/** The head's (and deputy's) acts for the current phase. */
function headPanels(m, plan) {
  const panels = [];
  if (m.phase === 'launch' && m.isHead && !m.plan && plan) panels.push(publishPlanPanel(m, plan));
  if (m.phase === 'pledge' && m.isHead) panels.push(pledgeReviewPanel(m));
  if (m.phase === 'midYear' && m.isHead) panels.push(compilePanel(m));
  if (m.phase === 'review') {
    panels.push(scoreReviewPanel(m));
    if (m.isHead) panels.push(closeReviewPanel(m));
  }
  if (m.phase === 'voting')
    panels.push(
      h(
        'p',
        {},
        h('a', { class: 'button primary', href: `#/cycle/${encodeURIComponent(m.id)}/meeting` }, t('goToMeeting')),
      ),
    );
  if ((m.phase === 'council' || m.phase === 'handover') && m.isHead && !m.view.handover) panels.push(handoverPanel(m));
  if (m.view.handover)
    panels.push(
      h(
        'p',
        {},
        t('handoverDone', {
          head: m.nameOf(m.view.handover.headUnitId),
          deputy: m.nameOf(m.view.handover.deputyUnitId),
        }),
        ' ',
        h(
          'a',
          { id: 'next-year-link', href: `#/cycle/${encodeURIComponent(m.view.handover.nextYearWorkflowId)}/overview` },
          t('openNextYear'),
        ),
      ),
    );
  if (m.isHead && m.deadlines && DEADLINE_PHASES.includes(m.phase)) panels.push(extendPanel(m));
  if (panels.length === 0) panels.push(h('p', { class: 'muted' }, t('head.nothingNow')));
  return card(m.isHead ? t('head.title') : t('deputy.title'), ...panels);
}

export function overviewTab(m) {
  const root = h('div', { class: 'overview' });
  const phaseNote =
    m.phase === 'launch' && !m.plan
      ? t('launchWaiting')
      : m.deadlines?.[m.phase]
        ? t('currentPhaseDue', {
            phase: t(`phase.${m.phase}`),
            due: fmt.dateTime(m.deadlines[m.phase]),
            left: fmt.dueIn(m.deadlines[m.phase]),
          })
        : t(`phaseNote.${m.phase}`);
  root.append(
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'tl-title' },
      h('h2', { id: 'tl-title' }, t('timeline')),
      timeline(m),
      h('p', { class: 'phase-note' }, phaseNote),
    ),
  );
  const grid = h('div', { class: m.isHead || m.isDeputy ? 'dash-grid' : '' });
  grid.append(card(t('progress'), progressTable(m)));
  if (m.isHead || m.isDeputy) {
    const slot = h('div', { class: 'head-slot' }, headPanels(m, null));
    grid.append(slot);
    // The plan form needs the default plan (GET /api/defaults/plan): fetched only when it is shown.
    if (m.phase === 'launch' && m.isHead && !m.plan) {
      api
        .defaultPlan(m.year)
        .then((plan) => slot.replaceChildren(headPanels(m, plan)))
        .catch(() => undefined);
    }
  }
  root.append(grid);
  const plan = planCard(m);
  if (plan) root.append(plan);
  return root;
}
