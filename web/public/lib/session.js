// Who is logged in in this tab (the token lives in sessionStorage: one session per tab).
import * as api from './api.js';

let principal = null;

export const current = () => principal;

/** Loads /api/me once per tab load (or after login); null when not logged in. */
export async function load() {
  if (!api.token()) return (principal = null);
  if (principal) return principal;
  try {
    principal = await api.me();
  } catch {
    principal = null;
  }
  return principal;
}

export async function logIn(username, password) {
  const res = await api.login(username, password);
  api.setToken(res.token);
  principal = null;
  return load();
}

export function logOut() {
  api.setToken(null);
  principal = null;
}

export const hasRole = (role) => principal?.roles.includes(role) ?? false;
