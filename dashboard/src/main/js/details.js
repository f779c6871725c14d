/* Breakdown rows as a table, in a panel or in the details dialog (every row, searched and paged). */

const DETAILS_PAGE = 50;

/** The filter dimension of a breakdown route ("pages" → "page", "prop:plan" stays). */
function routeDimension(route) {
  return route.startsWith('prop:') ? route : FILTER_DIMENSION[route];
}

/** The rows worth listing: UTM tabs leave out visits without a tag (most visits), a "(none)" row that says nothing. */
function listedRows(route, rows) {
  return route.startsWith('utm_') ? rows.filter((row) => row.value !== NO_VALUE) : rows;
}

/**
 * A table of breakdown rows: the name (a button that filters by it, `filterBy(dimension, value)`),
 * visitors, and the figures of the breakdown. `compact` (a dashboard panel) keeps the name wide:
 * revenue, where rows have some, takes the place of pageviews, and pages show time on page but not
 * scroll depth. The details dialog shows every column. Bars show each row's visitors against `max`.
 */
function breakdownTable(route, title, rows, filterBy, {compact = false, max = Math.max(1, ...rows.map((row) => row.visitors))} = {}) {
  const dimension = routeDimension(route);
  const events = route === 'events';
  const revenue = rows.some((row) => row.revenue && row.revenue.length);
  // Pages carry the page-leave reports: visible time and deepest scroll per visitor ('–' without reports).
  const columns = [
    {label: 'Visitors', value: (row) => formatNumber(row.visitors)},
    !(compact && revenue) && {label: events ? 'Events' : 'Pageviews', value: (row) => formatNumber(events ? row.events : row.pageviews)},
    route === 'pages' && {label: compact ? 'Time' : 'Time on page', title: 'Time on page', value: (row) => formatDuration(row.time_on_page)},
    route === 'pages' && !compact && {label: 'Scroll', title: 'Deepest scroll', value: (row) => (row.scroll_depth == null ? '–' : formatPercent(row.scroll_depth))},
    revenue && {label: 'Revenue', className: 'num money', value: (row) => formatMoney(row.revenue)},
  ].filter(Boolean);
  return h('table', {class: 'breakdown-table'},
    h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, title),
      columns.map((column) => h('th', {scope: 'col', class: 'num', title: column.title}, column.label)))),
    h('tbody', {}, rows.map((row) => {
      const label = dimension === 'country' ? countryName(row.value) : dimension === 'referrer' ? referrerLabel(row.value) : row.value;
      const flag = dimension === 'country' && countryFlag(row.value) ? h('span', {class: 'flag', 'aria-hidden': 'true'}, countryFlag(row.value)) : null;
      const bar = h('span', {class: 'bar', 'aria-hidden': 'true'});
      bar.style.width = `${(100 * row.visitors) / max}%`;
      return h('tr', {},
        h('td', {class: 'value'}, bar, h('button', {type: 'button', class: 'link', title: `Filter by ${dimension === 'referrer' ? row.value : label}`,
          onclick: () => filterBy(dimension, row.value)}, flag, label)),
        columns.map((column) => h('td', {class: column.className || 'num'}, column.value(row))));
    })));
}

/**
 * Every row of one breakdown in a modal dialog: a search box (the view's filters plus "name
 * contains", answered by the server) and pages of {@link DETAILS_PAGE} rows. Picking a name filters
 * the dashboard by it and closes the dialog.
 */
class DetailsDialog {
  constructor(screen) {
    this.screen = screen;
    this.search = h('input', {type: 'search', placeholder: 'Search', 'aria-label': 'Search names', oninput: () => {
      clearTimeout(this.typing);
      this.typing = setTimeout(() => this.show(1), 250);
    }});
    this.title = h('h2', {id: 'details-title'});
    this.body = h('div', {class: 'table-wrap details-rows', 'aria-live': 'polite'});
    this.previous = h('button', {type: 'button', onclick: () => this.show(this.page - 1)}, 'Previous');
    this.next = h('button', {type: 'button', onclick: () => this.show(this.page + 1)}, 'Next');
    this.position = h('span', {class: 'muted'});
    this.dialog = h('dialog', {id: 'details', 'aria-labelledby': 'details-title'},
      h('div', {class: 'details-head'}, this.title, h('button', {type: 'button', class: 'link', 'aria-label': 'Close',
        onclick: () => this.dialog.close()}, '×')),
      this.search, this.body, h('div', {class: 'details-pages'}, this.previous, this.position, this.next));
    document.body.append(this.dialog);
  }

  open(route, title) {
    this.route = route;
    this.title.textContent = title;
    this.search.value = '';
    this.dialog.showModal();
    this.search.focus();
    this.show(1);
  }

  async show(page) {
    const asked = this.asked = {route: this.route, page, search: this.search.value.trim()};
    const params = this.screen.params();
    const dimension = routeDimension(this.route);
    if (asked.search) params.filters = [...(params.filters || []), ['contains', dimension, [asked.search]]];
    const path = this.route.startsWith('prop:') ? `props/${encodeURIComponent(this.route.slice(5))}` : this.route;
    this.body.setAttribute('aria-busy', 'true');
    try {
      const rows = await api(`/api/stats/breakdown/${path}?` + query({...params, limit: DETAILS_PAGE, page}));
      if (asked !== this.asked) return;
      this.page = page;
      const listed = listedRows(this.route, rows);
      this.previous.disabled = page === 1;
      this.next.disabled = rows.length < DETAILS_PAGE;
      this.position.textContent = listed.length ? `rows ${formatNumber((page - 1) * DETAILS_PAGE + 1)}–${formatNumber((page - 1) * DETAILS_PAGE + rows.length)}` : '';
      fill(this.body, listed.length ? breakdownTable(this.route, this.title.textContent, listed, (dim, value) => {
        this.dialog.close();
        this.screen.addFilter(dim, value);
      }) : h('p', {class: 'muted empty'}, page > 1 ? 'No more rows.' : 'Nothing matches.'));
    } catch (error) {
      if (asked === this.asked) fill(this.body, h('p', {class: 'error', role: 'alert'}, error.message));
    } finally {
      if (asked === this.asked) this.body.removeAttribute('aria-busy');
    }
  }
}
