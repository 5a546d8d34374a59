// The year-end assessment meeting (bình xét, suy tôn): attendance and quorum, then each contest
// by secret ballot, round by round. The page shows only WHO has voted (never what): the workflow
// keeps ballots apart from voters and the API never returns a ballot's author.
import { badge, card, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import { refreshSoon } from '../lib/live.js';
import { actForm, checkedValues } from '../lib/forms.js';
import { hasVoted, rememberVote } from '../lib/cycle-model.js';
import { documentsCard } from '../components/documents.js';
import { meetingRecordCard } from '../components/meeting-record.js';

const actSend = (m, path) => (body, key) => api.act(m.id, path, body, key);

function meetingCard(m) {
  const meeting = m.view.meeting;
  const content = [];
  if (meeting) {
    content.push(
      h(
        'p',
        {},
        meeting.quorumMet ? badge(t('meeting.open'), 'ok') : badge(t('meeting.noQuorum'), 'bad'),
        ' ',
        t('meeting.present', { n: meeting.presentUnitIds.length, total: m.units.length }),
      ),
      h(
        'ul',
        { class: 'inline-list', 'aria-label': t('meeting.presentList') },
        meeting.presentUnitIds.map((id) => h('li', {}, m.nameOf(id))),
      ),
    );
  } else content.push(h('p', {}, badge(t('meeting.notOpen'), 'warn')));
  if (m.isHead && m.phase === 'voting' && !meeting?.quorumMet) {
    const f = actForm({
      id: 'open-meeting',
      title: t('meeting.openTitle'),
      intro: t('meeting.openIntro'),
      submitLabel: t('meeting.openSubmit'),
      okText: (res) => (res?.data?.quorumMet === false ? t('ok.noQuorum') : t('ok.meetingOpened')),
      collect: () => ({ presentUnitIds: checkedValues(present) }),
      send: actSend(m, '/meeting'),
      onDone: refreshSoon,
    });
    const present = f.field({
      name: 'presentUnitIds',
      label: t('meeting.attendance'),
      type: 'checks',
      options: m.units.map((u) => [u.unitId, u.name]),
      checked: m.units.map((u) => u.unitId),
    });
    content.push(f.form);
  }
  return card(t('meeting.title'), ...content);
}

function roundsTable(m, c) {
  if (!c.rounds.length) return null;
  return h(
    'details',
    { class: 'rounds' },
    h('summary', {}, t('contest.rounds', { n: c.rounds.length })),
    c.rounds.map((r) =>
      table({
        caption: `${t('round')} ${r.round}: ${t(`outcome.${r.outcome}`)} · ${t('contest.ballots', { valid: r.validBallots, invalid: r.invalidBallots })}`,
        columns: [
          { label: t('candidate'), rowHeader: true, render: (id) => m.nameOf(id) },
          { label: t('votes'), className: 'num', render: (id) => String(r.counts[id] ?? 0) },
          { label: t('share'), className: 'num', render: (id) => fmt.percent(r.shares[id] ?? 0) },
        ],
        rows: [...r.candidates].sort((a, b) => (r.counts[b] ?? 0) - (r.counts[a] ?? 0)),
      }),
    ),
  );
}

function ballotForm(m, me, c) {
  const single = c.seats === 1;
  const f = actForm({
    id: `ballot-${c.contest}`,
    title: t('ballot.title'),
    intro: t(single ? 'ballot.introOne' : 'ballot.introMany', { n: c.seats }),
    submitLabel: t('ballot.submit'),
    okText: t('ok.ballot'),
    collect: () => ({ unitId: me.unitId, contest: c.contest, round: c.round, choices: checkedValues(choices) }),
    send: async (body, key) => {
      try {
        const res = await api.act(m.id, '/ballots', body, key);
        rememberVote(m.id, c.contest, c.round, me.unitId);
        return res;
      } catch (err) {
        if (err.code === 'ALREADY_DONE') rememberVote(m.id, c.contest, c.round, me.unitId);
        throw err;
      }
    },
    onDone: refreshSoon,
    className: 'ballot',
  });
  const choices = f.field({
    name: 'choices',
    label: t(single ? 'ballot.legendOne' : 'ballot.legendMany', { n: c.seats }),
    type: single ? 'radios' : 'checks',
    options: c.candidates.map((id) => [id, candidateLabel(m, id)]),
  });
  if (!single) {
    // At most `seats` boxes: the rest are disabled once the limit is reached.
    choices.addEventListener('change', () => {
      const full = checkedValues(choices).length >= c.seats;
      choices.querySelectorAll('input').forEach((i) => (i.disabled = full && !i.checked));
    });
  }
  return f.form;
}

const candidateLabel = (m, id) => {
  const u = m.units.find((x) => x.unitId === id);
  return u?.finalTotal !== null && u?.finalTotal !== undefined
    ? `${m.nameOf(id)} — ${fmt.points(u.finalTotal)} ${t('pointsShort')}, ${t('rank')} ${u.rank}`
    : m.nameOf(id);
};

function contestCard(m, me, c) {
  const present = m.view.meeting?.presentUnitIds ?? [];
  const iVoted =
    m.myUnit &&
    (Array.isArray(c.votedUnitIds)
      ? c.votedUnitIds.includes(me.unitId)
      : hasVoted(m.id, c.contest, c.round, me.unitId));
  const content = [
    h(
      'p',
      {},
      badge(
        t(`contestStatus.${c.status}`),
        c.status === 'decided' ? 'ok' : c.status === 'open' ? 'info' : c.status === 'awaitingDecision' ? 'warn' : '',
      ),
      ' ',
      t('contest.seats', { n: c.seats }),
      c.round ? ` · ${t('round')} ${c.round}` : '',
    ),
  ];
  if (c.status === 'open') {
    content.push(h('p', { class: 'voted-count' }, t('contest.voted', { n: c.votedCount, total: c.expectedVoters })));
    if (Array.isArray(c.votedUnitIds))
      content.push(
        h(
          'ul',
          { class: 'inline-list', 'aria-label': t('contest.votedList') },
          c.votedUnitIds.map((id) => h('li', {}, m.nameOf(id), ' ', badge(t('voted'), 'ok'))),
        ),
      );
    if (m.myUnit && present.includes(me.unitId))
      content.push(iVoted ? h('p', { class: 'state ok' }, t('ballot.done')) : ballotForm(m, me, c));
    else if (m.myUnit) content.push(h('p', { class: 'muted' }, t('ballot.notPresent')));
    if (m.isHead) {
      content.push(
        actForm({
          id: `close-${c.contest}`,
          intro: t('contest.closeIntro'),
          submitLabel: t('contest.close'),
          okText: t('ok.roundClosing'),
          collect: () => ({ contest: c.contest, round: c.round }),
          send: actSend(m, '/rounds/close'),
          onDone: refreshSoon,
          className: 'compact',
        }).form,
      );
    }
  }
  if (c.status === 'awaitingDecision') {
    content.push(h('p', {}, t('contest.awaiting')));
    if (m.isHead || m.isDeputy) {
      const f = actForm({
        id: `decide-${c.contest}`,
        title: t('contest.decideTitle'),
        intro: t('contest.decideIntro'),
        submitLabel: t('contest.decide'),
        okText: t('ok.decided'),
        collect: () => ({ contest: c.contest, unitIds: checkedValues(pick) }),
        send: actSend(m, '/contests/decide'),
        onDone: refreshSoon,
      });
      const pick = f.field({
        name: 'unitIds',
        label: t('contest.decideLegend', { n: c.seats }),
        type: c.seats === 1 ? 'radios' : 'checks',
        options: c.candidates.map((id) => [id, candidateLabel(m, id)]),
      });
      content.push(f.form);
    }
  }
  if (c.status === 'decided') {
    content.push(
      c.winners.length
        ? h(
            'p',
            { class: 'winners' },
            `${t('winners')}: `,
            h('strong', {}, c.winners.map(m.nameOf).join(', ')),
            ` (${t(`decidedBy.${c.decidedBy}`)})`,
          )
        : h('p', {}, t('noWinner'), c.noWinnerReason ? ` (${t(`noWinnerReason.${c.noWinnerReason}`)})` : ''),
    );
  }
  content.push(roundsTable(m, c));
  const section = card(t(`contest.${c.contest}`), ...content);
  section.dataset.contest = c.contest;
  return section;
}

export function meetingTab(m, me) {
  const root = h('div', { class: 'meeting' });
  root.append(meetingRecordCard(m));
  if (m.phaseIndex < m.phaseIndexOf('voting')) {
    root.append(card(t('meeting.title'), h('p', {}, t('meeting.later', { due: fmt.dateTime(m.deadlines?.voting) }))));
    return root;
  }
  root.append(h('p', { class: 'secret-note' }, t('secretNote')));
  root.append(
    h(
      'div',
      { class: 'meeting-grid' },
      meetingCard(m),
      m.view.contests.map((c) => contestCard(m, me, c)),
    ),
  );
  const docs = documentsCard(m.documents, { canNumber: m.isHead });
  if (docs) root.append(docs);
  return root;
}
