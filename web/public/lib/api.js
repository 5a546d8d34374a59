// The only place that talks HTTP. Every act is POST /api/cycles/:id/<path> (or a Government-flag
// act) with an Idempotency-Key;
// errors arrive as { error: { status, code, message, issues?: [{ path, message }] } }.
import { t } from './i18n.js';

const TOKEN = 'thidua.token';

export const token = () => sessionStorage.getItem(TOKEN);
export const setToken = (value) => (value ? sessionStorage.setItem(TOKEN, value) : sessionStorage.removeItem(TOKEN));

export class ApiError extends Error {
  constructor(status, envelope, fallback) {
    super(envelope?.error?.message ?? fallback ?? `HTTP ${status}`);
    this.status = status;
    this.code = envelope?.error?.code ?? (status === 0 ? 'NETWORK' : 'INTERNAL');
    this.issues = envelope?.error?.issues ?? [];
    /** 503 or no answer at all: the act may still be applied, so a retry must reuse the key. */
    this.retryable = status === 0 || status === 503;
  }
}

let onUnauthenticated = () => undefined;
/** Called when the server says the token is missing, expired or its account disabled. */
export const whenUnauthenticated = (fn) => (onUnauthenticated = fn);

async function send(method, path, { body, headers = {}, form } = {}) {
  const h = { accept: 'application/json', ...headers };
  const bearer = token();
  if (bearer) h.authorization = `Bearer ${bearer}`;
  if (body !== undefined) h['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: h,
      body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch {
    throw new ApiError(0, null, t('err.networkDetail'));
  }
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401 && path !== '/api/auth/login') {
    setToken(null);
    onUnauthenticated();
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}

export const get = (path) => send('GET', path);
export const post = (path, body, headers) => send('POST', path, { body, headers });

/** A bloc-year act. `key` is the Idempotency-Key: the same key for a retry of the same act. */
export const act = (cycleId, path, body, key = crypto.randomUUID()) =>
  send('POST', `/api/cycles/${encodeURIComponent(cycleId)}${path}`, { body, headers: { 'idempotency-key': key } });

/** Evidence upload (multipart): returns { id, filename, size, mimeType, sha256 }. */
export function uploadEvidence(cycleId, unitId, criterionId, file) {
  const form = new FormData();
  form.append('unitId', unitId);
  form.append('criterionId', criterionId);
  form.append('file', file);
  return send('POST', `/api/cycles/${encodeURIComponent(cycleId)}/evidence`, { form });
}

/** A multipart write (the province import): `key` is its Idempotency-Key when it writes. */
export const upload = (path, form, key) => send('POST', path, { form, headers: key ? { 'idempotency-key': key } : {} });

export const login = (username, password) => post('/api/auth/login', { username, password });
export const me = () => get('/api/me');
export const blocs = (query = '') => get(`/api/blocs${query}`);
export const cycle = (id) => get(`/api/cycles/${encodeURIComponent(id)}`);
export const live = (id) => get(`/api/cycles/${encodeURIComponent(id)}/live`);
export const tasks = () => get('/api/me/tasks');
export const notifications = () => get('/api/me/notifications');
export const markRead = (id) => post(`/api/me/notifications/${encodeURIComponent(id)}/read`);
export const defaultPlan = (year) => get(`/api/defaults/plan?year=${encodeURIComponent(year)}`);
export const results = (id) => get(`/api/cycles/${encodeURIComponent(id)}/results`);
export const documents = (id) => get(`/api/cycles/${encodeURIComponent(id)}/documents`);
export const blocHistory = (blocId) => get(`/api/blocs/${encodeURIComponent(blocId)}/history`);
export const unitHistory = (unitId) => get(`/api/units/${encodeURIComponent(unitId)}/history`);
export const startCycle = (blocId, body) => post(`/api/blocs/${encodeURIComponent(blocId)}/cycles`, body);

/** The Government-flag selection of a province and year (GET; 404 until it is started). */
export const governmentFlag = (provinceId, year) =>
  get(`/api/provinces/${encodeURIComponent(provinceId)}/government-flag/${encodeURIComponent(year)}`);
/** Starts the selection for `body.year`; the same `key` for a retry of the same start. */
export const startGovernmentFlag = (provinceId, body, key = crypto.randomUUID()) =>
  send('POST', `/api/provinces/${encodeURIComponent(provinceId)}/government-flag`, {
    body,
    headers: { 'idempotency-key': key },
  });
/** A Government-flag act (/votes, /close, /submission, /outcome) with its Idempotency-Key. */
export const governmentFlagAct = (workflowId, path, body, key = crypto.randomUUID()) =>
  send('POST', `/api/government-flag/${encodeURIComponent(workflowId)}${path}`, {
    body,
    headers: { 'idempotency-key': key },
  });

/** "attachment; filename=\"x.pdf\"; filename*=UTF-8''%C4%91.pdf" → the exact (UTF-8) name when given. */
export function fileNameOf(disposition, fallback) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]+)"/i.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * A file the API serves behind the bearer token (a plain <a href> cannot send it): fetched here,
 * returned as { blob, filename }. Errors come as ApiError like any other call.
 */
export async function download(path) {
  const h = {};
  const bearer = token();
  if (bearer) h.authorization = `Bearer ${bearer}`;
  let res;
  try {
    res = await fetch(path, { headers: h });
  } catch {
    throw new ApiError(0, null, t('err.networkDetail'));
  }
  if (!res.ok) {
    const json = await res.json().catch(() => null);
    if (res.status === 401) {
      setToken(null);
      onUnauthenticated();
    }
    throw new ApiError(res.status, json);
  }
  const fallback = decodeURIComponent(path.split('?')[0].split('/').pop() ?? 'document');
  return { blob: await res.blob(), filename: fileNameOf(res.headers.get('content-disposition'), fallback) };
}

/** The province award sessions (sittings) of a province and year: { sessions: [view…] }, scoped by the API. */
export const provinceSessions = (provinceId, year) =>
  get(`/api/provinces/${encodeURIComponent(provinceId)}/years/${encodeURIComponent(year)}/sessions`);
/** One sitting n of the province award session (GET; 404 when absent or nothing of it is the caller's). */
export const provinceSession = (provinceId, year, n) =>
  get(`/api/provinces/${encodeURIComponent(provinceId)}/years/${encodeURIComponent(year)}/sessions/${n}`);
/** A session act (/appraisals, /resubmissions, /attendance, /ballots, /close, /decisions) with its Idempotency-Key. */
export const provinceSessionAct = (provinceId, year, n, path, body, key = crypto.randomUUID()) =>
  send(
    'POST',
    `/api/provinces/${encodeURIComponent(provinceId)}/years/${encodeURIComponent(year)}/sessions/${n}${path}`,
    { body, headers: { 'idempotency-key': key } },
  );
