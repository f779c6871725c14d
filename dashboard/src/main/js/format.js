/* How figures are written on screen. */

const numberFormat = new Intl.NumberFormat(undefined);
const compactFormat = new Intl.NumberFormat(undefined, {notation: 'compact', maximumFractionDigits: 1});
const regionNames = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, {type: 'region'}) : null;

function formatNumber(value) {
  if (value == null || Number.isNaN(value)) return '–';
  return Math.abs(value) >= 100000 ? compactFormat.format(value) : numberFormat.format(value);
}

/** "1 visitor", "12 visitors". */
function visitors(count) {
  return `${formatNumber(count)} visitor${count === 1 ? '' : 's'}`;
}

function formatPercent(value) {
  return value == null ? '–' : numberFormat.format(Math.round(value * 10) / 10) + ' %';
}

function formatDuration(seconds) {
  if (seconds == null) return '–';
  const total = Math.round(seconds);
  const minutes = Math.floor(total / 60);
  return minutes ? `${minutes} min ${total % 60} s` : `${total} s`;
}

/** A country code as its name ("DE" → "Germany"), the code itself if the browser cannot name it. */
/** A country's flag: the two regional-indicator letters of its ISO code, which systems with flag emoji draw as the flag. */
function countryFlag(code) {
  return /^[A-Z]{2}$/.test(code) ? String.fromCodePoint(...[...code].map((letter) => 0x1f1e6 + letter.charCodeAt(0) - 65)) : '';
}

function countryName(code) {
  try {
    return regionNames && /^[A-Z]{2}$/.test(code) ? `${regionNames.of(code)} (${code})` : code;
  } catch (e) {
    return code;
  }
}

/** Revenue ([{currency, amount}]) as one amount per currency, each kept whole on its line; '–' without any. */
/** A referring URL as a reader scans it: "https://www.news.test/a/?x=1" → "news.test/a" (the filter keeps the whole URL). */
function referrerLabel(url) {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:www\.)?([^/?#]+)([^?#]*)/i.exec(url);
  return match ? match[1] + match[2].replace(/\/+$/, '') : url;
}

function formatMoney(revenue) {
  if (!revenue || !revenue.length) return '–';
  return revenue.map(({currency, amount}) =>
    h('span', {class: 'amount'}, new Intl.NumberFormat(undefined, {style: 'currency', currency}).format(amount)));
}

const pad2 = (n) => String(n).padStart(2, '0');

/** Date as YYYY-MM-DD in the browser's calendar. */
function isoDate(date) {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** An instant as "YYYY-MM-DD HH:MM" on the browser's clock: a minute's label on the realtime chart. */
function localMinute(instant) {
  const date = new Date(instant);
  return `${isoDate(date)} ${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
}
