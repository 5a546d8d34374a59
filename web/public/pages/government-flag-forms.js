// The act forms of the Government-flag page (pages/government-flag.js): start, ballot, close, submission,
// outcome, hold and resolve, each an actForm (lib/forms.js) sending one act.
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import * as live from '../lib/live.js';
import { FieldError, actForm, numberOf } from '../lib/forms.js';

export const href = (provinceId, year) => `#/province/${encodeURIComponent(provinceId)}/government-flag/${year}`;

/** Today in Vietnam (the dates of letters and decisions), as YYYY-MM-DD. */
export const vnToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Ho_Chi_Minh',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());

const send = (view, path) => (body, key) => api.governmentFlagAct(view.workflowId, path, body, key);

export function startForm(provinceId, year) {
  const f = actForm({
    id: 'gf-start',
    title: t('gf.startTitle'),
    titleLevel: 'h2',
    intro: t('gf.startIntro'),
    submitLabel: t('gf.start'),
    okText: (res) => t('ok.gfStarted', { candidates: res.candidates, quota: res.quota }),
    collect: () => ({ year: numberOf(yearInput) }),
    send: (body, key) => api.startGovernmentFlag(provinceId, body, key),
    onDone: (res, form) =>
      res.year === year ? live.refreshSoon(res, form) : (location.hash = href(provinceId, res.year)),
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
  return h('section', { class: 'card' }, f.form);
}

/** One secret ballot: yes / no on every leader still in the vote (not held nor disqualified), sent once. */
export function ballotForm(view) {
  const choices = [];
  const onBallot = view.candidates.filter((c) => c.status === 'draft');
  const f = actForm({
    id: 'gf-ballot',
    title: t('gf.ballotTitle'),
    titleLevel: 'h2',
    intro: t('gf.ballotIntro', { n: onBallot.length }),
    submitLabel: t('gf.castBallot'),
    okText: t('ok.gfVote'),
    collect: () => {
      const votes = [];
      const missing = [];
      for (const [i, { candidate, fieldset }] of choices.entries()) {
        const picked = fieldset.querySelector('input:checked')?.value;
        if (!picked) missing.push({ path: ['votes', i, 'approve'], message: t('gf.chooseOne') });
        else votes.push({ unitId: candidate.unit.id, approve: picked === 'yes' });
      }
      if (missing.length) throw new FieldError(missing);
      return { votes };
    },
    send: send(view, '/votes'),
    onDone: live.refreshSoon,
  });
  for (const [i, c] of onBallot.entries()) {
    const fieldset = f.field({
      type: 'radios',
      name: `approve-${c.unit.id}`,
      path: ['votes', i],
      label: `${c.unit.name} — ${c.bloc.name}`,
      options: [
        ['yes', t('gf.yes')],
        ['no', t('gf.no')],
      ],
    });
    fieldset.dataset.unit = c.unit.code;
    choices.push({ candidate: c, fieldset });
  }
  return h('section', { class: 'card' }, f.form);
}

export function closeForm(view) {
  const voted = Math.max(0, ...view.candidates.map((c) => c.vote?.voted ?? 0));
  const f = actForm({
    id: 'gf-close',
    title: t('gf.closeTitle'),
    titleLevel: 'h2',
    intro: t('gf.closeIntro', { n: voted, total: view.councilMembers }),
    submitLabel: t('gf.close'),
    okText: t('ok.gfClosed'),
    collect: () => ({}),
    send: send(view, '/close'),
    onDone: live.refreshSoon,
  });
  return h('section', { class: 'card' }, f.form);
}

export function submissionForm(view) {
  const f = actForm({
    id: 'gf-submission',
    title: t('gf.submissionTitle'),
    titleLevel: 'h2',
    intro: t('gf.submissionIntro', { date: fmt.date(view.deadlineDate) }),
    submitLabel: t('gf.submit'),
    okText: t('ok.gfSubmitted'),
    collect: () => ({ letterNumber: number.value.trim(), letterDate: date.value }),
    send: send(view, '/submission'),
    onDone: live.refreshSoon,
  });
  const number = f.field({
    name: 'letterNumber',
    label: t('gf.letterNumber'),
    hint: t('gf.letterNumberHint'),
    required: true,
  });
  const date = f.field({
    name: 'letterDate',
    label: t('gf.letterDate'),
    type: 'date',
    value: vnToday(),
    required: true,
  });
  return h('section', { class: 'card' }, f.form);
}

export function outcomeForm(view, c) {
  const f = actForm({
    id: `gf-outcome-${c.unit.code}`,
    title: t('gf.outcomeTitle', { unit: c.unit.name }),
    submitLabel: t('gf.recordOutcome'),
    okText: t('ok.gfOutcome', { unit: c.unit.name }),
    collect: () => ({
      unitId: c.unit.id,
      outcome: outcome.value,
      ...(outcome.value === 'decided'
        ? {
            ...(number.value.trim() ? { decisionNumber: number.value.trim() } : {}),
            ...(date.value ? { decisionDate: date.value } : {}),
          }
        : grounds.value.trim()
          ? { legalGrounds: grounds.value.trim() }
          : {}),
    }),
    send: send(view, '/outcome'),
    onDone: live.refreshSoon,
  });
  const outcome = f.field({
    name: 'outcome',
    label: t('gf.outcome'),
    type: 'select',
    options: [
      ['decided', t('gf.outcome.decided')],
      ['returned', t('gf.outcome.returned')],
    ],
  });
  const number = f.field({ name: 'decisionNumber', label: t('gf.decisionNumber'), hint: t('gf.decisionNumberHint') });
  const date = f.field({ name: 'decisionDate', label: t('gf.decisionDate'), type: 'date', value: vnToday() });
  const grounds = f.field({
    name: 'legalGrounds',
    label: t('gf.legalGrounds'),
    type: 'textarea',
    rows: 2,
    hint: t('gf.legalGroundsHint'),
  });
  return h('section', { class: 'card', 'data-outcome': c.unit.code }, f.form);
}

const HOLD_KINDS = ['investigation', 'discipline', 'complaint', 'pressAllegation', 'inspection'];
const unitOption = (c) => [c.unit.id, `${c.unit.name} — ${c.bloc.name}`];
const unitName = (list, unitId) => list.find((c) => c.unit.id === unitId)?.unit.name ?? unitId;

/**
 * A leader under investigation, inspection or discipline is put on hold, never rejected for it
 * (ND 152/2025 Art. 4(4)): only a draft or selected one, before the dossier leaves the province.
 */
export function holdForm(view, holdable) {
  const f = actForm({
    id: 'gf-hold',
    title: t('gf.holdTitle'),
    titleLevel: 'h2',
    intro: t('gf.holdIntro'),
    submitLabel: t('hold.putSubmit'),
    okText: () => t('ok.gfHeld', { unit: unitName(holdable, unit.value) }),
    collect: () => ({ unitId: unit.value, kind: kind.value, reason: reason.value.trim() }),
    send: send(view, '/holds'),
    onDone: live.refreshSoon,
  });
  const unit = f.field({ name: 'unitId', label: t('unit'), type: 'select', options: holdable.map(unitOption) });
  const kind = f.field({
    name: 'kind',
    label: t('hold.kind'),
    type: 'select',
    options: HOLD_KINDS.map((k) => [k, t(`holdKind.${k}`)]),
  });
  const reason = f.field({
    name: 'reason',
    label: t('reason'),
    type: 'textarea',
    rows: 2,
    hint: t('gf.holdReasonHint'),
    required: true,
  });
  return h('section', { class: 'card' }, f.form);
}

/** The matter concluded: cleared → back to its status (or judged on its ballot), disciplined → rejected. */
export function resolveHoldForm(view, held) {
  const f = actForm({
    id: 'gf-resolve-hold',
    title: t('gf.resolveTitle'),
    titleLevel: 'h2',
    intro: t('gf.resolveIntro'),
    submitLabel: t('hold.resolveSubmit'),
    okText: () => t('ok.gfHoldResolved', { unit: unitName(held, unit.value) }),
    collect: () => ({ unitId: unit.value, outcome: outcome.value, reason: reason.value.trim() }),
    send: send(view, '/holds/resolve'),
    onDone: live.refreshSoon,
  });
  const unit = f.field({ name: 'unitId', label: t('unit'), type: 'select', options: held.map(unitOption) });
  const outcome = f.field({
    name: 'outcome',
    label: t('hold.outcome'),
    type: 'select',
    options: [
      ['cleared', t('hold.cleared')],
      ['disciplined', t('hold.disciplined')],
    ],
  });
  const reason = f.field({
    name: 'reason',
    label: t('reason'),
    type: 'textarea',
    rows: 2,
    hint: t('gf.resolveReasonHint'),
    required: true,
  });
  return h('section', { class: 'card' }, f.form);
}
