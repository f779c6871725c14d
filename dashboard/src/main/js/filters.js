/* The site screen's state — period, comparison, filters — kept in the URL so a view can be shared. */

/** Breakdown route → the filter dimension its values belong to (goals cannot be filtered on). */
const FILTER_DIMENSION = {
  pages: 'page', entry_pages: 'entry_page', exit_pages: 'exit_page', sources: 'source', referrers: 'referrer',
  utm_source: 'utm_source', utm_medium: 'utm_medium', utm_campaign: 'utm_campaign', utm_content: 'utm_content',
  utm_term: 'utm_term', browsers: 'browser', browser_versions: 'browser_version', os: 'os', os_versions: 'os_version',
  devices: 'device', countries: 'country', regions: 'region', cities: 'city', hostnames: 'hostname', events: 'event',
};

/** The API's value for a visit or event without one (no UTM tag, no referrer). */
const NO_VALUE = '(none)';

const DIMENSION_LABEL = {
  page: 'Page', entry_page: 'Entry page', exit_page: 'Exit page', source: 'Source', referrer: 'Referrer',
  utm_source: 'UTM source', utm_medium: 'UTM medium', utm_campaign: 'UTM campaign', utm_content: 'UTM content',
  utm_term: 'UTM term', browser: 'Browser', browser_version: 'Browser version', os: 'OS', os_version: 'OS version',
  device: 'Device', country: 'Country', region: 'Region', city: 'City', hostname: 'Hostname', event: 'Event',
};

function readViewState() {
  const params = new URLSearchParams(location.search);
  let filters = [];
  try {
    filters = JSON.parse(params.get('filters') || '[]');
  } catch (e) {
    filters = [];
  }
  return {
    ...periodOf(params),
    compare: params.get('compare') === '1',
    filters: Array.isArray(filters) ? filters : [],
  };
}

/** The periods the picker offers; the stats API's others are read as one of them. */
const PICKER_PERIODS = ['realtime', 'today', '7d', '30d', '90d', 'month', '6mo', '12mo', 'year', 'custom'];

/**
 * The view's period from a URL: `day` (the API's and Plausible's one-day period) is today, or the
 * custom range of its `date`; anything the picker cannot show is the default, never a blank picker.
 */
function periodOf(params) {
  const period = params.get('period') || '30d';
  const date = params.get('date') || '';
  if (period === 'day') {
    return /^\d{4}-\d{2}-\d{2}$/.test(date) ? {period: 'custom', from: date, to: date} : {period: 'today', from: '', to: ''};
  }
  return {period: PICKER_PERIODS.includes(period) ? period : '30d', from: params.get('from') || '', to: params.get('to') || ''};
}

function writeViewState(state) {
  const search = query({
    period: state.period === '30d' ? '' : state.period,
    from: state.period === 'custom' ? state.from : '',
    to: state.period === 'custom' ? state.to : '',
    compare: state.compare ? '1' : '',
    filters: state.filters.length ? state.filters : '',
  });
  history.replaceState(null, '', location.pathname + (search ? '?' + search : ''));
}

/** The stats API's range and filter parameters for a view state. */
function statsParams(siteId, state) {
  const params = {site_id: siteId, period: state.period};
  if (state.period === 'custom') {
    params.start_date = state.from;
    params.end_date = state.to;
  }
  if (state.filters.length) params.filters = state.filters;
  return params;
}

/** The stats API's filter operators, as a sentence says them. */
const OPERATOR_LABEL = {
  is: 'is', is_not: 'is not', contains: 'contains', contains_not: 'does not contain',
  matches_wildcard: 'matches', matches_wildcard_not: 'does not match',
};

function filterLabel([operator, dimension, values]) {
  const name = dimension.startsWith('prop:') ? `Property ${dimension.slice(5)}` : (DIMENSION_LABEL[dimension] || dimension);
  const shown = dimension === 'country' ? values.map(countryName) : values;
  return `${name} ${OPERATOR_LABEL[operator] || operator} ${shown.join(' or ')}`;
}
