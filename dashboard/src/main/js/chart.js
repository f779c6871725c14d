/* Charts drawn as SVG: the time series of the site screen and the sparklines of the site list. */

/** The drawing's size when its box has none yet (not laid out); otherwise it is drawn at its box's size. */
const CHART_WIDTH = 800;
const CHART_HEIGHT = 240;
/** Room per date label: fewer labels on a narrow screen, never overlapping. */
const TICK_SPACING = 72;
const CHART_PAD = {top: 12, right: 12, bottom: 28, left: 48};

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
function niceCeiling(value) {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value);
}

function linePath(values, x, y) {
  return values.map((value, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(value).toFixed(1)}`).join('');
}

/**
 * Draws `series` ({label, values, className}) over `labels` (one per bucket) into `container`, at
 * the size of its box (set by CSS, so drawing never shifts the layout): one unit is one pixel, and
 * labels read at their font size on a phone as on a laptop. A visually hidden table carries the
 * same figures for screen readers.
 */
function drawLineChart(container, labels, series) {
  const width = container.clientWidth || CHART_WIDTH;
  const height = container.clientHeight || CHART_HEIGHT;
  const max = niceCeiling(Math.max(1, ...series.flatMap((s) => s.values)));
  const innerWidth = width - CHART_PAD.left - CHART_PAD.right;
  const innerHeight = height - CHART_PAD.top - CHART_PAD.bottom;
  const x = (i) => CHART_PAD.left + (labels.length > 1 ? (i * innerWidth) / (labels.length - 1) : innerWidth / 2);
  const y = (value) => CHART_PAD.top + innerHeight - (value / max) * innerHeight;
  // Whole numbers on the axis: quarters where they are whole (20, 100), fifths otherwise (5, 10, 50).
  const parts = max < 4 ? max : Number.isInteger(max / 4) ? 4 : 5;
  const fractions = Array.from({length: parts + 1}, (_, i) => i / parts);
  const grid = fractions.map((fraction) => {
    const value = max * fraction;
    return h('g', {class: 'grid'},
      h('line', {x1: CHART_PAD.left, x2: width - CHART_PAD.right, y1: y(value), y2: y(value)}),
      h('text', {x: CHART_PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end'}, formatNumber(value)));
  });
  const step = Math.max(1, Math.ceil(labels.length / Math.max(2, Math.floor(innerWidth / TICK_SPACING))));
  // A label centred on the last point would run past the drawing's right edge: it ends there instead.
  const anchor = (i) => (labels.length > 1 && i === labels.length - 1 ? 'end' : 'middle');
  const ticks = labels.map((label, i) => i % step === 0
    ? h('text', {class: 'tick', x: x(i), y: height - 8, 'text-anchor': anchor(i)}, shortLabel(label)) : null);
  const lines = series.map((s) => h('path', {class: `line ${s.className}`, d: linePath(s.values, x, y)}));
  const points = series[0].values.map((value, i) => h('circle', {class: `point ${series[0].className}`, cx: x(i), cy: y(value), r: 3},
    h('title', {}, `${labels[i]}: ${series.map((s) => `${s.label} ${formatNumber(s.values[i])}`).join(', ')}`)));
  const svg = h('svg', {viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': `${series.map((s) => s.label).join(' and ')}, ${labels[0]} to ${labels[labels.length - 1]}`}, grid, ticks, lines, points);
  const table = h('table', {class: 'visually-hidden'},
    h('thead', {}, h('tr', {}, h('th', {}, 'Date'), series.map((s) => h('th', {}, s.label)))),
    h('tbody', {}, labels.map((label, i) => h('tr', {}, h('td', {}, label), series.map((s) => h('td', {}, s.values[i]))))));
  fill(container, svg, table);
}

/** "2026-11-20" → "20 Nov", "2026-11-20T13:00" → "13:00". */
function shortLabel(label) {
  if (label.includes('T') || label.includes(' ')) return label.slice(11, 16);
  const date = new Date(label.slice(0, 10) + 'T00:00:00');
  return Number.isNaN(date.getTime()) ? label : date.toLocaleDateString(undefined, {day: 'numeric', month: 'short'});
}

/** A small trend line, 120 × 32. */
function sparkline(values) {
  const max = Math.max(1, ...values);
  const x = (i) => (values.length > 1 ? (i * 118) / (values.length - 1) : 59) + 1;
  const y = (value) => 31 - (value / max) * 30;
  // Stretched to its box (the stroke keeps its width): scaled uniformly, it sat centred with blank margins.
  return h('svg', {class: 'sparkline', viewBox: '0 0 120 32', preserveAspectRatio: 'none', 'aria-hidden': 'true'},
    h('path', {d: linePath(values, x, y)}));
}
