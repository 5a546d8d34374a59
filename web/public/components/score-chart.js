// Final scores by criteria group as an inline SVG bar chart: one bar per unit, one stacked segment
// per group of the scoring template (after review), then the bonus; penalties are already taken off
// the total printed at the end of the bar. The ranking table next to it is its text twin, and the
// chart's <desc> reads out the same numbers.
import { h, s, uid } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import * as fmt from '../lib/format.js';

/** rows: the ranking of GET /api/cycles/:id/results ({ rank, unit, finalTotal, bonus, penalty, groups }). */
export function scoreChart(rows) {
  const groups = rows[0]?.groups ?? [];
  const W = 760;
  const labelW = 240;
  const barH = 22;
  const gap = 8;
  const top = 8;
  const plotW = W - labelW - 56;
  const scale = groups.reduce((a, g) => a + g.maxPoints, 0) || 100;
  const max = Math.max(
    scale,
    ...rows.map((r) => r.groups.reduce((a, g) => a + Math.max(0, g.final), 0) + Math.max(0, r.bonus ?? 0)),
  );
  const x = (v) => labelW + (Math.max(0, v) / max) * plotW;
  const height = top + rows.length * (barH + gap) + 24;
  const titleId = uid('chart-title');
  const descId = uid('chart-desc');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const describe = (r) =>
    `${r.rank ?? '—'}. ${r.unit.name}: ${fmt.points(r.finalTotal)} (${r.groups.map((g) => `${g.name} ${fmt.points(g.final)}`).join(', ')}${r.bonus ? `, ${t('results.bonus')} ${fmt.points(r.bonus)}` : ''}${r.penalty ? `, ${t('results.penalty')} ${fmt.points(r.penalty)}` : ''})`;

  return h(
    'figure',
    { class: 'chart' },
    s(
      'svg',
      {
        viewBox: `0 0 ${W} ${height}`,
        width: W,
        height,
        role: 'img',
        'aria-labelledby': `${titleId} ${descId}`,
        class: 'score-chart',
      },
      s('title', { id: titleId }, t('chartTitle')),
      s('desc', { id: descId }, rows.map(describe).join('; ')),
      ticks.map((v) => [
        s('line', { x1: x(v), x2: x(v), y1: top - 4, y2: top + rows.length * (barH + gap), class: 'grid' }),
        s(
          'text',
          { x: x(v), y: top + rows.length * (barH + gap) + 14, 'text-anchor': 'middle', class: 'tick' },
          String(v),
        ),
      ]),
      rows.map((r, i) => {
        const y = top + i * (barH + gap);
        const name = r.unit.name;
        let at = 0;
        const segments = [
          ...r.groups.map((g, gi) => ({
            value: Math.max(0, g.final),
            className: `seg g${gi % 6}`,
            label: `${g.name}: ${fmt.points(g.final)}`,
          })),
          ...(r.bonus > 0
            ? [{ value: r.bonus, className: 'seg bonus', label: `${t('results.bonus')}: ${fmt.points(r.bonus)}` }]
            : []),
        ];
        return s(
          'g',
          { class: 'bar', 'data-unit': r.unit.id },
          s(
            'text',
            { x: labelW - 8, y: y + barH / 2 + 4, 'text-anchor': 'end', class: 'label' },
            `${r.rank ?? '—'}. ${name.length > 30 ? `${name.slice(0, 29)}…` : name}`,
          ),
          segments.map((seg) => {
            const x0 = x(at);
            at += seg.value;
            return s(
              'rect',
              { x: x0, y, width: Math.max(0, x(at) - x0), height: barH, class: seg.className },
              s('title', {}, seg.label),
            );
          }),
          s('text', { x: x(at) + 6, y: y + barH / 2 + 4, class: 'value' }, fmt.points(r.finalTotal)),
        );
      }),
    ),
    h(
      'figcaption',
      { class: 'legend' },
      groups.map((g, gi) =>
        h('span', { class: 'legend-item' }, h('span', { class: `key g${gi % 6}`, 'aria-hidden': 'true' }), g.name),
      ),
      h('span', { class: 'legend-item' }, h('span', { class: 'key bonus', 'aria-hidden': 'true' }), t('results.bonus')),
      h('span', { class: 'legend-item muted' }, t('chartPenaltyNote')),
    ),
  );
}
