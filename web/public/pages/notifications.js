// In-app notifications for me and my unit (GET /api/me/notifications; POST …/:id/read).
import { badge, button, fill, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import * as fmt from '../lib/format.js';
import * as live from '../lib/live.js';
import { reportError } from '../lib/status.js';

const TONE = { task: 'info', reminder: 'warn', escalation: 'bad', result: 'ok', info: '' };

/** The unread count next to "Thông báo" in the header. */
export async function refreshUnreadCount(items) {
  const el = document.getElementById('unread');
  if (!el) return;
  try {
    const list = items ?? (await api.notifications());
    const n = list.filter((x) => !x.readAt).length;
    el.hidden = n === 0;
    el.textContent = String(n);
    el.setAttribute('aria-label', t('unreadCount', { n }));
  } catch {
    el.hidden = true;
  }
}

function render(main, items) {
  const unread = items.filter((x) => !x.readAt);
  const markAll = unread.length
    ? button(t('markAllRead'), async (e) => {
        e.target.disabled = true;
        e.target.textContent = t('working');
        try {
          for (const n of unread) await api.markRead(n.id);
        } catch (err) {
          reportError(err);
        }
        await reload(main);
      })
    : null;
  fill(
    main,
    h('div', { class: 'page-head' }, h('h1', {}, t('notifications.title')), markAll),
    items.length === 0
      ? h('p', {}, t('notifications.none'))
      : h(
          'ul',
          { class: 'notifications' },
          items.map((n) =>
            h(
              'li',
              { class: n.readAt ? 'read' : 'unread', 'data-id': n.id },
              h(
                'div',
                { class: 'n-head' },
                badge(t(`kind.${n.kind}`), TONE[n.kind]),
                h('strong', {}, n.title),
                !n.readAt ? h('span', { class: 'sr-only' }, ` (${t('unread')})`) : null,
                h('span', { class: 'muted small' }, fmt.dateTime(n.createdAt)),
              ),
              h('p', { class: 'n-body' }, n.body),
              h(
                'div',
                { class: 'n-actions' },
                n.cycleId ? h('a', { href: `#/cycle/${encodeURIComponent(n.cycleId)}` }, t('openCycle')) : null,
                !n.readAt
                  ? button(
                      t('markRead'),
                      async (e) => {
                        e.target.disabled = true;
                        try {
                          await api.markRead(n.id);
                        } catch (err) {
                          reportError(err);
                        }
                        await reload(main);
                      },
                      { 'aria-label': `${t('markRead')}: ${n.title}` },
                    )
                  : null,
              ),
            ),
          ),
        ),
  );
  void refreshUnreadCount(items);
}

async function reload(main) {
  render(main, await api.notifications());
}

export async function notificationsPage(main) {
  const items = await api.notifications();
  render(main, items);
  live.watch({ load: api.notifications, render: (next) => render(main, next), root: main, data: items });
}
