// Tiny DOM helpers: elements from data, never from HTML strings (no injection from API text).

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  let value;
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'value') value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false || c === '') continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  // After the children: a <select>'s value needs its options, a <textarea>'s is its text.
  if (value !== undefined) el.value = String(value);
  return el;
}

/** h('button', { type: 'button', onclick }, 'Text') */
export const h = (tag, attrs = {}, ...children) => build(document.createElement(tag), attrs, children);

/** The same for SVG elements. */
export const s = (tag, attrs = {}, ...children) => build(document.createElementNS(SVG_NS, tag), attrs, children);

let seq = 0;
/** A page-unique id for label/description wiring. */
export const uid = (prefix = 'id') => `${prefix}-${++seq}`;

/** Replaces an element's children; null / false / '' entries are skipped (unlike replaceChildren). */
export const fill = (el, ...children) => {
  el.replaceChildren();
  return build(el, {}, children);
};

/** A button that is never a form submitter by accident. */
export const button = (label, onclick, attrs = {}) => h('button', { type: 'button', onclick, ...attrs }, label);

/** A definition list from [term, description] pairs. */
export const dl = (pairs, attrs = {}) =>
  h(
    'dl',
    { class: 'facts', ...attrs },
    pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]),
  );

/** Section card with a heading (h2 by default) and content. */
export function card(title, ...content) {
  const id = uid('card');
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

/** A simple table: columns [{ key, label, render?, className? }], rows = data objects. */
export function table({ caption, columns, rows, rowAttrs, className = '', empty }) {
  if (rows.length === 0 && empty) return h('p', { class: 'muted' }, empty);
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: className },
      caption ? h('caption', {}, caption) : null,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r, i) =>
          h(
            'tr',
            rowAttrs?.(r, i) ?? {},
            columns.map((c, j) => {
              const content = c.render ? c.render(r, i) : r[c.key];
              return j === 0 && c.rowHeader
                ? h('th', { scope: 'row', class: c.className }, content)
                : h('td', { class: c.className }, content ?? '—');
            }),
          ),
        ),
      ),
    ),
  );
}

export const badge = (text, tone = '') => h('span', { class: `badge ${tone}`.trim() }, text);
