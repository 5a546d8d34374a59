// The page's two live regions: errors (role="alert", announced at once) and confirmations (role="status").
import { fill, h } from './dom.js';
import { t } from './i18n.js';

const alertBox = () => document.getElementById('alert');
const noticeBox = () => document.getElementById('notice');

/** Shows an error; `issues` (from the API) are listed under the message. */
export function showError(message, issues = []) {
  const box = alertBox();
  noticeBox().hidden = true;
  fill(
    box,
    h('strong', {}, message),
    issues.length
      ? h(
          'ul',
          {},
          issues.map((i) => h('li', {}, i)),
        )
      : null,
  );
  box.hidden = false;
}

let flash = false;

/** A confirmation; `keep` lets it survive the navigation that usually follows (e.g. to the new cycle). */
export function showOk(message, { keep = false } = {}) {
  flash = keep;
  alertBox().hidden = true;
  alertBox().replaceChildren();
  const box = noticeBox();
  box.textContent = message;
  box.hidden = false;
}

/** True once after a showOk(…, { keep: true }): the router then leaves the message up. */
export function takeFlash() {
  const f = flash;
  flash = false;
  return f;
}

export function clearStatus() {
  for (const box of [alertBox(), noticeBox()]) {
    box.hidden = true;
    box.replaceChildren();
  }
}

const CODE_TITLES = [
  'VALIDATION',
  'FORBIDDEN',
  'NOT_FOUND',
  'WRONG_PHASE',
  'DEADLINE_PASSED',
  'ALREADY_DONE',
  'CONFLICT',
  'RULE_VIOLATION',
  'UNAUTHENTICATED',
  'UNAVAILABLE',
  'NETWORK',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'INTERNAL',
];

/** "Không đúng giai đoạn: not allowed in phase voting (needs pledge)" */
export function describeError(err) {
  if (err?.localized) return err.message;
  const title = CODE_TITLES.includes(err?.code) ? t(`err.${err.code}`) : t('err.generic');
  return err?.message && err.message !== title ? `${title}: ${err.message}` : title;
}

/** The API's issues as "decisionDate: Ngày không hợp lệ" lines (the Zod path, then the message). */
export function issueLines(err) {
  return (err?.issues ?? []).map((i) => {
    const path = Array.isArray(i.path) ? i.path.join('.') : String(i.path ?? '');
    const text = issueText(i.message);
    return path ? `${path}: ${text}` : text;
  });
}

/** Shows an error from the API (or the network) with every issue path it carries, plus `extra` lines. */
export function reportError(err, extra = []) {
  const message = describeError(err);
  // A client-side check may carry its own message as its only issue: say it once.
  const lines = issueLines(err).filter((l) => !message.endsWith(l) && !l.endsWith(`: ${message}`));
  showError(message, [...lines, ...extra]);
}

/** A Zod / domain issue message in the reader's language where we recognise it. */
export function issueText(message) {
  const m = String(message ?? '');
  const rules = [
    [/expected string to have >=\s*(\d+) characters?/i, (x) => t('issue.minChars', { n: x[1] })],
    [/expected string to have <=\s*(\d+) characters?/i, (x) => t('issue.maxChars', { n: x[1] })],
    [/expected array to have >=\s*(\d+) items?/i, (x) => t('issue.minItems', { n: x[1] })],
    [/expected number to be >=\s*([\d.]+)/i, (x) => t('issue.min', { n: x[1] })],
    [/expected number to be <=\s*([\d.]+)/i, (x) => t('issue.max', { n: x[1] })],
    [/expected number, received/i, () => t('issue.number')],
    [/invalid (iso )?datetime|invalid iso date/i, () => t('issue.datetime')],
    [/expected string, received undefined|required/i, () => t('issue.required')],
    [/must not be before the (\w+) deadline/i, (x) => t('issue.deadlineOrder', { phase: t(`phase.${x[1]}`) })],
    [/requires evidence/i, () => t('issue.evidence')],
    [/above the maximum ([\d.]+)/i, (x) => t('issue.max', { n: x[1] })],
  ];
  for (const [re, make] of rules) {
    const hit = m.match(re);
    if (hit) return make(hit);
  }
  return m;
}
