// Dates, numbers and money in the reader's language.
import { locale, t } from './i18n.js';

/** 22/11/2026 (both languages: day first, as on Vietnamese documents). */
export function date(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(new Date(iso));
}

/** 22/11/2026 13:08 — the date first (vi-VN would otherwise put the time first). */
export function dateTime(iso) {
  if (!iso) return '—';
  const time = new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
  return `${date(iso)} ${time}`;
}

/** "còn 3 ngày" / "quá hạn 2 giờ" relative to now. */
export function dueIn(iso, now = Date.now()) {
  if (!iso) return '';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const [n, unit] =
    abs >= 86_400_000
      ? [Math.round(abs / 86_400_000), 'days']
      : abs >= 3_600_000
        ? [Math.round(abs / 3_600_000), 'hours']
        : [Math.max(1, Math.round(abs / 60_000)), 'minutes'];
  return t(ms >= 0 ? 'dueIn' : 'overdueBy', { n, unit: t(unit) });
}

export const points = (x) =>
  x === null || x === undefined ? '—' : new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(x);

export const percent = (x) =>
  x === null || x === undefined
    ? '—'
    : new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 }).format(x);

export const money = (vnd) =>
  vnd === null || vnd === undefined ? '—' : `${new Intl.NumberFormat('vi-VN').format(Number(vnd))} ₫`;

/** ISO instant → the value of an <input type="datetime-local"> in the browser's time zone. */
export function toLocalInput(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The value of a datetime-local input → ISO instant ('' stays '' so the API names the field). */
export function fromLocalInput(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}

/** Lines of a textarea → trimmed, non-empty strings. */
export const lines = (text) =>
  String(text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
