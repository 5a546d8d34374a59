// Thi Đua — the officers' web UI. Plain ES modules, no build step; every read and act goes through
// the same HTTP API as any other client. Hash routes:
//   #/login                      log in
//   #/                           blocs and their yearly cycles (history); the head starts a cycle
//   #/bloc/<blocId>/start        start the year with the plan and scoring template
//   #/inbox                      the unit's tasks with due dates and reminders
//   #/notifications              notifications
//   #/cycle/<id>[/<tab>]         one bloc-year: overview (head dashboard) | unit | meeting | council | results
//   #/history                    history: the reader's unit and the blocs
//   #/bloc/<blocId>/history      a bloc year by year
//   #/unit/<unitId>/history      a unit year by year
//   #/government-flag            the Government emulation flag: the provinces
//   #/province/<provinceId>/government-flag/<year>   one province's selection for year N
//   #/import                     onboarding a province from a file (admin)
//   #/province-year              the province's year at a glance: the provinces the reader may read
//   #/province/<provinceId>/year/<year>   one province's year (every bloc, totals, the XLSX export)
//   #/province/<provinceId>/session/<year>/<n>   one sitting of the province award session
import { fill, h } from './lib/dom.js';
import { lang, setLang, t } from './lib/i18n.js';
import * as api from './lib/api.js';
import * as session from './lib/session.js';
import * as live from './lib/live.js';
import { clearStatus, describeError, reportError, takeFlash } from './lib/status.js';
import { loginPage } from './pages/login.js';
import { blocsPage } from './pages/blocs.js';
import { startCyclePage } from './pages/start-cycle.js';
import { inboxPage } from './pages/inbox.js';
import { notificationsPage, refreshUnreadCount } from './pages/notifications.js';
import { cyclePage } from './pages/cycle.js';
import { blocHistoryPage, historyIndexPage, unitHistoryPage } from './pages/history.js';
import { governmentFlagIndexPage, governmentFlagPage } from './pages/government-flag.js';
import { importPage } from './pages/import.js';
import { provinceYearIndexPage, provinceYearPage } from './pages/province-year.js';
import { provinceSessionPage } from './pages/province-session.js';

const main = document.getElementById('main');

const ROUTES = [
  [/^#\/bloc\/([^/]+)\/start$/, (m) => startCyclePage(main, decodeURIComponent(m[1]))],
  [/^#\/bloc\/([^/]+)\/history$/, (m) => blocHistoryPage(main, decodeURIComponent(m[1]))],
  [/^#\/unit\/([^/]+)\/history$/, (m) => unitHistoryPage(main, decodeURIComponent(m[1]))],
  [/^#\/history$/, () => historyIndexPage(main)],
  [/^#\/government-flag$/, () => governmentFlagIndexPage(main)],
  [
    /^#\/province\/([^/]+)\/government-flag\/(\d{4})$/,
    (m) => governmentFlagPage(main, decodeURIComponent(m[1]), Number(m[2])),
  ],
  [/^#\/province-year$/, () => provinceYearIndexPage(main)],
  [/^#\/province\/([^/]+)\/year\/(\d{4})$/, (m) => provinceYearPage(main, decodeURIComponent(m[1]), Number(m[2]))],
  [
    /^#\/province\/([^/]+)\/session\/(\d{4})\/(\d{1,3})$/,
    (m) => provinceSessionPage(main, decodeURIComponent(m[1]), Number(m[2]), Number(m[3])),
  ],
  [/^#\/inbox$/, () => inboxPage(main)],
  [/^#\/import$/, () => importPage(main)],
  [/^#\/notifications$/, () => notificationsPage(main)],
  [/^#\/cycle\/([^/]+)(?:\/(\w+))?$/, (m) => cyclePage(main, decodeURIComponent(m[1]), m[2])],
  [/^#?\/?$|^#\/blocs$/, () => blocsPage(main)],
];

function renderHeader(me) {
  const nav = document.getElementById('nav');
  nav.setAttribute('aria-label', t('nav.main'));
  nav.replaceChildren();
  document.getElementById('logout').hidden = !me;
  document.getElementById('who').textContent = me ? `${me.fullName} (${me.username})` : '';
  if (!me) return;
  const here = location.hash || '#/';
  // The Government flag: for the provincial council and the admin (the page itself is readable by everyone).
  const council = me.roles.some((r) => r === 'councilMember' || r === 'councilSecretary' || r === 'admin');
  // The province's year: its readers (README "Who reads what"): the admin, the council, the units' officers.
  const provinceReader = council || (!!me.unitId && me.roles.includes('unitOfficer'));
  const links = [
    ['#/', 'nav.blocs'],
    ...(me.unitId ? [['#/inbox', 'nav.inbox']] : []),
    ...(council ? [['#/government-flag', 'nav.governmentFlag']] : []),
    ...(provinceReader ? [['#/province-year', 'nav.provinceYear']] : []),
    ['#/history', 'nav.history'],
    ['#/notifications', 'nav.notifications'],
    ...(me.roles.includes('admin') ? [['#/import', 'nav.import']] : []),
  ];
  const isHistory = /^#\/(history|bloc\/[^/]+\/history|unit\/)/.test(here);
  const isGovernmentFlag = /^#\/(government-flag|province\/[^/]+\/government-flag)/.test(here);
  const isProvinceYear = /^#\/(province-year|province\/[^/]+\/(year|session)\/)/.test(here);
  for (const [href, key] of links) {
    const current =
      href === '#/'
        ? !isHistory && (here === '#/' || here.startsWith('#/bloc'))
        : href === '#/history'
          ? isHistory
          : href === '#/government-flag'
            ? isGovernmentFlag
            : href === '#/province-year'
              ? isProvinceYear
              : here.startsWith(href);
    nav.append(
      h(
        'a',
        { href, 'aria-current': current ? 'page' : undefined },
        t(key),
        key === 'nav.notifications' ? h('span', { id: 'unread', class: 'count', hidden: true }) : null,
      ),
    );
  }
  void refreshUnreadCount();
}

function applyLanguage() {
  document.documentElement.lang = lang();
  const button = document.getElementById('lang');
  button.textContent = lang() === 'vi' ? 'English' : 'Tiếng Việt';
  button.lang = lang() === 'vi' ? 'en' : 'vi';
  document.querySelectorAll('[data-i18n]').forEach((el) => (el.textContent = t(el.dataset.i18n)));
}

let lastHash = null;

async function route() {
  live.stop();
  const hash = location.hash || '#/';
  const changed = hash !== lastHash;
  lastHash = hash;
  if (!takeFlash()) clearStatus();
  const me = await session.load();
  renderHeader(me);
  if (!me) {
    if (hash !== '#/login') sessionStorage.setItem('thidua.after-login', hash);
    document.title = `${t('login.title')} — Thi Đua`;
    loginPage(main, () => {
      const next = sessionStorage.getItem('thidua.after-login') ?? '#/';
      sessionStorage.removeItem('thidua.after-login');
      if (location.hash === next) void route();
      else location.hash = next === '#/login' ? '#/' : next;
    });
    return;
  }
  if (hash === '#/login') {
    location.hash = '#/';
    return;
  }
  const found = ROUTES.find(([re]) => re.test(hash));
  main.setAttribute('aria-busy', 'true');
  try {
    if (found) await found[1](hash.match(found[0]));
    else fill(main, h('h1', { tabindex: '-1' }, t('notFound')), h('p', {}, h('a', { href: '#/' }, t('nav.blocs'))));
  } catch (err) {
    reportError(err);
    fill(
      main,
      h('h1', { tabindex: '-1' }, t('loadFailed')),
      h('p', {}, describeError(err)),
      h('button', { type: 'button', onclick: () => void route() }, t('retry')),
    );
  } finally {
    main.removeAttribute('aria-busy');
  }
  const h1 = main.querySelector('h1');
  if (h1) document.title = `${h1.textContent} — Thi Đua`;
  // A new page: move focus to its heading so keyboard and screen-reader users start there.
  if (changed && h1) {
    h1.setAttribute('tabindex', '-1');
    h1.focus({ preventScroll: false });
  }
}

document.getElementById('lang').addEventListener('click', () => {
  setLang(lang() === 'vi' ? 'en' : 'vi');
  applyLanguage();
  lastHash = null;
  void route().then(() => document.getElementById('lang').focus());
});
document.getElementById('logout').addEventListener('click', () => {
  session.logOut();
  location.hash = '#/login';
});
api.whenUnauthenticated(() => {
  session.logOut();
  if (location.hash !== '#/login') {
    sessionStorage.setItem('thidua.after-login', location.hash);
    location.hash = '#/login';
  }
});
window.addEventListener('hashchange', () => void route());
applyLanguage();
void route();
