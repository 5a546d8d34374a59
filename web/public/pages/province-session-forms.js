// The act forms of the province award session page (pages/province-session.js), each an actForm (lib/forms.js)
// sending one act of POST /api/provinces/:id/years/:year/sessions/:n/…: appraisal (accept / return with a reason),
// resubmission of a returned dossier, attendance (the quorum), the secret ballot, the close, the decisions.
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as live from '../lib/live.js';
import { FieldError, actForm, checkedValues } from '../lib/forms.js';
import { vnToday } from './government-flag-forms.js';

export const sessionHref = (provinceId, year, n) => `#/province/${encodeURIComponent(provinceId)}/session/${year}/${n}`;

const send = (v, path) => (body, key) => api.provinceSessionAct(v.provinceId, v.year, v.n, path, body, key);

/** "no quorum: 3 of 5 members present, 4 needed" (the workflow's refusal) in the reader's language. */
const QUORUM = /no quorum: (\d+) of (\d+) members present, (\d+) needed/;
const localizeQuorum = (sendIt) => async (body, key) => {
  try {
    return await sendIt(body, key);
  } catch (err) {
    const m = QUORUM.exec(err?.message ?? '');
    if (m) err.message = t('ps.noQuorum', { present: m[1], members: m[2], required: m[3] });
    throw err;
  }
};

export const awardName = (p) => t(`award.${p.awardType}`);

/** The standing body appraises one dossier: accept, or return for completion with the reason. */
export function appraiseForm(v, d) {
  const f = actForm({
    id: `ps-appraise-${d.blocCode}`,
    title: t('ps.appraiseTitle', { bloc: d.blocName }),
    submitLabel: t('ps.appraise'),
    okText: () => t(decision.value === 'return' ? 'ok.psReturned' : 'ok.psAccepted', { bloc: d.blocName }),
    collect: () => {
      // A returned dossier states why (the API's rule too; said here in the reader's language).
      if (decision.value === 'return' && !reason.value.trim())
        throw new FieldError([{ path: ['reason'], message: t('ps.reasonRequired') }]);
      return {
        cycleId: d.cycleId,
        decision: decision.value,
        ...(decision.value === 'return' || reason.value.trim() ? { reason: reason.value.trim() } : {}),
      };
    },
    send: send(v, '/appraisals'),
    onDone: live.refreshSoon,
  });
  const decision = f.field({
    name: 'decision',
    label: t('ps.appraisalResult'),
    type: 'select',
    options: [
      ['accept', t('ps.decision.accept')],
      ['return', t('ps.decision.return')],
    ],
  });
  const reason = f.field({
    name: 'reason',
    label: t('ps.returnReason'),
    type: 'textarea',
    rows: 2,
    hint: t('ps.returnReasonHint'),
  });
  return h('div', { class: 'panel', 'data-appraise': d.blocCode }, f.form);
}

/** The bloc head's officer resubmits its returned dossier: a note, and any achievement restated. */
export function resubmitForm(v, d, proposals) {
  const restated = [];
  const f = actForm({
    id: `ps-resubmit-${d.blocCode}`,
    title: t('ps.resubmitTitle'),
    intro: t('ps.resubmitIntro', { reason: d.reason ?? '' }),
    submitLabel: t('ps.resubmit'),
    okText: t('ok.psResubmitted'),
    collect: () => ({
      cycleId: d.cycleId,
      note: note.value.trim(),
      achievements: restated
        .filter(({ p, input }) => input.value.trim() !== p.achievement)
        .map(({ p, input }) => ({ proposalId: p.proposalId, achievement: input.value.trim() })),
    }),
    send: send(v, '/resubmissions'),
    onDone: live.refreshSoon,
  });
  const note = f.field({
    name: 'note',
    label: t('ps.resubmitNote'),
    type: 'textarea',
    rows: 2,
    hint: t('ps.resubmitNoteHint'),
    required: true,
  });
  for (const [i, p] of proposals.entries()) {
    const input = f.field({
      name: `achievement-${p.proposalId}`,
      path: ['achievements', i],
      label: t('ps.achievementOf', { unit: p.unitName, award: awardName(p) }),
      type: 'textarea',
      rows: 2,
      value: p.achievement,
    });
    restated.push({ p, input });
  }
  return h('div', { class: 'panel', 'data-resubmit': d.blocCode }, f.form);
}

/** The standing body ticks the members present; the API refuses below the quorum (BN86 Art. 8(4)(b)). */
export function attendanceForm(v, council, waiting) {
  const f = actForm({
    id: 'ps-attendance',
    title: t('ps.attendanceTitle'),
    titleLevel: 'h2',
    intro: t('ps.attendanceIntro', { required: v.quorum.required, members: v.members }),
    submitLabel: t('ps.recordAttendance'),
    okText: (res) => t('ok.psAttendance', { n: res?.data?.present ?? checkedValues(present).length }),
    collect: () => ({ presentMemberIds: checkedValues(present) }),
    send: localizeQuorum(send(v, '/attendance')),
    onDone: live.refreshSoon,
  });
  const present = f.field({
    type: 'checks',
    name: 'presentMemberIds',
    label: t('ps.present'),
    hint: t('ps.quorumNeeded', { required: v.quorum.required, members: v.members }),
    options: council.map((m) => [m.personId, m.fullName]),
  });
  return h(
    'section',
    { class: 'card' },
    waiting ? h('p', { class: 'warning', id: 'ps-waiting' }, t('ps.waitingAppraisal', { n: waiting })) : null,
    f.form,
  );
}

/** One secret ballot of a present member: yes / no on every accepted proposal, sent once. */
export function ballotForm(v, onBallot) {
  const choices = [];
  const f = actForm({
    id: 'ps-ballot',
    title: t('ps.ballotTitle'),
    titleLevel: 'h2',
    intro: t('ps.ballotIntro', { n: onBallot.length }),
    submitLabel: t('gf.castBallot'),
    okText: t('ok.gfVote'),
    collect: () => {
      const votes = [];
      const missing = [];
      for (const [i, { p, fieldset }] of choices.entries()) {
        const picked = fieldset.querySelector('input:checked')?.value;
        if (!picked) missing.push({ path: ['votes', i, 'approve'], message: t('gf.chooseOne') });
        else votes.push({ proposalId: p.proposalId, approve: picked === 'yes' });
      }
      if (missing.length) throw new FieldError(missing);
      return { votes };
    },
    send: send(v, '/ballots'),
    onDone: live.refreshSoon,
  });
  for (const [i, p] of onBallot.entries()) {
    const fieldset = f.field({
      type: 'radios',
      name: `approve-${p.proposalId}`,
      path: ['votes', i],
      label: `${p.unitName} — ${awardName(p)} (${p.blocName})`,
      options: [
        ['yes', t('gf.yes')],
        ['no', t('gf.no')],
      ],
    });
    fieldset.dataset.proposal = p.proposalId;
    choices.push({ p, fieldset });
  }
  return h('section', { class: 'card' }, f.form);
}

export function closeForm(v) {
  const f = actForm({
    id: 'ps-close',
    title: t('ps.closeTitle'),
    titleLevel: 'h2',
    intro: t('ps.closeIntro', { voted: v.votedCount, present: v.quorum.present ?? v.members }),
    submitLabel: t('gf.close'),
    okText: t('ok.gfClosed'),
    collect: () => ({}),
    send: send(v, '/close'),
    onDone: live.refreshSoon,
  });
  return h('section', { class: 'card' }, f.form);
}

/**
 * One decision per award kind with awardees, all of one date; each is numbered from the provincial Chairman's
 * register by the act itself (a number cannot be typed), and the numbers come back with the decisions.
 */
export function decisionsForm(v, kinds) {
  const f = actForm({
    id: 'ps-decisions',
    title: t('ps.issueTitle'),
    titleLevel: 'h2',
    intro: t('ps.issueIntro', { count: kinds.length }),
    submitLabel: t('ps.issue'),
    okText: t('ok.psIssued'),
    collect: () => ({ decisionDate: date.value }),
    send: send(v, '/decisions'),
    onDone: live.refreshSoon,
  });
  const date = f.field({ name: 'decisionDate', label: t('ps.decisionDate'), type: 'date', value: vnToday() });
  return h('section', { class: 'card' }, f.form);
}
