// The cycle's official documents (GET /api/cycles/:id/documents): the meeting minutes, the
// ballot-count record, the proposal letter and the award decisions, each as DOCX or PDF. The files
// sit behind the bearer token, so a button fetches the file (lib/api.js download) and hands it to
// the browser as an object URL; a plain <a href> could not send the Authorization header.
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import { clearStatus, reportError, showOk } from '../lib/status.js';

const FORMATS = ['pdf', 'docx'];

export async function save(button, path) {
  if (button.getAttribute('aria-busy') === 'true') return;
  const holder = button.closest('section') ?? button;
  // data-busy: the page's polling must not redraw the button away during the download.
  holder.setAttribute('data-busy', 'true');
  button.setAttribute('aria-busy', 'true');
  button.disabled = true;
  clearStatus();
  try {
    const { blob, filename } = await api.download(path);
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    showOk(t('docs.downloaded', { file: filename }));
  } catch (err) {
    reportError(err);
  } finally {
    holder.removeAttribute('data-busy');
    button.removeAttribute('aria-busy');
    button.disabled = false;
    button.focus();
  }
}

/** Two buttons (PDF, DOCX) for one document; `what` names it for screen readers. */
function downloadButtons(links, what, slug, key = slug) {
  return h(
    'span',
    { class: 'downloads', role: 'group', 'aria-label': what },
    FORMATS.map((format) => {
      const label = `${t('docs.download')} ${format.toUpperCase()}`;
      const button = h(
        'button',
        {
          type: 'button',
          id: `doc-${key}-${format}`,
          class: 'small',
          'data-doc': slug,
          'data-format': format,
          'aria-label': `${label}: ${what}`,
        },
        label,
      );
      button.addEventListener('click', () => void save(button, links[format]));
      return button;
    }),
  );
}

/** The bloc head gives the bloc's documents their numbers (a download never does): POST …/documents/:kind/number. */
function numberButton(cycleId, kind) {
  const button = h(
    'button',
    { type: 'button', id: `doc-${kind}-number`, class: 'small', 'data-number': kind },
    t('docs.giveNumber'),
  );
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-busy') === 'true') return;
    button.setAttribute('aria-busy', 'true');
    button.disabled = true;
    clearStatus();
    try {
      const { numbers } = await api.post(
        `/api/cycles/${encodeURIComponent(cycleId)}/documents/${encodeURIComponent(kind)}/number`,
      );
      showOk(t('docs.numbered', { number: numbers[kind] }));
      button.replaceWith(h('span', { class: 'muted' }, ` · ${t('docs.number')} ${numbers[kind]}`));
    } catch (err) {
      reportError(err);
      button.removeAttribute('aria-busy');
      button.disabled = false;
    }
  });
  return button;
}

/** The documents card, or null when the reader may not see them (the list call failed). `canNumber`: the bloc head. */
export function documentsCard(list, { canNumber = false } = {}) {
  if (!list) return null;
  const rows = list.documents.filter((d) => d.kind !== 'decision');
  return h(
    'section',
    { class: 'card documents', id: 'documents', 'aria-labelledby': 'documents-title' },
    h('h2', { id: 'documents-title' }, t('docs.title')),
    h(
      'ul',
      { class: 'doc-list' },
      rows.map((d) =>
        h(
          'li',
          { 'data-document': d.kind, 'data-available': String(d.available) },
          h(
            'span',
            { class: 'doc-name' },
            t(`docs.${d.kind}`),
            d.number ? h('span', { class: 'muted' }, ` · ${t('docs.number')} ${d.number}`) : null,
          ),
          !d.number && d.available && canNumber ? numberButton(list.cycleId, d.kind) : null,
          d.available
            ? downloadButtons(d.links, t(`docs.${d.kind}`), d.kind)
            : h('span', { class: 'muted small' }, t('docs.notYet')),
        ),
      ),
      list.decisions.map((d, i) => {
        const what = `${t('docs.decision')} ${d.decisionNumber}`;
        return h(
          'li',
          { 'data-document': 'decision', 'data-decision': d.decisionNumber, 'data-available': 'true' },
          h(
            'span',
            { class: 'doc-name' },
            what,
            h('span', { class: 'muted' }, ` · ${fmt.date(d.decisionDate)} · ${t('docs.awards', { n: d.awards })}`),
          ),
          downloadButtons(d.links, what, 'decision', `decision-${i + 1}`),
        );
      }),
    ),
    list.decisions.length === 0 ? h('p', { class: 'muted small' }, t('docs.noDecision')) : null,
  );
}
