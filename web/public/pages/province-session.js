// One sitting of the province award session (GET /api/provinces/:id/years/:year/sessions/:n; issue 13): the
// dossiers the blocs handed in and their appraisal by the standing body (Sở Nội vụ: council secretary or admin —
// accept, or return for completion; the bloc head's officer resubmits), the attendance with the quorum, the secret
// ballot of the present members (only how many have voted while it is open), the close, the results per proposal
// (threshold, province quotas) and the decisions, one per award kind. The sections follow the phase and the
// reader's role; the API scopes what is read (a bloc head sees only its own dossier). Route:
//   #/province/<provinceId>/session/<year>/<n>
import { badge, card, dl, fill, h, table } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import * as live from '../lib/live.js';
import * as session from '../lib/session.js';
import {
  appraiseForm,
  attendanceForm,
  awardName,
  ballotForm,
  closeForm,
  decisionsForm,
  resubmitForm,
  sessionHref,
} from './province-session-forms.js';

const DOSSIER_TONE = { submitted: 'info', accepted: 'ok', returned: 'warn' };
const OUTCOME_TONE = { pending: 'info', awarded: 'ok', belowThreshold: 'bad', overQuota: 'warn', notConsidered: 'bad' };
const PHASE_TONE = { collecting: 'info', appraisal: 'info', voting: 'info', decided: 'ok', issued: '' };
/** Appraisal acts (accept, return, resubmit) are taken until the session opens with its attendance. */
const APPRAISING = ['collecting', 'appraisal'];

export { sessionHref };

const provinceYearHref = (provinceId, year) => `#/province/${encodeURIComponent(provinceId)}/year/${year}`;

function rolesOf(me, v) {
  const memberIds = v.memberIds ?? (v.council ?? []).map((m) => m.personId);
  const isAdmin = me.roles.includes('admin');
  // The read is scoped to the province's council, its admins and the dossiers' head units: a secretary reading it
  // is this council's.
  const isSecretary = me.roles.includes('councilSecretary');
  return {
    isAdmin,
    isSecretary,
    standingBody: isAdmin || isSecretary,
    isMember: me.roles.includes('councilMember') && memberIds.includes(me.personId),
    headsDossier: (d) => !!me.unitId && me.roles.includes('unitOfficer') && d.headUnitId === me.unitId,
  };
}

const votedOf = (v) => t('ps.votedOf', { voted: v.votedCount, present: v.quorum.present ?? v.members });

function summary(v) {
  const q = v.quorum;
  return card(
    t('ps.summary'),
    dl(
      [
        [t('ps.phase'), t(`ps.phase.${v.phase}`)],
        [
          t('ps.deadline'),
          [
            fmt.dateTime(v.submissionDeadline),
            v.phase === 'collecting' ? h('span', { class: 'muted' }, ` (${fmt.dueIn(v.submissionDeadline)})`) : null,
          ],
        ],
        [t('ps.council'), t('ps.membersOf', { n: v.members })],
        [
          t('ps.quorum'),
          [
            t('ps.quorumNeeded', { required: q.required, members: v.members }),
            q.present !== null ? ` — ${t('ps.presentOf', { present: q.present, members: v.members })}` : null,
          ],
        ],
        v.phase === 'voting' || v.phase === 'decided' || v.phase === 'issued'
          ? [t('ps.ballots'), h('span', { id: 'ps-progress' }, votedOf(v))]
          : null,
      ],
      { id: 'ps-summary' },
    ),
  );
}

function dossiersCard(v, roles, proposalsOf) {
  const forms = [];
  if (APPRAISING.includes(v.phase))
    for (const d of v.dossiers) {
      if (roles.standingBody && d.status === 'submitted') forms.push(appraiseForm(v, d));
      if (roles.headsDossier(d) && d.status === 'returned') forms.push(resubmitForm(v, d, proposalsOf(d)));
    }
  return card(
    t('ps.dossiers'),
    table({
      columns: [
        { label: t('py.bloc'), rowHeader: true, render: (d) => [d.blocName, h('br'), h('small', {}, d.blocCode)] },
        { label: t('ps.handedIn'), render: (d) => fmt.dateTime(d.handedInAt) },
        {
          label: t('py.proposals'),
          render: (d) =>
            h(
              'ul',
              { class: 'plain' },
              proposalsOf(d).map((p) => h('li', {}, `${p.unitName} — ${awardName(p)}`)),
            ),
        },
        { label: t('ps.attempts'), className: 'num', render: (d) => String(d.attempts) },
        {
          label: t('ps.appraisal'),
          render: (d) => [
            badge(t(`ps.dossier.${d.status}`), DOSSIER_TONE[d.status]),
            d.reason ? h('div', { class: 'small' }, d.reason) : null,
          ],
        },
      ],
      rows: v.dossiers,
      rowAttrs: (d) => ({ 'data-bloc': d.blocCode, 'data-status': d.status }),
      empty: t('ps.noDossiers'),
    }),
    ...forms,
  );
}

function votesCell(p) {
  if (p.yes === null || p.yes === undefined || !p.base) return '—';
  return t('ps.yesOf', { yes: p.yes, base: p.base, share: fmt.percent(p.yes / p.base) });
}

function proposalsCard(v) {
  const counted = v.phase === 'decided' || v.phase === 'issued';
  return card(
    counted ? t('ps.results') : t('ps.proposals'),
    table({
      caption: v.phase === 'voting' ? t('secretNote') : null,
      columns: [
        { label: t('unit'), rowHeader: true, render: (p) => p.unitName },
        { label: t('py.bloc'), render: (p) => p.blocName },
        { label: t('award'), render: awardName },
        { label: t('ps.votes'), className: 'num', render: votesCell },
        {
          label: t('ps.outcome'),
          render: (p) =>
            p.outcome === 'pending' && !counted
              ? h('span', { class: 'muted' }, t(v.phase === 'voting' ? 'ps.outcome.pending' : 'ps.notYet'))
              : badge(t(`ps.outcome.${p.outcome}`), OUTCOME_TONE[p.outcome]),
        },
        {
          label: t('ps.decisionCol'),
          render: (p) =>
            p.decisionNumber ? [p.decisionNumber, h('div', { class: 'muted small' }, fmt.money(p.amountVnd))] : '—',
        },
      ],
      rows: v.proposals,
      rowAttrs: (p) => ({ 'data-proposal': p.proposalId, 'data-unit': p.unitName, 'data-outcome': p.outcome }),
      empty: t('ps.noProposals'),
    }),
  );
}

function decisionsCard(v) {
  return card(
    t('ps.decisions'),
    v.decisions.map((d) => {
      const total = d.awardees.reduce((sum, a) => sum + (a.amountVnd ?? 0), 0);
      return h(
        'section',
        { class: 'panel', id: `ps-decision-${d.awardType}`, 'data-decision': d.decisionNumber ?? '' },
        h(
          'h3',
          {},
          t('ps.decisionTitle', {
            award: t(`award.${d.awardType}`),
            number: d.decisionNumber ?? '—',
            date: fmt.date(d.decisionDate),
          }),
        ),
        table({
          columns: [
            { label: t('unit'), rowHeader: true, render: (a) => a.unitName },
            { label: t('py.bloc'), render: (a) => a.blocName },
            { label: t('py.money'), className: 'num money', render: (a) => fmt.money(a.amountVnd) },
          ],
          rows: d.awardees,
        }),
        h('p', { class: 'total' }, t('ps.total', { n: d.awardees.length, money: fmt.money(total) })),
      );
    }),
  );
}

function render(main, v, me, provinceName) {
  const roles = rolesOf(me, v);
  const dossierOf = (p) => v.dossiers.find((d) => d.cycleId === p.cycleId);
  const proposals = v.proposals.map((p) => ({ ...p, blocName: dossierOf(p)?.blocName ?? '' }));
  const view = { ...v, proposals };
  const proposalsOf = (d) => proposals.filter((p) => p.cycleId === d.cycleId);
  const content = [summary(v), dossiersCard(view, roles, proposalsOf)];

  if (v.phase === 'collecting' && roles.standingBody)
    content.push(
      h(
        'p',
        { class: 'state info', id: 'ps-collecting' },
        t('ps.collectingNote', { date: fmt.dateTime(v.submissionDeadline) }),
      ),
    );
  if (v.phase === 'appraisal' && roles.standingBody) {
    const council = v.council ?? [];
    const waiting = v.dossiers.filter((d) => d.status === 'submitted').length;
    content.push(attendanceForm(v, council, waiting));
  }
  if (v.phase === 'voting') {
    const present = v.presentMemberIds ?? [];
    if (roles.isMember) {
      const onBallot = proposals.filter((p) => dossierOf(p)?.status === 'accepted' && p.outcome === 'pending');
      if ((v.voterIds ?? []).includes(me.personId))
        content.push(h('p', { class: 'state ok', id: 'ps-voted' }, t('gf.youVoted')));
      else if (present.includes(me.personId)) content.push(ballotForm(view, onBallot));
      else content.push(h('p', { class: 'state info', id: 'ps-absent' }, t('ps.notPresent')));
    }
    if (roles.standingBody) content.push(closeForm(v));
  }
  content.push(proposalsCard(view));
  if (v.phase === 'decided' && roles.standingBody) {
    const kinds = [...new Set(proposals.filter((p) => p.outcome === 'awarded').map((p) => p.awardType))];
    if (kinds.length) content.push(decisionsForm(v, kinds));
  }
  if (v.decisions.length && v.decisions.some((d) => d.decisionNumber)) content.push(decisionsCard(v));

  const roleBadges = [
    roles.isMember ? t('councilMember') : null,
    roles.isSecretary ? t('councilSecretary') : null,
    v.dossiers.some(roles.headsDossier) ? t('head') : null,
  ]
    .filter(Boolean)
    .map((r) => badge(r, 'role'));
  fill(
    main,
    h(
      'p',
      { class: 'crumbs' },
      h('a', { href: '#/province-year' }, t('py.title')),
      ' › ',
      h(
        'a',
        { href: provinceYearHref(v.provinceId, v.year) },
        t('ps.yearOf', { year: v.year, province: provinceName }),
      ),
      ' › ',
      t('ps.sitting', { n: v.n }),
    ),
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, t('ps.pageTitle', { n: v.n, year: v.year, province: provinceName })),
      h('div', { class: 'head-badges' }, badge(t(`ps.phase.${v.phase}`), PHASE_TONE[v.phase]), roleBadges),
    ),
    ...content,
  );
}

/** The province's name, from the blocs the reader may read. */
async function provinceNameOf(provinceId) {
  const bloc = (await api.blocs('?take=500').catch(() => [])).find((b) => b.provinceId === provinceId);
  return bloc?.province?.name ?? provinceId;
}

export async function provinceSessionPage(main, provinceId, year, n) {
  const me = session.current();
  const load = () => api.provinceSession(provinceId, year, n);
  const [v, provinceName] = await Promise.all([load(), provinceNameOf(provinceId)]);
  render(main, v, me, provinceName);
  live.watch({ load, render: (next) => render(main, next, me, provinceName), root: main, data: v });
}

/** The sittings of a province's year as links (for the province's overview page); none: nothing. */
export async function sessionLinks(provinceId, year) {
  let sessions = [];
  try {
    sessions = (await api.provinceSessions(provinceId, year)).sessions ?? [];
  } catch (err) {
    if (err.status !== 404) throw err;
  }
  return card(
    t('ps.sessionsTitle'),
    sessions.length
      ? h(
          'ul',
          { id: 'py-sessions' },
          sessions.map((s) =>
            h(
              'li',
              { 'data-session': String(s.n) },
              h('a', { href: sessionHref(provinceId, year, s.n) }, t('ps.sitting', { n: s.n })),
              ' ',
              badge(t(`ps.phase.${s.phase}`), PHASE_TONE[s.phase]),
              ' ',
              h(
                'span',
                { class: 'muted small' },
                t('ps.sessionLine', { dossiers: s.dossiers.length, deadline: fmt.date(s.submissionDeadline) }),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, t('ps.noSessions')),
  );
}
