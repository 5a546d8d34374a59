// The cells of the leaders table of the Government-flag page (pages/government-flag.js).
import { badge, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as fmt from '../lib/format.js';

const TONE = {
  draft: 'info',
  selected: 'ok',
  rejected: 'bad',
  submitted: 'info',
  approved: 'ok',
  returned: 'warn',
  onHold: 'warn',
};

/** The vote column: while voting only how many have voted; after the close the yes-share and rank. */
export function voteCell(c) {
  const v = c.vote;
  if (!v) return '—';
  const r = v.result;
  if (!r) return t('gf.votedOf', { n: v.voted, total: v.eligibleVoters });
  return [
    h('span', {}, t('gf.yesOf', { yes: r.yes ?? 0, base: r.base, share: fmt.percent(r.share) })),
    r.rank ? h('div', { class: 'muted small' }, t('gf.rank', { n: r.rank })) : null,
  ];
}

/** Ballot verdicts with their own wording; any other rejection (disqualified, not submitted) shows the workflow's reason. */
const BALLOT_REASONS = ['belowThreshold', 'overQuota', 'lapsed'];

export function statusCell(c) {
  const reason = c.vote?.result?.reason;
  const because =
    c.status === 'rejected' && BALLOT_REASONS.includes(reason)
      ? t(`gf.reason.${reason}`)
      : c.status === 'returned' || c.status === 'onHold' || c.status === 'rejected'
        ? c.reason
        : null;
  return [badge(t(`gf.status.${c.status}`), TONE[c.status]), because ? h('div', { class: 'small' }, because) : null];
}

export function decisionCell(c) {
  const d = c.decision;
  if (!d) return '—';
  return [
    h('span', {}, `${d.decisionNumber} · ${fmt.date(d.decisionDate)}`),
    h('div', { class: 'muted small' }, `${d.signer} · ${fmt.money(d.amountVnd)}`),
  ];
}
