// Onboarding a province (admin): download the templates (GET /api/admin/import/template), choose the province and
// the file (XLSX workbook, or a CSV with its sheet), check it first (POST …/import?dryRun=true: nothing is written)
// and then import (the good rows are written, the bad ones listed by sheet, row and column).
import { fill, h, table, uid } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as api from '../lib/api.js';
import { clearStatus, reportError, showOk } from '../lib/status.js';

const SHEETS = ['units', 'blocs', 'members', 'people', 'council', 'history'];

async function save(path) {
  const { blob, filename } = await api.download(path);
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  showOk(t('docs.downloaded', { file: filename }));
}

/** A button that shows "Đang xử lý…" while its work runs and reports an error in the alert area. */
function busyButton(label, work, attrs = {}) {
  const b = h('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', async () => {
    if (b.disabled) return;
    b.disabled = true;
    b.setAttribute('aria-busy', 'true');
    b.textContent = t('working');
    clearStatus();
    try {
      await work();
    } catch (err) {
      reportError(err);
    } finally {
      b.disabled = false;
      b.removeAttribute('aria-busy');
      b.textContent = label;
    }
  });
  return b;
}

function field(label, control) {
  const id = uid('imp');
  control.id = id;
  return h('p', { class: 'field' }, h('label', { for: id }, label), control);
}

function reportView(report) {
  const counts = SHEETS.map((k) => ({ sheet: t(`import.sheet.${k}`), ...report.counts[k] }));
  return h(
    'div',
    { id: 'import-report' },
    h('h2', {}, report.dryRun ? t('import.dryRunResult') : t('import.result')),
    table({
      caption: t('import.counts'),
      columns: [
        { key: 'sheet', label: t('import.col.sheet'), rowHeader: true },
        { key: 'created', label: t('import.created') },
        { key: 'updated', label: t('import.updated') },
        { key: 'unchanged', label: t('import.unchanged') },
        { key: 'failed', label: t('import.failed') },
      ],
      rows: counts,
    }),
    table({
      caption: t('import.errors', { n: report.errors.length }),
      className: 'import-errors',
      columns: [
        { key: 'sheetTitle', label: t('import.col.sheet') },
        { key: 'row', label: t('import.col.row') },
        { key: 'column', label: t('import.col.column'), render: (e) => e.column ?? '—' },
        { key: 'message', label: t('import.col.message') },
      ],
      rows: report.errors,
      empty: t('import.noErrors'),
    }),
  );
}

export async function importPage(main) {
  const provinces = (await api.get('/api/admin/provinces?take=200')).items;
  const province = h(
    'select',
    { name: 'province', required: true },
    provinces.map((p) => h('option', { value: p.id }, `${p.name} (${p.code})`)),
  );
  const file = h('input', { type: 'file', name: 'file', accept: '.xlsx,.csv', required: true });
  const sheet = h(
    'select',
    { name: 'sheet' },
    h('option', { value: '' }, t('import.sheetXlsx')),
    SHEETS.map((k) => h('option', { value: k }, t(`import.sheet.${k}`))),
  );
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', minlength: 10 });
  const result = h('div', { 'aria-live': 'polite' });

  const run = async (dryRun) => {
    const chosen = file.files?.[0];
    if (!chosen) throw Object.assign(new Error(t('import.noFile')), { localized: true });
    const form = new FormData();
    form.append('file', chosen);
    if (sheet.value) form.append('sheet', sheet.value);
    if (password.value) form.append('password', password.value);
    const report = await api.upload(
      `/api/admin/provinces/${encodeURIComponent(province.value)}/import${dryRun ? '?dryRun=true' : ''}`,
      form,
      dryRun ? undefined : crypto.randomUUID(),
    );
    fill(result, reportView(report));
    showOk(dryRun ? t('import.checked', { n: report.errors.length }) : t('import.done', { n: report.errors.length }));
  };

  fill(
    main,
    h('h1', {}, t('import.title')),
    h('p', { class: 'muted' }, t('import.intro')),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'import-templates' },
      h('h2', { id: 'import-templates' }, t('import.templates')),
      h(
        'p',
        {},
        busyButton(t('import.templateXlsx'), () => save('/api/admin/import/template?format=xlsx'), {
          id: 'template-xlsx',
        }),
      ),
      h(
        'p',
        { role: 'group', 'aria-label': t('import.templateCsv') },
        `${t('import.templateCsv')}: `,
        SHEETS.map((k) =>
          busyButton(t(`import.sheet.${k}`), () => save(`/api/admin/import/template?format=csv&sheet=${k}`), {
            class: 'small',
            'aria-label': `${t('import.templateCsv')}: ${t(`import.sheet.${k}`)}`,
          }),
        ),
      ),
    ),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'import-file' },
      h('h2', { id: 'import-file' }, t('import.file')),
      field(t('import.province'), province),
      field(t('import.fileLabel'), file),
      field(t('import.sheetLabel'), sheet),
      field(t('import.password'), password),
      h(
        'p',
        {},
        busyButton(t('import.dryRun'), () => run(true), { id: 'import-dry-run' }),
        ' ',
        busyButton(t('import.commit'), () => run(false), { id: 'import-commit' }),
      ),
    ),
    result,
  );
}
