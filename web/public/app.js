// The officers' UI: plain ES modules, no build step. Every act goes through the same API as
// any client: POST /api/cycles/:id/<act> with an idempotency key; reads come from projections.
import { lang, setLang, t } from './i18n.js';

const PHASES = ['launch', 'pledge', 'midYear', 'selfScoring', 'review', 'voting', 'council', 'handover', 'closed'];
const main = document.getElementById('main');
const statusBox = document.getElementById('status');
let me = null;

// ------------------------------------------------------------------ tiny helpers

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

function say(message, ok = false) {
  statusBox.hidden = !message;
  statusBox.textContent = message ?? '';
  statusBox.classList.toggle('ok', ok);
}

class ApiError extends Error {
  constructor(status, body) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.issues = body?.error?.issues ?? [];
    this.code = body?.error?.code;
  }
}

async function api(method, path, body) {
  const headers = { 'content-type': 'application/json' };
  const token = sessionStorage.getItem('token');
  if (token) headers.authorization = `Bearer ${token}`;
  if (method === 'POST') headers['idempotency-key'] = crypto.randomUUID();
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401 && path !== '/api/auth/login') {
    sessionStorage.removeItem('token');
    location.hash = '#/login';
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

const fmtDate = (iso) => (iso ? new Date(iso).toLocaleString(lang() === 'vi' ? 'vi-VN' : 'en-GB') : '—');
const toLocalInput = (iso) => new Date(new Date(iso).getTime() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 16);

/**
 * A form bound to one act: labelled fields, field-level errors from the API's Zod issue paths,
 * a disabled button and "working…" while the request runs.
 */
function actForm({ id, title, fields = [], submitLabel, submit, onDone }) {
  const form = h('form', { id, 'aria-label': title, novalidate: true });
  if (title) form.append(h('h3', { text: title }));
  const inputs = {};
  for (const f of fields) {
    const inputId = `${id}-${f.name}`;
    let input;
    if (f.type === 'textarea') input = h('textarea', { id: inputId, name: f.name, required: f.required });
    else if (f.type === 'select') input = h('select', { id: inputId, name: f.name }, ...f.options.map(([v, l]) => h('option', { value: v, text: l })));
    else if (f.type === 'checks') {
      input = h('fieldset', { id: inputId, class: 'checks' }, h('legend', { text: f.label }), ...f.options.map(([v, l]) => h('label', {}, h('input', { type: f.single ? 'radio' : 'checkbox', name: f.name, value: v, checked: f.checked?.includes(v) }), ' ', l)));
    } else input = h('input', { id: inputId, name: f.name, type: f.type ?? 'text', required: f.required, min: f.min, max: f.max, step: f.step });
    if (f.value !== undefined && f.type !== 'checks') input.value = f.value;
    inputs[f.name] = input;
    const error = h('div', { class: 'field-error', id: `${inputId}-error`, 'aria-live': 'polite' });
    if (f.type !== 'checks') input.setAttribute('aria-describedby', `${inputId}-error`);
    form.append(f.type === 'checks' ? input : h('label', { for: inputId, text: f.label }), ...(f.type === 'checks' ? [] : [input]), ...(f.hint ? [h('div', { class: 'hint', text: f.hint })] : []), error);
  }
  const button = h('button', { type: 'submit', class: 'primary', text: submitLabel ?? t('saved') });
  form.append(button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    form.querySelectorAll('.field-error').forEach((el) => (el.textContent = ''));
    form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
    const values = {};
    for (const f of fields) {
      const input = inputs[f.name];
      if (f.type === 'checks') values[f.name] = [...input.querySelectorAll('input:checked')].map((x) => x.value);
      else if (f.type === 'number') values[f.name] = input.value === '' ? undefined : Number(input.value);
      else values[f.name] = input.value;
    }
    button.disabled = true;
    const label = button.textContent;
    button.textContent = t('working');
    try {
      const result = await submit(values);
      say(result?.message ? `${t('saved')}: ${result.message}` : t('saved'), true);
      await onDone?.(result);
    } catch (err) {
      say(err.message);
      for (const issue of err.issues ?? []) {
        const name = issue.path?.[0];
        const target = form.querySelector(`#${id}-${CSS.escape(String(name))}-error`);
        if (target) {
          target.textContent = issue.message;
          inputs[name]?.setAttribute('aria-invalid', 'true');
        }
      }
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  return form;
}

const button = (label, onclick, attrs = {}) => h('button', { type: 'button', onclick, ...attrs }, label);

async function runAct(cycleId, path, body) {
  return api('POST', `/api/cycles/${encodeURIComponent(cycleId)}${path}`, body);
}

// ------------------------------------------------------------------ pages

function renderNav() {
  const nav = document.getElementById('nav');
  nav.replaceChildren();
  document.getElementById('logout').hidden = !me;
  document.getElementById('who').textContent = me ? `${me.fullName} (${me.username})` : '';
  if (!me) return;
  const here = location.hash || '#/';
  for (const [href, key] of [['#/', 'home'], ['#/inbox', 'inbox'], ['#/notifications', 'notifications']]) {
    nav.append(h('a', { href, 'aria-current': here === href ? 'page' : undefined, text: t(key) }));
  }
}

function loginPage() {
  main.replaceChildren(
    h('h1', { text: t('login') }),
    h('section', { class: 'card' },
      actForm({
        id: 'login',
        fields: [
          { name: 'username', label: t('username'), required: true },
          { name: 'password', label: t('password'), type: 'password', required: true },
        ],
        submitLabel: t('login'),
        submit: async (v) => {
          const res = await api('POST', '/api/auth/login', v);
          sessionStorage.setItem('token', res.token);
          return { message: res.principal.fullName };
        },
        onDone: async () => {
          me = await api('GET', '/api/me');
          location.hash = '#/';
        },
      }),
    ),
  );
  main.querySelector('input')?.focus();
}

async function homePage() {
  const blocs = await api('GET', '/api/blocs');
  const mine = blocs.filter((b) => me.roles.includes('admin') || b.memberships.some((m) => m.unit.id === me.unitId) || me.councilIds.length > 0);
  main.replaceChildren(h('h1', { text: t('home') }));
  for (const b of mine) {
    const isHead = me.unitId && me.unitId === b.headUnitId;
    const section = h('section', { class: 'card', 'aria-label': b.name },
      h('h2', { text: `${b.name} (${b.province.name})` }),
      h('p', { class: 'muted' }, `${t('head')}: ${b.memberships.find((m) => m.unit.id === b.headUnitId)?.unit.name ?? '—'} · ${t('deputy')}: ${b.memberships.find((m) => m.unit.id === b.deputyUnitId)?.unit.name ?? '—'}`),
      h('table', {}, h('thead', {}, h('tr', {}, h('th', { text: t('year') }), h('th', { text: t('phase') }), h('th', { text: '' }))),
        h('tbody', {}, ...b.cycles.map((c) => h('tr', {}, h('td', { text: c.year }), h('td', { text: t(c.phase) }), h('td', {}, h('a', { href: `#/cycle/${encodeURIComponent(c.id)}`, text: t('open') })))))),
    );
    if (isHead) section.append(startCycleForm(b));
    main.append(section);
  }
}

function startCycleForm(bloc) {
  const nextYear = Math.max(new Date().getFullYear(), ...bloc.cycles.map((c) => c.year + 1));
  return actForm({
    id: `start-${bloc.code}`,
    title: t('start'),
    fields: [{ name: 'year', label: t('year'), type: 'number', value: nextYear, min: 2024, max: 2100 }],
    submitLabel: t('start'),
    submit: (v) => api('POST', `/api/blocs/${bloc.id}/cycles`, { year: v.year }),
    onDone: (res) => (location.hash = `#/cycle/${encodeURIComponent(res.cycleId)}`),
  });
}

async function inboxPage() {
  const tasks = await api('GET', '/api/me/tasks');
  main.replaceChildren(h('h1', { text: t('inbox') }),
    tasks.length === 0 ? h('p', { text: t('noTasks') }) :
    h('section', { class: 'card' }, h('table', {}, h('thead', {}, h('tr', {}, ...['phase', 'status', 'due', 'reminders', 'open'].map((k) => h('th', { text: t(k) })))),
      h('tbody', {}, ...tasks.map((task) => h('tr', {}, h('td', { text: `${task.title} — ${task.cycle?.bloc?.name ?? ''} ${task.cycle?.year ?? ''}` }), h('td', {}, h('span', { class: `badge ${task.status === 'late' ? 'late' : task.status === 'done' ? 'ok' : ''}`, text: t(task.status) })), h('td', { text: fmtDate(task.dueAt) }), h('td', { text: task.remindersSent }), h('td', {}, h('a', { href: `#/cycle/${encodeURIComponent(task.cycleId)}`, text: t('open') }))))))));
}

async function notificationsPage() {
  const items = await api('GET', '/api/me/notifications');
  main.replaceChildren(h('h1', { text: t('notifications') }),
    items.length === 0 ? h('p', { text: t('noNotifications') }) :
    h('section', { class: 'card' }, h('ul', {}, ...items.map((n) => h('li', {}, h('strong', { text: n.title }), ' ', h('span', { class: 'muted', text: fmtDate(n.createdAt) }), h('div', { text: n.body }), !n.readAt ? button('✓', async () => { await api('POST', `/api/me/notifications/${n.id}/read`); await notificationsPage(); }, { 'aria-label': `${n.title}: đã đọc` }) : null)))));
}

// ------------------------------------------------------------------ the cycle page

async function cyclePage(cycleId) {
  const [projection, live] = await Promise.all([api('GET', `/api/cycles/${encodeURIComponent(cycleId)}`), api('GET', `/api/cycles/${encodeURIComponent(cycleId)}/live`).catch(() => null)]);
  const view = live ?? { phase: projection.phase, units: [], contests: [], proposals: [], headUnitId: projection.headUnitId, deputyUnitId: projection.deputyUnitId, actingHeadUnitId: projection.headUnitId, deadlines: projection.deadlines, plan: projection.plan, handover: null };
  const nameOf = (id) => view.units.find((u) => u.unitId === id)?.name ?? id;
  const isHead = me.unitId && me.unitId === view.actingHeadUnitId;
  const isDeputy = me.unitId && me.unitId === view.deputyUnitId;
  const myUnit = view.units.find((u) => u.unitId === me.unitId && u.active);
  const refresh = () => cyclePage(cycleId);

  main.replaceChildren(
    h('h1', { text: `${projection.bloc.name} — ${t('year')} ${projection.year}` }),
    h('ol', { class: 'timeline', 'aria-label': t('phase') }, ...PHASES.map((p, i) => h('li', { class: i < PHASES.indexOf(view.phase) ? 'done' : p === view.phase ? 'current' : '', 'aria-current': p === view.phase ? 'step' : undefined }, t(p), view.deadlines?.[p] ? ` · ${fmtDate(view.deadlines[p])}` : ''))),
  );

  const unitsTable = h('table', { 'aria-label': t('unit') },
    h('thead', {}, h('tr', {}, ...['unit', 'pledge', 'midYear', 'selfScoring', 'status', 'score', 'rank'].map((k) => h('th', { text: t(k) })))),
    h('tbody', {}, ...view.units.filter((u) => u.active).map((u) => h('tr', { 'data-unit': u.unitId },
      h('td', { text: `${u.name}${u.unitId === view.headUnitId ? ` (${t('head')})` : u.unitId === view.deputyUnitId ? ` (${t('deputy')})` : ''}` }),
      h('td', {}, t(u.pledge), isHead && view.phase === 'pledge' && u.pledge === 'submitted' ? h('span', { class: 'actions' }, button(t('accept'), async () => act('/pledges/review', { unitId: u.unitId, decision: 'accept' }), { 'aria-label': `${t('accept')}: ${u.name}` }), button(t('returnIt'), async () => { const reason = prompt(t('reason')); if (reason) await act('/pledges/review', { unitId: u.unitId, decision: 'return', reason }); }, { 'aria-label': `${t('returnIt')}: ${u.name}` })) : null),
      h('td', { text: t(u.midYear) }), h('td', { text: t(u.selfScore) }),
      h('td', {}, ...u.late.map((p) => h('span', { class: 'badge late', text: `${t('late')}: ${t(p)}` })), u.hold !== 'none' ? h('span', { class: 'badge late', text: t(u.hold) }) : ''),
      h('td', { text: u.finalTotal ?? '—' }), h('td', { text: u.rank ?? '—' })))));
  main.append(h('section', { class: 'card' }, h('h2', { text: t('unit') }), unitsTable));

  async function act(path, body) {
    try {
      const res = await runAct(cycleId, path, body);
      say(`${t('saved')}: ${res.message}`, true);
    } catch (err) {
      say(err.message);
    }
    await refresh();
  }
  const panel = (title, ...content) => h('section', { class: 'card', 'aria-label': title }, h('h2', { text: title }), ...content);
  const panels = [];
  const after = { onDone: refresh };

  if (view.phase === 'launch' && isHead) {
    const plan = await api('GET', `/api/defaults/plan?year=${projection.year}`);
    panels.push(panel(t('publishPlan'), actForm({ id: 'plan', fields: [
      { name: 'theme', label: t('theme'), value: plan.theme },
      { name: 'slogan', label: t('slogan'), value: plan.slogan },
      ...Object.entries(plan.deadlines).map(([p, iso]) => ({ name: `deadline-${p}`, label: `${t('deadlines')}: ${t(p)}`, type: 'datetime-local', value: toLocalInput(iso) })),
    ], submitLabel: t('publishPlan'), submit: (v) => runAct(cycleId, '/plan', { plan: { ...plan, theme: v.theme, slogan: v.slogan, deadlines: Object.fromEntries(Object.keys(plan.deadlines).map((p) => [p, new Date(v[`deadline-${p}`]).toISOString()])) } }), ...after })));
  }
  if (view.phase === 'pledge' && myUnit && myUnit.pledge !== 'submitted' && myUnit.pledge !== 'accepted') {
    panels.push(panel(t('pledge'), actForm({ id: 'pledge', fields: [
      { name: 'targets', label: t('targets'), type: 'textarea', value: 'Hoàn thành xuất sắc nhiệm vụ chính trị được giao\nTham gia đầy đủ các hoạt động của khối' },
      { name: 'signedBy', label: t('signedBy'), value: me.fullName },
    ], submitLabel: t('submitPledge'), submit: (v) => runAct(cycleId, '/pledges', { unitId: me.unitId, targets: v.targets.split('\n').map((s) => s.trim()).filter(Boolean), titlesAimed: ['emulation-flag'], signedBy: v.signedBy }), ...after })));
  }
  if (view.phase === 'midYear' && myUnit && myUnit.midYear === 'none') {
    panels.push(panel(t('midYear'), actForm({ id: 'report', fields: [{ name: 'summary', label: t('summary'), type: 'textarea', value: 'Đơn vị hoàn thành tốt các chỉ tiêu 6 tháng đầu năm.' }], submitLabel: t('submitReport'), submit: (v) => runAct(cycleId, '/reports/mid-year', { unitId: me.unitId, summary: v.summary }), ...after })));
  }
  if (view.phase === 'midYear' && isHead) {
    panels.push(panel(t('compile'), actForm({ id: 'compile', fields: [{ name: 'summary', label: t('summary'), type: 'textarea', value: 'Báo cáo sơ kết 6 tháng của khối thi đua.' }], submitLabel: t('compile'), submit: (v) => runAct(cycleId, '/reports/bloc', { summary: v.summary }), ...after })));
  }
  if (view.phase === 'selfScoring' && myUnit && myUnit.selfScore === 'none' && view.plan) {
    const criteria = view.plan.scoringTemplate.groups.flatMap((g) => g.criteria.map((c) => ({ ...c, group: g.name })));
    panels.push(panel(t('selfScoring'), actForm({ id: 'self-score', fields: criteria.map((c) => ({ name: c.id, label: `${c.group} — ${c.name} (≤ ${c.maxPoints})`, type: 'number', min: 0, max: c.maxPoints, step: 0.25, value: c.maxPoints })),
      submitLabel: t('submitScores'), submit: (v) => runAct(cycleId, '/self-scores', { unitId: me.unitId, entries: criteria.map((c) => ({ criterionId: c.id, points: v[c.id] ?? 0, evidence: c.evidenceRequired ? [`minh-chung-${c.id}`] : [] })), bonusClaimed: 0 }), ...after })));
  }
  if (view.phase === 'review' && (isHead || isDeputy) && view.plan) {
    const criteria = view.plan.scoringTemplate.groups.flatMap((g) => g.criteria);
    panels.push(panel(t('adjust'), actForm({ id: 'adjust', fields: [
      { name: 'unitId', label: t('unit'), type: 'select', options: view.units.filter((u) => u.active).map((u) => [u.unitId, u.name]) },
      { name: 'criterionId', label: t('criterion'), type: 'select', options: criteria.map((c) => [c.id, `${c.name} (≤ ${c.maxPoints})`]) },
      { name: 'reviewedPoints', label: t('points'), type: 'number', min: 0, step: 0.25 },
      { name: 'reason', label: t('reason') },
    ], submitLabel: t('adjust'), submit: (v) => runAct(cycleId, '/scores/review', { unitId: v.unitId, adjustments: [{ criterionId: v.criterionId, reviewedPoints: v.reviewedPoints, reason: v.reason }] }), ...after })));
    if (isHead) panels.push(panel(t('closeReview'), button(t('closeReview'), () => act('/scores/close-review', {}), { class: 'primary', id: 'close-review' })));
  }
  if (view.phase === 'voting') {
    if (isHead && !view.meeting?.quorumMet) {
      panels.push(panel(t('openMeeting'), actForm({ id: 'meeting', fields: [{ name: 'presentUnitIds', label: t('attendance'), type: 'checks', options: view.units.filter((u) => u.active).map((u) => [u.unitId, u.name]), checked: view.units.map((u) => u.unitId) }], submitLabel: t('openMeeting'), submit: (v) => runAct(cycleId, '/meeting', v), ...after })));
    }
    for (const c of view.contests) {
      const title = `${t(c.contest)} — ${t('round')} ${c.round || 1}: ${t(c.status)}`;
      const content = [h('p', { class: 'muted', text: `${t('votedCount')}: ${c.votedCount}/${c.expectedVoters}` })];
      if (c.status === 'open' && myUnit && view.meeting?.presentUnitIds.includes(me.unitId)) {
        content.push(actForm({ id: `ballot-${c.contest}`, fields: [{ name: 'choices', label: `${t('ballot')} (≤ ${c.seats})`, type: 'checks', single: c.seats === 1, options: c.candidates.map((id) => [id, nameOf(id)]) }], submitLabel: t('castBallot'), submit: (v) => runAct(cycleId, '/ballots', { unitId: me.unitId, contest: c.contest, round: c.round, choices: v.choices }), ...after }));
      }
      if (c.status === 'open' && isHead) content.push(button(t('closeRound'), () => act('/rounds/close', { contest: c.contest, round: c.round })));
      if (c.status === 'awaitingDecision' && (isHead || isDeputy)) {
        content.push(actForm({ id: `decide-${c.contest}`, fields: [{ name: 'unitIds', label: t('decide'), type: 'checks', single: c.seats === 1, options: c.candidates.map((id) => [id, nameOf(id)]) }], submitLabel: t('decide'), submit: (v) => runAct(cycleId, '/contests/decide', { contest: c.contest, unitIds: v.unitIds }), ...after }));
      }
      if (c.winners.length) content.push(h('p', {}, h('strong', { text: c.winners.map(nameOf).join(', ') })));
      panels.push(panel(title, ...content));
    }
  }
  if (['council', 'handover', 'closed'].includes(view.phase) || projection.proposals.length) {
    const isMember = me.roles.includes('councilMember');
    const isSecretary = me.roles.includes('councilSecretary');
    const rows = projection.proposals.map((p) => h('tr', { 'data-proposal': p.id },
      h('td', { text: nameOf(p.unitId) }), h('td', { text: t(p.awardType === 'emulation-flag' ? 'leader' : 'certificate') }), h('td', { text: t(p.status) }),
      h('td', { text: p.decision ? `${p.decision.decisionNumber} · ${Number(p.decision.amountVnd).toLocaleString('vi-VN')} đ` : '—' }),
      h('td', {}, h('span', { class: 'actions' },
        isMember && p.status === 'submitted' ? [button(t('voteYes'), () => act('/council/votes', { proposalId: p.id, approve: true }), { 'aria-label': `${t('voteYes')}: ${nameOf(p.unitId)}` }), button(t('voteNo'), () => act('/council/votes', { proposalId: p.id, approve: false }), { 'aria-label': `${t('voteNo')}: ${nameOf(p.unitId)}` })] : null,
        isSecretary && p.status === 'submitted' ? actForm({ id: `decision-${p.unitId}-${p.awardType}`, fields: [
          { name: 'decision', label: t('status'), type: 'select', options: [['approve', t('approve')], ['return', t('returnIt')], ['reject', t('reject')]] },
          { name: 'decisionNumber', label: t('decisionNumber'), value: '' },
          { name: 'decisionDate', label: t('decisionDate'), type: 'date', value: new Date().toISOString().slice(0, 10) },
          { name: 'reason', label: t('reason') },
        ], submitLabel: t('saved'), submit: (v) => runAct(cycleId, '/council/decisions', { proposalId: p.id, decision: v.decision, ...(v.decisionNumber ? { decisionNumber: v.decisionNumber } : {}), ...(v.decision === 'approve' ? { decisionDate: v.decisionDate } : {}), ...(v.reason ? { reason: v.reason } : {}) }), ...after }) : null,
        isHead && p.status === 'returned' ? button(t('resubmit'), async () => { const achievement = prompt(t('achievement')); if (achievement) await act('/council/resubmit', { proposalId: p.id, achievement }); }) : null))));
    panels.push(panel(t('proposals'), h('table', {}, h('thead', {}, h('tr', {}, ...['unit', 'awards', 'status', 'decisionNumber', ''].map((k) => h('th', { text: k ? t(k) : '' })))), h('tbody', {}, ...rows))));
  }
  if ((view.phase === 'council' || view.phase === 'handover') && isHead && !view.handover) {
    panels.push(panel(t('handover'), button(t('recordHandover'), () => act('/handover', {}), { class: 'primary', id: 'record-handover' })));
  }
  if (isHead && view.deadlines && !['launch', 'closed'].includes(view.phase)) {
    const open = PHASES.filter((p) => PHASES.indexOf(p) >= PHASES.indexOf(view.phase) && view.deadlines[p]);
    panels.push(panel(t('extend'), actForm({ id: 'extend', fields: [
      { name: 'phase', label: t('phase'), type: 'select', options: open.map((p) => [p, t(p)]) },
      { name: 'newDeadline', label: t('newDeadline'), type: 'datetime-local' },
      { name: 'reason', label: t('reason') },
    ], submitLabel: t('extend'), submit: (v) => runAct(cycleId, '/deadlines/extend', { phase: v.phase, newDeadline: v.newDeadline ? new Date(v.newDeadline).toISOString() : '', reason: v.reason }), ...after })));
  }
  main.append(h('div', { class: 'grid2' }, ...panels));
  if (projection.scoreSummaries.length) main.append(resultsSection(projection, nameOf, view));
}

/** Ranking table and a bar chart of final scores split into the tasks group and the rest. */
function resultsSection(projection, nameOf, view) {
  const rows = [...projection.scoreSummaries].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
  const max = Math.max(100, ...rows.map((r) => r.finalTotal));
  const barH = 22;
  const width = 640;
  const NS = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, text) => { const el = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v)); if (text) el.textContent = text; return el; };
  const height = rows.length * (barH + 6) + 24;
  const chart = svg('svg', { class: 'chart', role: 'img', 'aria-label': `${t('results')}: ${rows.map((r) => `${nameOf(r.unitId)} ${r.finalTotal}`).join('; ')}`, viewBox: `0 0 ${width} ${height}`, width, height });
  rows.forEach((r, i) => {
    const y = i * (barH + 6);
    const scale = (v) => (v / max) * (width - 260);
    chart.append(svg('text', { x: 0, y: y + 15 }, nameOf(r.unitId).slice(0, 34)));
    chart.append(svg('rect', { x: 220, y, width: scale(r.tasksGroupScore), height: barH, fill: '#b3261e' }));
    chart.append(svg('rect', { x: 220 + scale(r.tasksGroupScore), y, width: Math.max(0, scale(r.finalTotal - r.tasksGroupScore)), height: barH, fill: '#e8a39e' }));
    chart.append(svg('text', { x: 224 + scale(r.finalTotal), y: y + 15 }, String(r.finalTotal)));
  });
  chart.append(svg('text', { x: 220, y: rows.length * (barH + 6) + 16 }, `■ ${t('tasksGroup')}   □ ${t('otherGroups')}`));
  const result = projection.result;
  return h('section', { class: 'card', id: 'results', 'aria-label': t('results') },
    h('h2', { text: t('results') }),
    h('table', {}, h('thead', {}, h('tr', {}, ...['rank', 'unit', 'score', 'tasksGroup'].map((k) => h('th', { text: t(k) })))),
      h('tbody', {}, ...rows.map((r) => h('tr', {}, h('td', { text: r.rank ?? '—' }), h('td', { text: nameOf(r.unitId) }), h('td', { text: r.finalTotal }), h('td', { text: r.tasksGroupScore }))))),
    chart,
    projection.proposals.length ? h('ul', { 'aria-label': t('awards') }, ...projection.proposals.map((p) => h('li', { text: `${t(p.awardType === 'emulation-flag' ? 'leader' : 'certificate')}: ${nameOf(p.unitId)} — ${t(p.status)}` }))) : null,
    result?.nextYearWorkflowId ? h('p', { id: 'next-year' }, `${t('nextYear')}: `, h('a', { href: `#/cycle/${encodeURIComponent(result.nextYearWorkflowId)}`, text: result.nextYearWorkflowId }), ` · ${t('head')}: ${nameOf(result.nextHead)} · ${t('deputy')}: ${nameOf(result.nextDeputy)}`) : null,
  );
}

// ------------------------------------------------------------------ router

async function route() {
  say('');
  const hash = location.hash || '#/';
  if (!sessionStorage.getItem('token')) me = null;
  else if (!me) me = await api('GET', '/api/me').catch(() => null);
  renderNav();
  if (!me) return loginPage();
  try {
    const cycle = hash.match(/^#\/cycle\/(.+)$/);
    if (cycle) await cyclePage(decodeURIComponent(cycle[1]));
    else if (hash === '#/inbox') await inboxPage();
    else if (hash === '#/notifications') await notificationsPage();
    else await homePage();
  } catch (err) {
    say(err.message);
  }
  main.focus();
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'vi' ? 'en' : 'vi');
  applyStatic();
  void route();
});
document.getElementById('logout').addEventListener('click', () => {
  sessionStorage.removeItem('token');
  me = null;
  location.hash = '#/login';
  void route();
});
function applyStatic() {
  document.documentElement.lang = lang();
  document.getElementById('lang').textContent = lang() === 'vi' ? 'English' : 'Tiếng Việt';
  document.querySelectorAll('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n)));
}
window.addEventListener('hashchange', () => void route());
applyStatic();
void route();
