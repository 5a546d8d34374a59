// The reader's unit in this year: its tasks with due dates and reminders, and the form of the
// current phase — the pledge (giao ước), the mid-year report, the self-score with evidence.
import { badge, card, h, table, uid } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import { refreshSoon } from '../lib/live.js';
import { actForm, checkedValues, FieldError, numberOf } from '../lib/forms.js';
import { reportError, showOk } from '../lib/status.js';

const AWARDS = ['emulation-flag', 'certificate-of-merit', 'excellent-labour-collective', 'certificate-of-commendation'];
const TONE = { open: 'warn', done: 'ok', late: 'bad', cancelled: '' };

function tasksCard(m) {
  const tasks = m.tasksOf(m.myUnit.unitId);
  return card(
    t('unit.tasks'),
    table({
      columns: [
        { label: t('task'), rowHeader: true, render: (x) => x.title ?? t(`phase.${x.kind}`) },
        {
          label: t('due'),
          render: (x) => [
            fmt.dateTime(x.dueAt),
            x.status === 'open' ? h('div', { class: 'small muted' }, fmt.dueIn(x.dueAt)) : null,
          ],
        },
        { label: t('status'), render: (x) => badge(t(`task.${x.status}`), TONE[x.status]) },
        { label: t('reminders'), className: 'num', render: (x) => String(x.remindersSent) },
      ],
      rows: tasks,
      empty: t('inbox.none'),
    }),
  );
}

function pledgeForm(m, me) {
  const returned = m.submissionOf(m.myUnit.unitId, 'pledge');
  const f = actForm({
    id: 'pledge',
    title: t('unit.pledge'),
    intro: t('unit.pledgeIntro'),
    submitLabel: t('unit.pledgeSubmit'),
    okText: t('ok.pledged'),
    collect: () => ({
      unitId: me.unitId,
      targets: fmt.lines(targets.value),
      titlesAimed: checkedValues(titles),
      signedBy: signedBy.value,
    }),
    send: (body, key) => api.act(m.id, '/pledges', body, key),
    onDone: refreshSoon,
  });
  if (m.myUnit.pledge === 'returned' && returned?.reason)
    f.body.append(h('p', { class: 'warning' }, t('unit.pledgeReturned', { reason: returned.reason })));
  const targets = f.field({
    name: 'targets',
    label: t('unit.targets'),
    type: 'textarea',
    rows: 4,
    hint: t('onePerLine'),
    value: (m.plan?.targets ?? []).join('\n'),
  });
  const titles = f.field({
    name: 'titlesAimed',
    label: t('unit.titlesAimed'),
    type: 'checks',
    options: AWARDS.map((a) => [a, t(`award.${a}`)]),
    checked: ['emulation-flag'],
  });
  const signedBy = f.field({
    name: 'signedBy',
    label: t('unit.signedBy'),
    value: '',
    hint: t('unit.signedByHint'),
    autocomplete: 'name',
  });
  return f.form;
}

function reportForm(m, me) {
  const f = actForm({
    id: 'mid-year-report',
    title: t('unit.report'),
    intro: t('unit.reportIntro'),
    submitLabel: t('unit.reportSubmit'),
    okText: t('ok.reported'),
    collect: () => ({
      unitId: me.unitId,
      summary: summary.value,
      achievements: fmt.lines(achievements.value),
      limitations: fmt.lines(limitations.value),
      nextHalfTasks: fmt.lines(next.value),
    }),
    send: (body, key) => api.act(m.id, '/reports/mid-year', body, key),
    onDone: refreshSoon,
  });
  const summary = f.field({ name: 'summary', label: t('reportSummary'), type: 'textarea', rows: 4 });
  const achievements = f.field({
    name: 'achievements',
    label: t('unit.achievements'),
    type: 'textarea',
    rows: 3,
    hint: t('onePerLine'),
  });
  const limitations = f.field({
    name: 'limitations',
    label: t('unit.limitations'),
    type: 'textarea',
    rows: 2,
    hint: t('onePerLine'),
  });
  const next = f.field({
    name: 'nextHalfTasks',
    label: t('unit.nextHalf'),
    type: 'textarea',
    rows: 2,
    hint: t('onePerLine'),
  });
  return f.form;
}

/** One row per criterion: points, paper evidence references, uploaded files. */
function selfScoreForm(m, me) {
  const template = m.plan.scoringTemplate;
  const criteria = template.groups.flatMap((g) => g.criteria.map((c) => ({ ...c, group: g })));
  const rows = [];
  const total = h('output', { class: 'sum', 'aria-live': 'polite' });
  const f = actForm({
    id: 'self-score',
    title: t('unit.selfScore'),
    intro: t('unit.selfScoreIntro'),
    submitLabel: t('unit.selfScoreSubmit'),
    okText: t('ok.selfScored'),
    collect: () => {
      const entries = rows.map((r) => ({
        criterionId: r.c.id,
        points: numberOf(r.points),
        evidence: [...fmt.lines(r.refs.value.replace(/;/g, '\n')), ...r.files.map((x) => x.id)],
      }));
      // Said at once for every row rather than one refusal at a time from the server.
      const missing = entries.flatMap((e, i) =>
        rows[i].c.evidenceRequired && (e.points ?? 0) > 0 && e.evidence.length === 0
          ? [{ path: ['entries', i, 'evidence'], message: t('issue.evidence') }]
          : [],
      );
      if (missing.length) throw new FieldError(missing);
      return {
        unitId: me.unitId,
        entries,
        bonusClaimed: numberOf(bonus) ?? 0,
        ...(bonusReason.value.trim() ? { bonusReason: bonusReason.value } : {}),
      };
    },
    send: (body, key) => api.act(m.id, '/self-scores', body, key),
    onDone: refreshSoon,
  });
  const tbody = h('tbody');
  let lastGroup = null;
  criteria.forEach((c, i) => {
    if (c.group !== lastGroup) {
      lastGroup = c.group;
      tbody.append(h('tr', { class: 'group-row' }, h('th', { scope: 'rowgroup', colspan: 4 }, c.group.name)));
    }
    const id = uid('score');
    const pointsError = h('div', { class: 'field-error', id: `${id}-perr` });
    const evidenceError = h('div', { class: 'field-error', id: `${id}-eerr` });
    const points = h('input', {
      id: `${id}-points`,
      name: `points-${c.id}`,
      type: 'number',
      min: 0,
      max: c.maxPoints,
      step: 0.25,
      inputmode: 'decimal',
      class: 'narrow',
      'data-criterion': c.id,
    });
    const refs = h('input', { id: `${id}-refs`, name: `evidence-${c.id}`, class: 'wide', 'data-criterion': c.id });
    const file = h('input', {
      id: `${id}-file`,
      type: 'file',
      class: 'file',
      accept: '.pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx',
    });
    const chips = h('ul', { class: 'chips', 'aria-label': t('unit.uploaded') });
    const row = { c, points, refs, files: [], chips };
    rows.push(row);
    f.bind(['entries', i, 'points'], points, pointsError);
    f.bind(['entries', i, 'evidence'], refs, evidenceError);
    f.bind(['entries', i, 'criterionId'], points, pointsError);
    file.addEventListener('change', () => upload(m, me, row, file));
    tbody.append(
      h(
        'tr',
        { 'data-criterion': c.id },
        h(
          'th',
          { scope: 'row', class: 'crit' },
          h('label', { for: points.id }, c.name),
          c.evidenceRequired ? h('span', { class: 'small muted' }, ` · ${t('evidenceRequired')}`) : null,
        ),
        h('td', { class: 'num' }, `≤ ${fmt.points(c.maxPoints)}`),
        h('td', {}, points, pointsError),
        h(
          'td',
          {},
          h('label', { for: refs.id, class: 'sr-only' }, t('unit.evidenceFor', { name: c.name })),
          refs,
          h('div', { class: 'upload' }, h('label', { for: file.id, class: 'file-label' }, t('unit.attach')), file),
          chips,
          evidenceError,
        ),
      ),
    );
  });
  const update = () => {
    const sum = rows.reduce((a, r) => a + Math.round((Number(r.points.value) || 0) * 100), 0) / 100;
    total.value = t('unit.selfTotal', { total: fmt.points(sum), scale: fmt.points(template.scale) });
  };
  tbody.addEventListener('input', update);
  update();
  f.body.append(
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'score-table' },
        h('caption', { class: 'sr-only' }, t('unit.selfScore')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('criterion')),
            h('th', { scope: 'col', class: 'num' }, t('maxPoints')),
            h('th', { scope: 'col' }, t('unit.points')),
            h('th', { scope: 'col' }, t('unit.evidence')),
          ),
        ),
        tbody,
      ),
    ),
    total,
  );
  const bonus = f.field({
    name: 'bonusClaimed',
    label: t('unit.bonus', { cap: fmt.points(template.bonusCap) }),
    type: 'number',
    min: 0,
    max: template.bonusCap,
    step: 0.25,
    value: 0,
  });
  const bonusReason = f.field({ name: 'bonusReason', label: t('unit.bonusReason') });
  return f.form;
}

async function upload(m, me, row, input) {
  const file = input.files?.[0];
  if (!file) return;
  input.disabled = true;
  input.setAttribute('aria-busy', 'true');
  input.closest('form')?.setAttribute('data-busy', 'true');
  try {
    const res = await api.uploadEvidence(m.id, me.unitId, row.c.id, file);
    row.files.push({ id: res.id, filename: res.filename });
    row.chips.append(
      h(
        'li',
        {},
        res.filename,
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'aria-label': t('unit.removeFile', { name: res.filename }),
            onclick: (e) => {
              row.files = row.files.filter((x) => x.id !== res.id);
              e.target.closest('li').remove();
            },
          },
          '×',
        ),
      ),
    );
    showOk(t('ok.uploaded', { name: res.filename }));
  } catch (err) {
    reportError(err);
  } finally {
    input.value = '';
    input.disabled = false;
    input.removeAttribute('aria-busy');
    input.closest('form')?.removeAttribute('data-busy');
    input.closest('form')?.setAttribute('data-dirty', 'true');
  }
}

function state(text, tone = 'ok') {
  return h('p', { class: `state ${tone}` }, text);
}

function currentWork(m, me) {
  const u = m.myUnit;
  switch (m.phase) {
    case 'launch':
      return state(t('unit.waitPlan'), 'info');
    case 'pledge':
      if (u.pledge === 'none' || u.pledge === 'returned') return pledgeForm(m, me);
      return state(
        u.pledge === 'accepted' ? t('unit.pledgeAccepted') : t('unit.pledgeWaiting'),
        u.pledge === 'accepted' ? 'ok' : 'info',
      );
    case 'midYear':
      return u.midYear === 'none' ? reportForm(m, me) : state(t('unit.reportDone'));
    case 'selfScoring':
      return u.selfScore === 'none' ? selfScoreForm(m, me) : state(t('unit.selfScoreDone'));
    case 'review':
      return state(t('unit.inReview'), 'info');
    case 'voting':
      return h(
        'p',
        {},
        h('a', { class: 'button primary', href: `#/cycle/${encodeURIComponent(m.id)}/meeting` }, t('goToMeeting')),
      );
    default:
      return h('p', {}, h('a', { href: `#/cycle/${encodeURIComponent(m.id)}/results` }, t('viewResults')));
  }
}

export function unitTab(m, me) {
  const u = m.myUnit;
  const score = m.scoreOf(u.unitId);
  return h(
    'div',
    { class: 'unit-tab' },
    h(
      'div',
      { class: 'dash-grid' },
      card(t('unit.work', { unit: u.name }), currentWork(m, me)),
      h(
        'div',
        {},
        tasksCard(m),
        card(
          t('unit.status'),
          h(
            'dl',
            { class: 'facts' },
            h('dt', {}, t('phase.pledge')),
            h('dd', {}, t(`progress.${u.pledge}`)),
            h('dt', {}, t('phase.midYear')),
            h('dd', {}, t(`progress.${u.midYear}`)),
            h('dt', {}, t('phase.selfScoring')),
            h('dd', {}, t(`progress.${u.selfScore}`)),
            score
              ? [
                  h('dt', {}, t('finalScore')),
                  h('dd', {}, `${fmt.points(score.finalTotal)} (${t('rank')} ${score.rank ?? '—'})`),
                ]
              : null,
            u.late.length ? [h('dt', {}, t('late')), h('dd', {}, u.late.map((p) => t(`phase.${p}`)).join(', '))] : null,
          ),
        ),
      ),
    ),
  );
}
