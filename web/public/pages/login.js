// Log in (POST /api/auth/login). The token is kept in sessionStorage for this tab only.
import { fill, h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { actForm } from '../lib/forms.js';
import * as session from '../lib/session.js';

export function loginPage(main, onLoggedIn) {
  const f = actForm({
    id: 'login',
    submitLabel: t('login.submit'),
    okText: t('login.ok'),
    collect: () => ({ username: username.value, password: password.value }),
    send: async ({ username: u, password: p }) => {
      try {
        return await session.logIn(u, p);
      } catch (err) {
        if (err.status === 401)
          throw Object.assign(new Error(t('login.wrong')), {
            localized: true,
            code: 'UNAUTHENTICATED',
            issues: [{ path: ['password'], message: t('login.wrong') }],
          });
        throw err;
      }
    },
    onDone: onLoggedIn,
  });
  const username = f.field({
    name: 'username',
    label: t('login.username'),
    required: true,
    autocomplete: 'username',
    spellcheck: 'false',
  });
  const password = f.field({
    name: 'password',
    label: t('login.password'),
    type: 'password',
    required: true,
    autocomplete: 'current-password',
  });
  fill(
    main,
    h(
      'div',
      { class: 'login' },
      h('h1', { tabindex: '-1' }, t('login.title')),
      h('p', { class: 'muted' }, t('login.intro')),
      h('section', { class: 'card' }, f.form),
    ),
  );
  username.focus();
}
