/* The behavioral screen: funnel builder, retention heatmap, sequence check and flow explorer. */

const FUNNEL_MODES = ['strict_order', 'strict_deduplication', 'strict_increase', 'strict_once', 'allow_reentry'];

function warnings(list) {
  return (list || []).length ? h('ul', {class: 'warnings'}, list.map((text) => h('li', {}, text))) : null;
}

/** A list of step inputs with add/remove buttons; steps are `page:/path`, `event:name` or `any`. */
function stepEditor(container, initial) {
  const list = h('ol', {class: 'steps'});
  const add = (value = '') => {
    const input = h('input', {type: 'text', value, required: true, 'aria-label': 'Step', placeholder: 'page:/pricing or event:signup'});
    const item = h('li', {}, input, h('button', {type: 'button', class: 'link', 'aria-label': 'Remove step',
      onclick: () => list.children.length > 1 && item.remove()}, 'Remove'));
    list.append(item);
  };
  initial.forEach((value) => add(value));
  fill(container, list, h('button', {type: 'button', onclick: () => add()}, 'Add step'));
  return () => $$('input', list).map((input) => input.value.trim()).filter(Boolean);
}

class BehaviorScreen {
  constructor(siteId) {
    this.siteId = siteId;
    this.state = readViewState();
  }

  params(extra) {
    return query({...statsParams(this.siteId, this.state), ...extra});
  }

  start() {
    $('#back').href = `/sites/${encodeURIComponent(this.siteId)}${location.search}`;
    this.funnelSteps = stepEditor($('#funnel-steps'), ['page:/', 'page:/pricing']);
    this.sequenceSteps = stepEditor($('#sequence-steps'), ['page:/', 'event:signup']);
    const modes = $('#funnel-modes');
    fill(modes, FUNNEL_MODES.map((mode) => h('label', {class: 'check'}, h('input', {type: 'checkbox', name: 'mode', value: mode}),
      ' ', mode.replace(/_/g, ' '))));
    this.form('#funnel-form', () => this.funnel());
    this.form('#retention-form', () => this.retention());
    this.form('#sequence-form', () => this.sequences());
    this.form('#flow-form', () => this.flow());
  }

  form(selector, run) {
    const form = $(selector);
    const error = $('.error', form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      showError(error, null);
      form.setAttribute('aria-busy', 'true');
      try {
        await run();
      } catch (failure) {
        showError(error, failure.field ? new Error(`${failure.message} (${failure.field})`) : failure);
      } finally {
        form.removeAttribute('aria-busy');
      }
    });
  }

  async funnel() {
    const form = $('#funnel-form');
    const mode = $$('input[name=mode]:checked', form).map((input) => input.value).join(',');
    const result = await api('/api/stats/funnel?' + this.params({steps: this.funnelSteps().join(','), window: form.elements.window.value, mode}));
    const first = Math.max(1, result.steps[0]?.visitors || 0);
    fill($('#funnel-result'), warnings(result.warnings),
      h('p', {}, `${visitors(result.total_visitors)} in the period`),
      h('ol', {class: 'funnel'}, result.steps.map((step) => {
        const bar = h('span', {class: 'funnel-bar'});
        bar.style.width = `${(100 * step.visitors) / first}%`;
        return h('li', {'data-step': step.step},
          h('span', {class: 'funnel-label'}, `${step.step}. ${step.label}`),
          h('span', {class: 'funnel-track'}, bar),
          h('span', {class: 'funnel-figures'}, `${visitors(step.visitors)} · ${formatPercent(100 * step.conversion_rate)}`,
            step.step > 1 ? ` · ${formatNumber(step.drop_off)} dropped off` : '',
            step.median_seconds_to_convert != null ? ` · median ${formatDuration(step.median_seconds_to_convert)}` : ''));
      })));
  }

  async retention() {
    const form = $('#retention-form');
    const result = await api('/api/stats/retention?' + query({site_id: this.siteId, period: form.elements.period.value,
      periods: form.elements.periods.value, filters: this.state.filters.length ? this.state.filters : ''}));
    const cohorts = result.cohorts || [];
    const width = Math.max(0, ...cohorts.map((cohort) => cohort.retained.length));
    const grid = h('div', {class: 'table-wrap'}, h('table', {class: 'heatmap'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Cohort'), h('th', {scope: 'col', class: 'num'}, 'Visitors'),
        Array.from({length: width}, (_, k) => h('th', {scope: 'col', class: 'num'}, `${result.period} ${k}`)))),
      h('tbody', {}, cohorts.map((cohort) => h('tr', {},
        h('th', {scope: 'row'}, cohort.cohort_start), h('td', {class: 'num'}, formatNumber(cohort.size)),
        cohort.retained.map((count, k) => {
          const td = h('td', {class: 'num cell', title: `${formatNumber(count)} of ${formatNumber(cohort.size)}`},
            formatPercent(100 * cohort.rates[k]), h('small', {}, formatNumber(count)));
          td.style.setProperty('--rate', String(cohort.rates[k]));
          return td;
        }))))));
    // Nobody came back after period 0 and the server warned that ids do not outlive a period: the grid
    // would only show zeros, which reads as broken. Say why, and what would measure retention.
    const unmeasurable = result.warnings?.length && cohorts.length && cohorts.every((cohort) => cohort.retained.slice(1).every((n) => n === 0));
    if (!unmeasurable) return fill($('#retention-result'), warnings(result.warnings), grid);
    fill($('#retention-result'), h('div', {class: 'notice', role: 'status'},
      h('p', {}, h('strong', {}, 'Returning visitors cannot be seen here. '), result.warnings.join(' ')),
      h('p', {}, 'To measure retention, send your signed-in users\' own id with each event (', h('code', {}, 'uid'),
        '), or let anonymous ids last longer with ', h('code', {}, 'MALLARD_IDENTITY_ROTATION=weekly'), ' or ', h('code', {}, 'monthly'),
        ' (a privacy trade-off: see PRIVACY.md), then ask for periods shorter than the id\'s life.')),
      h('details', {}, h('summary', {}, 'Show the cohorts anyway'), grid));
  }

  async sequences() {
    const form = $('#sequence-form');
    const result = await api('/api/stats/sequences?' + this.params({steps: this.sequenceSteps().join(','),
      pattern: form.elements.pattern.value.trim()}));
    fill($('#sequence-result'), warnings(result.warnings), h('dl', {class: 'figures'},
      h('dt', {}, 'Visitors matching'), h('dd', {}, formatNumber(result.converting_visitors)),
      h('dt', {}, 'of'), h('dd', {}, formatNumber(result.total_visitors)),
      h('dt', {}, 'Rate'), h('dd', {}, formatPercent(100 * result.conversion_rate)),
      h('dt', {}, 'Matches'), h('dd', {}, formatNumber(result.total_matches)),
      h('dt', {}, 'Pattern'), h('dd', {}, h('code', {}, result.pattern))));
  }

  async flow() {
    const form = $('#flow-form');
    const rows = await api('/api/stats/flow?' + this.params({page: form.elements.page.value.trim(),
      direction: form.elements.direction.value, depth: form.elements.depth.value, limit: 25}));
    const max = Math.max(1, ...rows.map((row) => row.visitors));
    fill($('#flow-result'), rows.length ? h('table', {class: 'breakdown-table'},
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Path'), h('th', {scope: 'col', class: 'num'}, 'Visitors'))),
      h('tbody', {}, rows.map((row) => {
        const bar = h('span', {class: 'bar', 'aria-hidden': 'true'});
        bar.style.width = `${(100 * row.visitors) / max}%`;
        const path = row.path.join(' → ');
        // The label is an element so that it paints above the bar (a bare text node painted under it).
        return h('tr', {}, h('td', {class: 'value', title: path}, bar, h('span', {class: 'label'}, path)),
          h('td', {class: 'num'}, formatNumber(row.visitors)));
      }))) : h('p', {class: 'muted'}, form.elements.direction.value === 'next'
      ? 'No visitor went on from that page to another in this period.' : 'No visitor came to that page from another in this period.'));
  }
}

async function behaviorScreen() {
  // Forms are bound before the sign-in check answers: a click in between would submit them natively.
  new BehaviorScreen(document.body.dataset.site).start();
  await signedIn({publicRead: true});
}
