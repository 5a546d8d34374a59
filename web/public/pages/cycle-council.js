// The provincial council's review of the bloc's proposals: members vote (secretly), the secretary
// closes the vote (or it closes when all voted / at the deadline), then records approve / return /
// reject on the closed result with the decision number and date, the head resubmits a
// returned dossier; the standing body can put a unit on hold (ND 152/2025 Art. 4(4)).
import { badge, card, dl, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import { refreshSoon } from '../lib/live.js';
import { actForm } from '../lib/forms.js';
import { hasVoted, rememberVote } from '../lib/cycle-model.js';
import { documentsCard } from '../components/documents.js';

const actSend = (m, path) => (body, key) => api.act(m.id, path, body, key);
const TONE = {
  submitted: 'info',
  approved: 'ok',
  returned: 'warn',
  rejected: 'bad',
  onHold: 'warn',
  disqualified: 'bad',
  revoked: 'bad',
};

function voteForms(m, me, p) {
  if (hasVoted(m.id, 'council', p.id, p.attempts, me.personId))
    return h('p', { class: 'state ok' }, t('council.youVoted'));
  const make = (approve) => {
    const f = actForm({
      id: `vote-${approve ? 'yes' : 'no'}-${p.unitId}-${p.awardType}`,
      submitLabel: approve ? t('council.yes') : t('council.no'),
      okText: t('ok.councilVote'),
      collect: () => ({ proposalId: p.id, approve }),
      send: async (body, key) => {
        try {
          const res = await api.act(m.id, '/council/votes', body, key);
          rememberVote(m.id, 'council', p.id, p.attempts, me.personId);
          return res;
        } catch (err) {
          if (err.code === 'ALREADY_DONE') rememberVote(m.id, 'council', p.id, p.attempts, me.personId);
          throw err;
        }
      },
      onDone: refreshSoon,
      className: 'inline',
    });
    f.submit.setAttribute(
      'aria-label',
      `${approve ? t('council.yes') : t('council.no')}: ${m.nameOf(p.unitId)} — ${t(`award.${p.awardType}`)}`,
    );
    if (!approve) f.submit.classList.remove('primary');
    return f.form;
  };
  return h(
    'div',
    { class: 'vote-buttons', role: 'group', 'aria-label': t('council.voteOn', { unit: m.nameOf(p.unitId) }) },
    make(true),
    make(false),
  );
}

function decisionForm(m, p) {
  const f = actForm({
    id: `decision-${p.unitId}-${p.awardType}`,
    title: t('council.decisionTitle'),
    submitLabel: t('council.decide'),
    okText: t('ok.councilDecision'),
    collect: () => ({
      proposalId: p.id,
      decision: decision.value,
      ...(number.value.trim() ? { decisionNumber: number.value } : {}),
      ...(decision.value === 'approve' && date.value ? { decisionDate: date.value } : {}),
      ...(reason.value.trim() ? { reason: reason.value } : {}),
    }),
    send: actSend(m, '/council/decisions'),
    onDone: refreshSoon,
  });
  const decision = f.field({
    name: 'decision',
    label: t('council.decision'),
    type: 'select',
    options: [
      ['approve', t('council.approve')],
      ['return', t('council.return')],
      ['reject', t('council.reject')],
    ],
  });
  const number = f.field({
    name: 'decisionNumber',
    label: t('council.decisionNumber'),
    hint: t('council.decisionNumberHint'),
  });
  const date = f.field({
    name: 'decisionDate',
    label: t('council.decisionDate'),
    type: 'date',
    value: new Date().toISOString().slice(0, 10),
  });
  const reason = f.field({
    name: 'reason',
    label: t('council.reason'),
    type: 'textarea',
    rows: 2,
    hint: t('council.reasonHint'),
  });
  return f.form;
}

function closeVoteForm(m, p) {
  return actForm({
    id: `close-vote-${p.unitId}-${p.awardType}`,
    title: t('council.closeTitle'),
    intro: t('council.closeIntro'),
    submitLabel: t('council.close'),
    okText: t('ok.councilVoteClosed'),
    collect: () => ({ proposalId: p.id }),
    send: actSend(m, '/council/close-vote'),
    onDone: refreshSoon,
  }).form;
}

function resubmitForm(m, p) {
  const f = actForm({
    id: `resubmit-${p.unitId}-${p.awardType}`,
    title: t('council.resubmitTitle'),
    intro: p.reason ? t('council.returnedBecause', { reason: p.reason }) : null,
    submitLabel: t('council.resubmit'),
    okText: t('ok.resubmitted'),
    collect: () => ({ proposalId: p.id, achievement: achievement.value }),
    send: actSend(m, '/council/resubmit'),
    onDone: refreshSoon,
  });
  const achievement = f.field({
    name: 'achievement',
    label: t('council.achievement'),
    type: 'textarea',
    rows: 4,
    value: p.achievement ?? '',
  });
  return f.form;
}

function proposalCard(m, me, p) {
  const round = m.councilRound(p.id);
  const d = p.decision;
  const facts = dl([
    [t('council.achievement'), p.achievement || '—'],
    [t('council.blocShare'), fmt.percent(p.voteShare)],
    round ? [t('council.votes'), t('council.votedOf', { n: round.votedCount, total: round.eligibleVoters })] : null,
    round?.result && round.closedAt
      ? [
          t('council.result'),
          t('council.yesOf', {
            yes: round.result.yes,
            base: round.result.base,
            share: fmt.percent(round.result.share),
          }),
        ]
      : null,
    d ? [t('council.decisionNumber'), `${d.decisionNumber} · ${fmt.date(d.decisionDate)}`] : null,
    d ? [t('council.amount'), fmt.money(d.amountVnd)] : null,
    p.reason && p.status !== 'approved' ? [t('council.reason'), p.reason] : null,
  ]);
  const actions = [];
  // Members vote once the council has opened this proposal's ballot (its round row exists).
  // Once the vote is closed (the last vote, the deadline or the secretary) a member sees that, not the forms.
  const closedVote = round && round.closedAt && round.round === p.attempts;
  if (p.status === 'submitted' && m.isCouncilMember)
    actions.push(
      round && !round.closedAt && round.round === p.attempts
        ? voteForms(m, me, p)
        : closedVote
          ? h(
              'p',
              { class: hasVoted(m.id, 'council', p.id, p.attempts, me.personId) ? 'state ok' : 'muted' },
              hasVoted(m.id, 'council', p.id, p.attempts, me.personId)
                ? t('council.youVoted')
                : t('council.voteClosed'),
            )
          : h('p', { class: 'muted' }, t('council.notOpen')),
    );
  // The secretary decides on the CLOSED vote (every member voted, the deadline, or closed here);
  // before that only the close is offered — no count is shown or answered while the vote runs.
  const current = round && round.round === p.attempts;
  if (p.status === 'submitted' && m.isSecretary)
    actions.push(
      current && round.closedAt
        ? decisionForm(m, p)
        : current
          ? closeVoteForm(m, p)
          : h('p', { class: 'muted' }, t('council.notOpen')),
    );
  if (p.status === 'returned' && m.isHead) actions.push(resubmitForm(m, p));
  const id = `proposal-${p.unitId}-${p.awardType}`;
  return h(
    'section',
    { class: 'card proposal', 'aria-labelledby': id, 'data-proposal': p.id },
    h(
      'div',
      { class: 'card-head' },
      h('h3', { id }, `${t(`award.${p.awardType}`)}: ${m.nameOf(p.unitId)}`),
      badge(t(`proposal.${p.status}`), TONE[p.status]),
    ),
    facts,
    ...actions,
  );
}

function holdsPanel(m) {
  const hold = actForm({
    id: 'hold',
    title: t('hold.put'),
    intro: t('hold.intro'),
    submitLabel: t('hold.putSubmit'),
    okText: t('ok.held'),
    collect: () => ({ unitId: unit.value, kind: kind.value, reason: reason.value }),
    send: actSend(m, '/holds'),
    onDone: refreshSoon,
  });
  const unit = hold.field({
    name: 'unitId',
    label: t('unit'),
    type: 'select',
    options: m.units.filter((u) => u.hold === 'none').map((u) => [u.unitId, u.name]),
  });
  const kind = hold.field({
    name: 'kind',
    label: t('hold.kind'),
    type: 'select',
    options: ['investigation', 'discipline', 'complaint', 'pressAllegation', 'inspection'].map((k) => [
      k,
      t(`holdKind.${k}`),
    ]),
  });
  const reason = hold.field({ name: 'reason', label: t('reason') });
  const held = m.units.filter((u) => u.hold === 'onHold');
  let resolve = null;
  if (held.length) {
    const f = actForm({
      id: 'resolve-hold',
      title: t('hold.resolve'),
      submitLabel: t('hold.resolveSubmit'),
      okText: t('ok.holdResolved'),
      collect: () => ({ unitId: rUnit.value, outcome: outcome.value, reason: rReason.value }),
      send: actSend(m, '/holds/resolve'),
      onDone: refreshSoon,
    });
    const rUnit = f.field({
      name: 'unitId',
      label: t('unit'),
      type: 'select',
      options: held.map((u) => [u.unitId, u.name]),
    });
    const outcome = f.field({
      name: 'outcome',
      label: t('hold.outcome'),
      type: 'select',
      options: [
        ['cleared', t('hold.cleared')],
        ['disciplined', t('hold.disciplined')],
      ],
    });
    const rReason = f.field({ name: 'reason', label: t('reason') });
    resolve = f.form;
  }
  return h('details', { class: 'card' }, h('summary', {}, t('hold.title')), hold.form, resolve);
}

export function councilTab(m, me) {
  const proposals = m.projection.proposals;
  const root = h('div', { class: 'council' });
  if (proposals.length === 0) {
    root.append(
      card(
        t('council.title'),
        h('p', {}, m.phaseIndex < m.phaseIndexOf('council') ? t('council.later') : t('council.none')),
      ),
    );
  } else {
    const counts = proposals.reduce((acc, p) => ({ ...acc, [p.status]: (acc[p.status] ?? 0) + 1 }), {});
    root.append(
      h(
        'p',
        { class: 'council-summary' },
        Object.entries(counts).map(([s, n]) => badge(`${t(`proposal.${s}`)}: ${n}`, TONE[s])),
      ),
    );
    if (m.isCouncilMember) root.append(h('p', { class: 'secret-note' }, t('council.secretNote')));
    const order = { 'emulation-flag': 0, 'government-flag': 1, 'certificate-of-merit': 2 };
    root.append(
      h(
        'div',
        { class: 'proposal-grid' },
        [...proposals]
          .sort((a, b) => (order[a.awardType] ?? 9) - (order[b.awardType] ?? 9))
          .map((p) => proposalCard(m, me, p)),
      ),
    );
  }
  const docs = documentsCard(m.documents, { canNumber: m.isHead });
  if (docs) root.append(docs);
  if ((m.isAdmin || m.isSecretary) && m.phase !== 'closed') root.append(holdsPanel(m));
  return root;
}
