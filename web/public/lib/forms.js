// A form bound to one act. It gives every field a <label>, shows the API's issues next to the
// field their path names (longest matching path wins; the rest are listed at the top of the form),
// disables its button with "Đang xử lý…" while the request runs, and keeps the Idempotency-Key
// of a request that got no answer (503 / network) so that pressing the button again is a retry of
// the SAME act, not a second one.
import { h, uid } from './dom.js';
import { t } from './i18n.js';
import { clearStatus, issueText, reportError, showOk } from './status.js';

const samePrefix = (prefix, path) =>
  prefix.length <= path.length && prefix.every((p, i) => String(p) === String(path[i]));

/** A client-side check that failed: shown like an API issue. */
export class FieldError extends Error {
  /** new FieldError([{ path, message }, …]) */
  constructor(issues) {
    super(t('err.checkFields'));
    this.localized = true;
    this.code = 'VALIDATION';
    this.issues = issues;
  }
}

/**
 * actForm({ id, title, intro, submitLabel, okText, collect, send, onDone })
 *  collect(): the request body (read from the inputs the page created with form.field()).
 *  send(body, idempotencyKey): the request; resolves to the act result.
 *  onDone(result, form): after the confirmation (e.g. refreshSoon, which then knows which form was sent).
 */
export function actForm({
  id,
  title,
  titleLevel = 'h3',
  intro,
  submitLabel,
  okText,
  collect,
  send,
  onDone,
  className = '',
  keepMessage = false,
}) {
  const titleId = `${id}-title`;
  const form = h('form', {
    id,
    class: `act-form ${className}`.trim(),
    novalidate: true,
    'aria-labelledby': title ? titleId : undefined,
  });
  const errorsBox = h('div', { class: 'form-errors', id: `${id}-errors`, hidden: true, tabindex: '-1' });
  const body = h('div', { class: 'form-body' });
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel ?? t('save'));
  form.append(
    title ? h(titleLevel, { id: titleId }, title) : '',
    intro ? h('p', { class: 'muted intro' }, intro) : '',
    errorsBox,
    body,
    h('div', { class: 'form-actions' }, submit),
  );

  /** [{ path, input, error }] */
  const bindings = [];
  let key = null;

  const bind = (path, input, error) => {
    bindings.push({ path, input, error });
    if (input && error)
      input.setAttribute(
        'aria-describedby',
        [input.getAttribute('aria-describedby'), error.id].filter(Boolean).join(' '),
      );
  };

  /** Adds a labelled field (into `container`, default the form body) and returns its input. */
  function field(spec, container = body) {
    const { input, wrap, error } = makeField(spec);
    container.append(wrap);
    bind(spec.path ?? [spec.name], input, error);
    return input;
  }

  function clearErrors() {
    errorsBox.hidden = true;
    errorsBox.replaceChildren();
    for (const b of bindings) {
      b.error.textContent = '';
      b.input?.removeAttribute('aria-invalid');
      b.input?.classList.remove('invalid');
    }
  }

  function placeIssues(issues) {
    const loose = [];
    let first = null;
    for (const issue of issues) {
      const path = issue.path ?? [];
      const match = bindings.filter((b) => samePrefix(b.path, path)).sort((a, b) => b.path.length - a.path.length)[0];
      const text = issueText(issue.message);
      if (!match) {
        loose.push(path.length ? `${path.join('.')}: ${text}` : text);
        continue;
      }
      match.error.textContent = match.error.textContent ? `${match.error.textContent} ${text}` : text;
      if (match.input) {
        if (match.input.tagName === 'FIELDSET') match.input.classList.add('invalid');
        else match.input.setAttribute('aria-invalid', 'true');
        first ??= match.input;
      }
    }
    if (loose.length) {
      errorsBox.replaceChildren(
        h(
          'ul',
          {},
          loose.map((l) => h('li', {}, l)),
        ),
      );
      errorsBox.hidden = false;
    }
    return first ?? (loose.length ? errorsBox : null);
  }

  form.addEventListener('input', () => (form.dataset.dirty = 'true'));
  form.addEventListener('change', () => (form.dataset.dirty = 'true'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (form.getAttribute('aria-busy') === 'true') return;
    clearErrors();
    clearStatus();
    const label = submit.textContent;
    let result;
    try {
      const payload = collect ? collect() : {};
      key ??= crypto.randomUUID();
      form.setAttribute('aria-busy', 'true');
      submit.disabled = true;
      submit.textContent = t('working');
      result = await send(payload, key);
      key = null;
      delete form.dataset.dirty;
    } catch (err) {
      if (!err?.retryable) key = null;
      // The reader has something to fix: the page must not redraw this form under them.
      form.dataset.dirty = 'true';
      const target = placeIssues(err?.issues ?? []);
      reportError(err, err?.retryable ? [t('retryHint')] : []);
      target?.focus?.();
      return;
    } finally {
      form.removeAttribute('aria-busy');
      submit.disabled = false;
      submit.textContent = label;
    }
    showOk(typeof okText === 'function' ? okText(result) : (okText ?? t('saved')), { keep: keepMessage });
    await onDone?.(result, form);
  });

  return { form, body, field, bind, submit };
}

/** A labelled control with its hint and error slot (exported for controls outside a form builder). */
export function makeField(spec) {
  const id = spec.id ?? uid(spec.name ?? 'f');
  const error = h('div', { class: 'field-error', id: `${id}-error` });
  const hint = spec.hint ? h('div', { class: 'hint', id: `${id}-hint` }, spec.hint) : null;
  const common = {
    id,
    name: spec.name,
    'aria-required': spec.required ? 'true' : undefined,
    'aria-describedby': hint ? hint.id : undefined,
    autocomplete: spec.autocomplete,
  };
  let input;
  let wrap;
  switch (spec.type) {
    case 'checks':
    case 'radios': {
      const type = spec.type === 'radios' ? 'radio' : 'checkbox';
      input = h(
        'fieldset',
        { id, class: 'choices', 'aria-describedby': hint ? hint.id : undefined },
        h('legend', {}, spec.label),
        spec.options.map(([value, label]) => {
          const oid = uid(`${id}-o`);
          return h(
            'div',
            { class: 'choice' },
            h('input', { type, id: oid, name: spec.name ?? id, value, checked: spec.checked?.includes(value) }),
            h('label', { for: oid }, label),
          );
        }),
      );
      wrap = h('div', { class: `field field-${spec.type}` }, input, hint, error);
      return { input, wrap, error };
    }
    case 'checkbox':
      input = h('input', { ...common, type: 'checkbox', checked: spec.checked });
      wrap = h('div', { class: 'field field-checkbox' }, input, h('label', { for: id }, spec.label), hint, error);
      return { input, wrap, error };
    case 'textarea':
      input = h('textarea', { ...common, rows: spec.rows ?? 3, value: spec.value });
      break;
    case 'select':
      input = h(
        'select',
        { ...common, value: spec.value },
        spec.options.map(([value, label]) => h('option', { value }, label)),
      );
      break;
    default:
      input = h('input', {
        ...common,
        type: spec.type ?? 'text',
        value: spec.value,
        min: spec.min,
        max: spec.max,
        step: spec.step,
        inputmode: spec.inputmode,
        accept: spec.accept,
        spellcheck: spec.spellcheck,
      });
  }
  wrap = h(
    'div',
    { class: `field ${spec.className ?? ''}`.trim() },
    h('label', { for: id }, spec.label),
    input,
    hint,
    error,
  );
  return { input, wrap, error };
}

/** Values of the checked boxes of a 'checks' / 'radios' fieldset. */
export const checkedValues = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((i) => i.value);

/** Number input → number, or undefined when empty (the API then names the field). */
export const numberOf = (input) => (input.value.trim() === '' ? undefined : Number(input.value));
