// Vietnamese by default, English on request; the choice is remembered on this device.
import vi from '../i18n/vi.js';
import en from '../i18n/en.js';

const dictionaries = { vi, en };
let current = localStorage.getItem('thidua.lang') === 'en' ? 'en' : 'vi';

export const lang = () => current;
export const locale = () => (current === 'vi' ? 'vi-VN' : 'en-GB');

/** t('key', { n: 3 }) → the text with {n} filled in; falls back to Vietnamese, then the key. */
export function t(key, params) {
  const text = dictionaries[current][key] ?? dictionaries.vi[key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, k) => params[k] ?? `{${k}}`) : text;
}

/** Is there a text for this key (e.g. a phase or status coming from the API)? */
export const has = (key) => key in dictionaries[current] || key in dictionaries.vi;

export function setLang(next) {
  current = next === 'en' ? 'en' : 'vi';
  localStorage.setItem('thidua.lang', current);
  document.documentElement.lang = current;
}
