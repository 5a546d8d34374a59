// One bloc-year: a header, tabs, and the tab's content. The page follows the workflow by itself
// (lib/live.js), so an officer sees the next phase open without reloading.
import { badge, fill, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as live from '../lib/live.js';
import * as session from '../lib/session.js';
import * as api from '../lib/api.js';
import { cycleLoader, cycleModel } from '../lib/cycle-model.js';
import { overviewTab } from './cycle-overview.js';
import { unitTab } from './cycle-unit.js';
import { meetingTab } from './cycle-meeting.js';
import { councilTab } from './cycle-council.js';
import { resultsTab } from './cycle-results.js';

const TABS = {
  overview: { label: 'tab.overview', render: overviewTab },
  unit: { label: 'tab.unit', render: unitTab, when: (m) => !!m.myUnit },
  meeting: { label: 'tab.meeting', render: meetingTab },
  council: { label: 'tab.council', render: councilTab },
  results: { label: 'tab.results', render: resultsTab },
};

function defaultTab(m) {
  if (m.phase === 'closed') return 'results';
  if (!m.myUnit && (m.isCouncilMember || m.isSecretary)) return 'council';
  return 'overview';
}

const tabOf = (m, requested) =>
  requested && TABS[requested] && (TABS[requested].when?.(m) ?? true) ? requested : defaultTab(m);

/** What a tab reads besides the cycle: the results (GET …/results) and the documents list. */
const documents = (id) => api.documents(id).catch(() => null);
const EXTRAS = {
  results: async (id) => {
    const [results, docs] = await Promise.all([api.results(id), documents(id)]);
    return { results, documents: docs };
  },
  meeting: async (id, m) => ({ documents: m.phaseIndex > m.phaseIndexOf('voting') ? await documents(id) : null }),
  // On the council tab: the decisions, for the secretary who records them and the head.
  council: async (id, m) => ({
    documents: m.phaseIndex >= m.phaseIndexOf('council') && (m.isSecretary || m.isHead) ? await documents(id) : null,
  }),
};

async function load(loadCycle, cycleId, requested, opts) {
  const data = await loadCycle(opts);
  const m = cycleModel(data, session.current());
  const extra = EXTRAS[tabOf(m, requested)];
  return { ...data, extra: extra ? await extra(cycleId, m) : {} };
}

function render(main, data, cycleId, requested) {
  const me = session.current();
  const m = { ...cycleModel(data, me), ...data.extra };
  const tab = tabOf(m, requested);
  const roles = [
    m.isHead ? t('head') : null,
    m.isDeputy ? t('deputy') : null,
    m.myUnit && !m.isHead && !m.isDeputy ? t('memberUnit') : null,
    m.isCouncilMember ? t('councilMember') : null,
    m.isSecretary ? t('councilSecretary') : null,
  ].filter(Boolean);
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('tabs') },
    Object.entries(TABS)
      .filter(([, d]) => d.when?.(m) ?? true)
      .map(([key, d]) =>
        h(
          'a',
          {
            href: `#/cycle/${encodeURIComponent(cycleId)}/${key}`,
            'aria-current': key === tab ? 'page' : undefined,
            'data-tab': key,
          },
          t(d.label),
        ),
      ),
  );
  fill(
    main,
    h('p', { class: 'crumbs' }, h('a', { href: '#/' }, t('nav.blocs')), ' › ', m.bloc.name),
    h(
      'div',
      { class: 'page-head' },
      h('h1', {}, `${m.bloc.name} — ${t('year')} ${m.year}`),
      h(
        'div',
        { class: 'head-badges' },
        badge(t(`phase.${m.phase}`), m.phase === 'closed' ? '' : 'info'),
        roles.map((r) => badge(r, 'role')),
      ),
    ),
    m.live ? null : h('p', { class: 'warning' }, t('liveUnavailable')),
    tabs,
    h('div', { class: 'tab-body', 'data-tab': tab }, TABS[tab].render(m, me)),
  );
}

export async function cyclePage(main, cycleId, requested) {
  const loadCycle = cycleLoader(cycleId);
  const data = await load(loadCycle, cycleId, requested, { fresh: true });
  render(main, data, cycleId, requested);
  live.watch({
    load: (opts) => load(loadCycle, cycleId, requested, opts),
    render: (next) => render(main, next, cycleId, requested),
    root: main,
    data,
  });
}
