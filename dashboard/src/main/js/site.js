/* The site screen: metric cards, the time series, breakdown tables, filters, realtime, export. */

const CARDS = [
  {key: 'unique_visitors', label: 'Unique visitors', format: formatNumber},
  {key: 'total_visits', label: 'Visits', format: formatNumber},
  {key: 'total_pageviews', label: 'Pageviews', format: formatNumber},
  {key: 'bounce_rate', label: 'Bounce rate', format: formatPercent, lowerIsBetter: true},
  {key: 'avg_visit_duration_secs', label: 'Visit duration', format: formatDuration},
  {key: 'pages_per_visit', label: 'Pages per visit', format: (value) => formatNumber(Math.round(value * 100) / 100)},
  {key: 'time_on_page', label: 'Time on page', format: formatDuration},
];

const CHART_METRICS = {visitors: 'Visitors', pageviews: 'Pageviews', visits: 'Visits'};
const TABLE_ROWS = 10;
/** How often the realtime view asks again (answers reaching the present are at most 5 s old on the server). */
const REALTIME_REFRESH_MS = 10000;

class SiteScreen {
  constructor(siteId, account) {
    this.siteId = siteId;
    this.account = account;
    this.state = readViewState();
    this.metric = 'visitors';
    this.view = 0;
    this.details = new DetailsDialog(this);
    this.editor = new FilterEditor(this);
    this.segments = new SegmentPicker(this);
    this.panels = $$('.breakdown').map((section) => new BreakdownPanel(section, this));
  }

  async start() {
    // An open instance accepts events for sites nobody registered; their stats are in UTC.
    const site = await api(`/api/sites/${encodeURIComponent(this.siteId)}`)
      .catch((error) => (error.status === 404 ? {time_zone: 'UTC (not registered)'} : Promise.reject(error)));
    $('#site-zone').textContent = site.time_zone;
    this.bindControls();
    this.segments.load();
    this.reload();
    this.realtime();
    setInterval(() => document.hidden || this.realtime(), 30000);
  }

  params() {
    return statsParams(this.siteId, this.state);
  }

  bindControls() {
    const period = $('#period');
    const from = $('#from');
    const to = $('#to');
    const compare = $('#compare');
    period.value = this.state.period;
    from.value = this.state.from || isoDate(new Date(Date.now() - 29 * 86400000));
    to.value = this.state.to || isoDate(new Date());
    compare.checked = this.state.compare;
    const custom = $('#custom-range');
    custom.hidden = this.state.period !== 'custom';
    const changed = () => {
      custom.hidden = period.value !== 'custom';
      if (period.value === 'custom' && (!from.value || !to.value || from.value > to.value)) return;
      Object.assign(this.state, {period: period.value, from: from.value, to: to.value, compare: compare.checked});
      this.reload();
    };
    [period, from, to, compare].forEach((control) => control.addEventListener('change', changed));
    let redraw = 0;
    addEventListener('resize', () => {
      cancelAnimationFrame(redraw);
      redraw = requestAnimationFrame(() => this.drawChart()); // drawn at its box's size, which follows the window
    });
    if (this.account.shared) {
      $('#export').addEventListener('click', (event) => {
        event.preventDefault();
        downloadWithShare(event.currentTarget.href, `${this.siteId}-stats.zip`).catch((error) => showError($('#page-error'), error));
      });
    }
    $('#add-filter').addEventListener('click', () => this.editor.open());
    $$('[data-metric]').forEach((button) => button.addEventListener('click', () => {
      this.metric = button.dataset.metric;
      this.drawChart();
    }));
  }

  addFilter(dimension, value) {
    if (!this.state.filters.some(([op, dim, values]) => op === 'is' && dim === dimension && values.includes(value))) {
      this.state.filters.push(['is', dimension, [value]]);
      this.reload();
    }
  }

  removeFilter(index) {
    this.state.filters.splice(index, 1);
    this.reload();
  }

  /** Puts `filter` in place of the view's filter number `index`, or adds it when `index` is null. */
  setFilter(index, filter) {
    if (index == null) this.state.filters.push(filter);
    else this.state.filters[index] = filter;
    this.reload();
  }

  replaceFilters(filters) {
    this.state.filters = filters;
    this.reload();
  }

  /**
   * Asks for every figure of the view. What is on screen stays, marked busy (dimmed), until its new
   * answer arrives; an answer to a view that has changed since is dropped.
   */
  reload() {
    writeViewState(this.state);
    this.drawFilters();
    const view = ++this.view;
    const live = this.state.period === 'realtime';
    $('#compare').disabled = live; // the last 30 minutes have no earlier period to compare with
    $$('[data-metric]').forEach((button) => button.hidden = live);
    const compare = this.state.compare && !live ? {compare: 'previous_period'} : {};
    clearTimeout(this.refresh);
    if (live) this.reloadLater();
    // The export is the server's ZIP of CSVs for the same view: every breakdown, not only the rows shown.
    $('#export').href = '/api/stats/export?' + query({...this.params(), format: 'zip'});
    const cards = this.busyWhile('#cards', view, api('/api/stats/main?' + query({...this.params(), ...compare})), (main) => {
      this.drawCards(main);
    });
    const series = live ? this.busyWhile('#chart', view, api('/api/stats/realtime?' + query({site_id: this.siteId})), (now) => {
      this.points = now.pageviews_per_minute.map((minute) => ({date: localMinute(minute.minute), pageviews: minute.pageviews}));
      this.drawChart();
    }) : this.busyWhile('#chart', view, api('/api/stats/timeseries?' + query({...this.params(), ...compare})), (points) => {
      this.points = points;
      this.drawChart();
    });
    const tables = this.panels.map((panel) => panel.load());
    return Promise.all([cards, series, ...tables]).then(() => {
      // Read by the render benchmark and the browser tests: milliseconds from navigation to all drawn.
      document.body.dataset.rendered ||= String(Math.round(performance.now()));
    });
  }

  /** The realtime view, asked again once the page is visible (a hidden tab asks nothing). */
  reloadLater() {
    this.refresh = setTimeout(() => (document.hidden ? this.reloadLater() : this.reload()), REALTIME_REFRESH_MS);
  }

  /** Marks `selector` busy until `answer` settles, then draws it with `draw`, or its error, unless view `view` is gone. */
  busyWhile(selector, view, answer, draw) {
    const element = $(selector);
    element.setAttribute('aria-busy', 'true');
    return answer.then((value) => view === this.view && draw(value),
      (error) => view === this.view && fill(element, h('p', {class: 'error', role: 'alert'}, error.message)))
      .finally(() => view === this.view && element.removeAttribute('aria-busy'));
  }

  /** One chip per filter: its label opens it in the editor, its × removes it. */
  drawFilters() {
    fill($('#filters'), this.state.filters.map((filter, index) => h('span', {class: 'chip'},
      h('button', {type: 'button', class: 'chip-label', title: 'Edit this filter', onclick: () => this.editor.open(index)}, filterLabel(filter)),
      h('button', {type: 'button', 'aria-label': `Remove filter: ${filterLabel(filter)}`, onclick: () => this.removeFilter(index)}, '×'))));
    this.segments.sync();
  }

  drawCards(main) {
    fill($('#cards'), CARDS.map((card) => {
      const change = main.change ? main.change[card.key] : null;
      const better = change != null && (card.lowerIsBetter ? change < 0 : change > 0);
      return h('div', {class: 'card', 'data-card': card.key},
        h('span', {class: 'card-label'}, card.label),
        h('span', {class: 'card-value'}, card.format(main[card.key])),
        change == null ? h('span', {class: 'card-change muted'}, main.comparison ? 'no earlier data' : '\u00a0')
          : h('span', {class: `card-change ${better ? 'good' : change === 0 ? '' : 'bad'}`},
            `${change > 0 ? '↑' : change < 0 ? '↓' : '→'} ${formatPercent(Math.abs(change))}`,
            h('span', {class: 'visually-hidden'}, ' compared with the previous period')));
    }));
  }

  drawChart() {
    if (!this.points) return;
    $$('[data-metric]').forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.metric === this.metric)));
    const live = this.state.period === 'realtime'; // pageviews per minute, the figure the realtime route has
    const metric = live ? 'pageviews' : this.metric;
    const series = [{label: live ? 'Pageviews per minute' : CHART_METRICS[metric], values: this.points.map((p) => p[metric]), className: 'current'}];
    if (this.state.compare && !live) {
      const key = 'comparison_' + this.metric;
      series.push({label: 'Previous period', values: this.points.map((p) => p[key] || 0), className: 'previous'});
    }
    drawLineChart($('#chart'), this.points.map((p) => p.date), series);
  }

  async realtime() {
    try {
      const now = await api('/api/stats/realtime?' + query({site_id: this.siteId}));
      $('#realtime').textContent = `${visitors(now.current_visitors)} now`;
    } catch (error) {
      $('#realtime').textContent = 'realtime unavailable';
    }
  }
}

/** A box of tabs over breakdown routes ("pages:Pages,entry_pages:Entry pages"), showing the active one. */
class BreakdownPanel {
  constructor(section, screen) {
    this.section = section;
    this.screen = screen;
    this.tabs = section.dataset.tabs.split(',').map((entry) => {
      const [route, label] = entry.split(':');
      return {route, label};
    });
    this.active = this.tabs[0];
    const tablist = h('div', {class: 'tabs', role: 'tablist', 'aria-label': section.dataset.title});
    this.buttons = this.tabs.map((tab) => h('button', {type: 'button', role: 'tab', 'data-route': tab.route,
      onclick: () => this.select(tab)}, tab.label));
    append(tablist, this.buttons);
    this.extra = h('div', {class: 'panel-extra'});
    this.body = h('div', {class: 'table-wrap', role: 'tabpanel'});
    this.more = h('button', {type: 'button', class: 'link more', hidden: true,
      onclick: () => screen.details.open(this.route(), this.active.label)}, 'Details');
    // The location database's licence may ask for a credit wherever its results are shown.
    const credit = section.dataset.credit
      ? h('p', {class: 'credit'}, h('a', {href: section.dataset.creditUrl, rel: 'noopener', target: '_blank'}, section.dataset.credit)) : null;
    fill(section, h('h2', {class: 'panel-title'}, section.dataset.title), tablist, this.extra, this.body, this.more, credit);
  }

  select(tab) {
    this.active = tab;
    this.load();
  }

  /** The breakdown shown: the active tab's route, or "prop:key" for a property's values. */
  route() {
    return this.active.route === 'props' ? 'prop:' + this.propKey : this.active.route;
  }

  /** Shows the active tab's rows for the screen's view; the old rows stay, dimmed, until the answer comes (a newer load wins). */
  async load() {
    this.buttons.forEach((button) => button.setAttribute('aria-selected', String(button.dataset.route === this.active.route)));
    const route = this.active.route;
    const load = this.loads = (this.loads || 0) + 1;
    const current = () => load === this.loads;
    this.body.setAttribute('aria-busy', 'true');
    fill(this.extra);
    try {
      if (route === 'goals') {
        const goals = await api('/api/stats/breakdown/goals?' + query(this.screen.params()));
        return current() && this.drawGoals(goals);
      }
      if (route === 'props') return await this.loadProps(current);
      if (route === 'map') return await this.loadMap(current);
      // Two rows more than shown: one says whether there are more, one stands in for a "(none)" left out (listedRows).
      const rows = await api(`/api/stats/breakdown/${route}?` + query({...this.screen.params(), limit: TABLE_ROWS + 2}));
      if (current()) this.drawRows(route, rows);
    } catch (error) {
      if (current()) fill(this.body, h('p', {class: 'error', role: 'alert'}, error.message));
    } finally {
      if (current()) this.body.removeAttribute('aria-busy');
    }
  }

  /** Every country of the view on the world map (a country is about 250 rows at most). */
  async loadMap(current) {
    this.more.hidden = true;
    const rows = await api('/api/stats/breakdown/countries?' + query({...this.screen.params(), limit: 300}));
    if (!current()) return;
    if (!rows.length) return fill(this.body, h('p', {class: 'muted empty'}, 'No data for this period.'));
    await drawWorldMap(this.body, this.section.dataset.map, rows, (dimension, value) => this.screen.addFilter(dimension, value));
  }

  async loadProps(current) {
    const key = this.propKey || '';
    const input = h('input', {type: 'text', name: 'prop', value: key, placeholder: 'property key', 'aria-label': 'Property key'});
    const form = h('form', {class: 'inline', onsubmit: (event) => {
      event.preventDefault();
      this.propKey = input.value.trim();
      this.load();
    }}, input, h('button', {type: 'submit'}, 'Show'));
    fill(this.extra, form);
    if (!key) return fill(this.body, h('p', {class: 'muted'}, 'Name a custom property to see its values.'));
    const rows = await api(`/api/stats/breakdown/props/${encodeURIComponent(key)}?` + query({...this.screen.params(), limit: TABLE_ROWS + 2}));
    if (current()) this.drawRows('prop:' + key, rows);
  }

  drawRows(route, rows) {
    const listed = listedRows(route, rows);
    const shown = listed.slice(0, TABLE_ROWS);
    this.more.hidden = listed.length <= TABLE_ROWS;
    if (!shown.length) return fill(this.body, h('p', {class: 'muted empty'}, rows.length ? 'No tagged visits in this period.' : 'No data for this period.'));
    fill(this.body, breakdownTable(route, this.active.label, shown, (dimension, value) => this.screen.addFilter(dimension, value), {compact: true}));
  }

  drawGoals(rows) {
    this.more.hidden = true;
    if (!rows.length) {
      return fill(this.body, h('p', {class: 'muted empty'}, 'No goals yet.',
        this.screen.account.admin ? [' ', h('a', {href: '/settings#goals'}, 'Add a goal')] : ' An administrator can add them.'));
    }
    fill(this.body, h('table', {class: 'breakdown-table'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Goal'), h('th', {scope: 'col', class: 'num'}, 'Visitors'),
        h('th', {scope: 'col', class: 'num'}, 'Conversion'))),
      h('tbody', {}, rows.map((row) => h('tr', {}, h('td', {class: 'value'}, h('button', {type: 'button', class: 'link',
        title: `Filter by ${row.goal}`, onclick: () => this.screen.setFilter(null, goalFilter(row))}, row.goal)),
        h('td', {class: 'num'}, formatNumber(row.visitors)),
        h('td', {class: 'num'}, formatPercent(row.conversion_rate)))))));
  }
}

/** The filter a goal stands for: its page pattern (a wildcard where it has one), or its event's name. */
function goalFilter(goal) {
  if (goal.kind === 'event') return ['is', 'event', [goal.value]];
  return [goal.value.includes('*') ? 'matches_wildcard' : 'is', 'page', [goal.value]];
}

async function siteScreen() {
  const account = await signedIn({publicRead: true});
  await new SiteScreen(document.body.dataset.site, account).start();
}
