// Keeps the page in step with the workflow, which moves on by itself (deadlines, a phase closing
// after the last submission). Polls the page's loader; re-renders only when the data changed and
// only when that cannot destroy the reader's work: no form being edited, no field focused.
// Otherwise it offers a "new information — refresh" button.
import { h } from './dom.js';
import { t } from './i18n.js';

const SLOW_MS = 4000;
const FAST_MS = 1000;
const FAST_FOR_MS = 6000;

let watcher = null;
/** Until when polls are fast: set by an act, kept across a tab switch (the workflow moves on regardless). */
let fastUntil = 0;

/** Stops watching (on every route change). */
export function stop() {
  if (watcher) clearTimeout(watcher.timer);
  watcher = null;
  document.getElementById('stale')?.remove();
}

/**
 * May the page be redrawn now? Not while a form is being edited or sent ([data-busy]: an upload or
 * download), and not while the reader's caret is in a field, except a field of `sentForm`, the form
 * whose act was just answered. Redrawing under a focused field would also swallow what is typed next
 * (keys go to the detached field), so a field of ANY other form keeps the page as it is.
 */
function safeToRender(root, sentForm = null) {
  if (root.querySelector('form[data-dirty], form[aria-busy="true"], [data-busy]')) return false;
  const a = document.activeElement;
  return !(a && root.contains(a) && a.matches('input, textarea, select') && !(sentForm && sentForm.contains(a)));
}

const FOCUSABLE = 'a[href], button, input, select, textarea, summary, [tabindex]';

/**
 * Re-renders while keeping the scroll position and the keyboard focus: on the element with the same
 * id, else on the element at the same place in the Tab order of the page's content (a keyboard user
 * must not be thrown back to the top of the page by a refresh).
 */
function renderKeeping(render, data) {
  const x = window.scrollX;
  const y = window.scrollY;
  const main = document.getElementById('main');
  const active = document.activeElement;
  const inside = active && active !== document.body && main?.contains(active);
  const focusedId = inside ? active.id : '';
  const index = inside ? [...main.querySelectorAll(FOCUSABLE)].indexOf(active) : -1;
  render(data);
  window.scrollTo(x, y);
  if (!inside || main.contains(document.activeElement)) return;
  const target =
    (focusedId && document.getElementById(focusedId)) ||
    (index >= 0 ? main.querySelectorAll(FOCUSABLE)[index] : null) ||
    main.querySelector('h1');
  target?.focus({ preventScroll: true });
}

/**
 * watch(load, render, root): `load()` fetches, `render(data)` draws. The first render is done by the
 * caller; `fingerprint` is that data's identity.
 */
export function watch({ load, render, root, data }) {
  stop();
  const w = { load, render, root, last: JSON.stringify(data), timer: 0, busy: false, gen: 0 };
  watcher = w;
  // One timer at a time: a tick and an act's refreshSoon() must never start two polling chains.
  w.schedule = (ms = Date.now() < fastUntil ? FAST_MS : SLOW_MS) => {
    clearTimeout(w.timer);
    if (watcher === w) w.timer = setTimeout(tick, ms);
  };
  const tick = async () => {
    if (watcher !== w) return;
    if (document.hidden || w.busy) return w.schedule();
    w.busy = true;
    const gen = w.gen;
    try {
      const next = await load();
      // Gone, or overtaken by an act's refreshSoon() (newer data): drop this answer.
      if (watcher !== w || gen !== w.gen) return;
      const fp = JSON.stringify(next);
      if (fp !== w.last) {
        if (safeToRender(root)) {
          w.last = fp;
          document.getElementById('stale')?.remove();
          renderKeeping(render, next);
        } else offerRefresh(w, next, fp);
      }
    } catch {
      // A failed poll is not worth an alert; the next one may succeed.
    } finally {
      w.busy = false;
    }
    w.schedule();
  };
  w.schedule();
}

function offerRefresh(w, next, fp) {
  // The bar's button always shows the newest data, however many polls came in meanwhile.
  w.pending = { next, fp };
  if (document.getElementById('stale')) return;
  const bar = h(
    'div',
    { id: 'stale', class: 'stale', role: 'status' },
    t('staleData'),
    ' ',
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          w.last = w.pending.fp;
          bar.remove();
          renderKeeping(w.render, w.pending.next);
        },
      },
      t('refresh'),
    ),
  );
  document.getElementById('main').prepend(bar);
}

/**
 * After an act: fetch now and poll quickly for a while (the workflow's next step follows shortly).
 * Used as actForm's onDone, so `sentForm` is the form just sent (its own fields may be redrawn).
 */
export async function refreshSoon(_result, sentForm = null) {
  fastUntil = Date.now() + FAST_FOR_MS;
  const w = watcher;
  if (!w) return;
  clearTimeout(w.timer);
  w.busy = true;
  const gen = ++w.gen;
  try {
    const next = await w.load({ fresh: true });
    if (gen !== w.gen) return;
    if (watcher !== w) return;
    const fp = JSON.stringify(next);
    // The form that was just sent is clean again; another one being edited is left alone.
    if (safeToRender(w.root, sentForm)) {
      w.last = fp;
      document.getElementById('stale')?.remove();
      renderKeeping(w.render, next);
    } else offerRefresh(w, next, fp);
  } catch {
    // the poll below tries again
  } finally {
    w.busy = false;
  }
  w.schedule(FAST_MS);
}
