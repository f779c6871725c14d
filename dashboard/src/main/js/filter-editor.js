/* The filter editor (every operator of the stats API on every dimension, values suggested from the data) and segments. */

/** Filter dimension → the breakdown route whose rows suggest its values ("page" → "pages"). */
const SUGGESTION_ROUTE = Object.fromEntries(Object.entries(FILTER_DIMENSION).map(([route, dimension]) => [dimension, route]));

const PROPERTY = 'prop';
const PROPERTY_KEY = /^[A-Za-z0-9_.:-]{1,100}$/;
const SUGGESTIONS = 20;

/**
 * A dialog that adds a filter to the screen's view, or edits one of its filters: a dimension (or a
 * custom property's key), an operator, and one or more values (ORed), with the data's most frequent
 * values suggested for what is typed. The other filters of the view narrow the suggestions.
 */
class FilterEditor {
  constructor(screen) {
    this.screen = screen;
    this.dimension = h('select', {name: 'dimension', onchange: () => this.dimensionChanged()},
      Object.entries(DIMENSION_LABEL).map(([value, label]) => h('option', {value}, label)), h('option', {value: PROPERTY}, 'Custom property'));
    this.key = h('input', {type: 'text', name: 'key', placeholder: 'plan', pattern: PROPERTY_KEY.source.slice(1, -1),
      onchange: () => this.suggest()});
    this.keyLabel = h('label', {}, 'Property key ', this.key);
    this.operator = h('select', {name: 'operator'}, Object.entries(OPERATOR_LABEL).map(([value, label]) =>
      h('option', {value}, value.startsWith('matches') ? `${label} (* = anything)` : label)));
    this.value = h('input', {type: 'text', name: 'value', list: 'filter-suggestions', autocomplete: 'off',
      oninput: () => this.suggestLater(), onkeydown: (event) => {
        if (event.key === 'Enter' && this.value.value.trim()) {
          event.preventDefault();
          this.addValue(this.value.value.trim());
        }
      }});
    this.suggestions = h('datalist', {id: 'filter-suggestions'});
    this.chosen = h('div', {class: 'chips', 'aria-label': 'Values', 'aria-live': 'polite'});
    this.error = h('p', {class: 'error', role: 'alert', hidden: true});
    this.title = h('h2', {id: 'filter-title'});
    this.form = h('form', {class: 'stack', onsubmit: (event) => {
      event.preventDefault();
      this.apply();
    }},
    h('label', {}, 'Dimension ', this.dimension), this.keyLabel, h('label', {}, 'Operator ', this.operator),
    h('label', {}, 'Value ', this.value), this.suggestions,
    h('p', {class: 'muted hint'}, 'Press Enter to add another value: a row matches any of them.'), this.chosen, this.error,
    h('div', {class: 'dialog-actions'}, h('button', {type: 'button', class: 'link', onclick: () => this.dialog.close()}, 'Cancel'),
      h('button', {type: 'submit', id: 'apply-filter'}, 'Apply')));
    this.dialog = h('dialog', {id: 'filter-editor', 'aria-labelledby': 'filter-title'}, this.title, this.form);
    document.body.append(this.dialog);
  }

  /** Opens the editor on the view's filter number `index`, or on a new filter when it is null. */
  open(index = null) {
    this.index = index;
    const [operator, dimension, values] = index == null ? ['is', 'page', []] : this.screen.state.filters[index];
    const property = dimension.startsWith('prop:');
    this.title.textContent = index == null ? 'Add a filter' : 'Edit the filter';
    this.dimension.value = property ? PROPERTY : dimension;
    this.key.value = property ? dimension.slice(5) : '';
    this.operator.value = operator;
    this.values = [...values];
    this.value.value = '';
    showError(this.error, null);
    this.drawValues();
    this.dimensionChanged();
    this.dialog.showModal();
    (property && !this.key.value ? this.key : this.value).focus();
  }

  dimensionChanged() {
    this.keyLabel.hidden = this.dimension.value !== PROPERTY;
    this.suggest();
  }

  selectedDimension() {
    return this.dimension.value === PROPERTY ? 'prop:' + this.key.value.trim() : this.dimension.value;
  }

  addValue(value) {
    if (!this.values.includes(value)) this.values.push(value);
    this.value.value = '';
    this.drawValues();
    this.suggest();
  }

  drawValues() {
    const dimension = this.selectedDimension();
    fill(this.chosen, this.values.map((value, index) => h('span', {class: 'chip'}, dimension === 'country' ? countryName(value) : value,
      h('button', {type: 'button', 'aria-label': `Remove ${value}`, onclick: () => {
        this.values.splice(index, 1);
        this.drawValues();
      }}, '×'))));
  }

  suggestLater() {
    clearTimeout(this.typing);
    this.typing = setTimeout(() => this.suggest(), 200);
  }

  /** The data's most frequent values of the dimension containing what is typed, in the view without the filter edited. */
  async suggest() {
    const dimension = this.selectedDimension();
    const property = dimension.startsWith('prop:');
    if (property && !PROPERTY_KEY.test(dimension.slice(5))) return fill(this.suggestions);
    const path = property ? `props/${encodeURIComponent(dimension.slice(5))}` : SUGGESTION_ROUTE[dimension];
    const typed = this.value.value.trim();
    const filters = this.screen.state.filters.filter((filter, index) => index !== this.index);
    if (typed) filters.push(['contains', dimension, [typed]]);
    const asked = this.asked = {};
    try {
      const rows = await api(`/api/stats/breakdown/${path}?` + query({...statsParams(this.screen.siteId, {...this.screen.state, filters}),
        limit: SUGGESTIONS}));
      if (asked !== this.asked) return;
      fill(this.suggestions, rows.filter((row) => !this.values.includes(row.value)).map((row) =>
        h('option', {value: row.value}, dimension === 'country' ? countryName(row.value) : null)));
    } catch (error) {
      if (asked === this.asked) fill(this.suggestions); // suggestions are a help: the value can still be typed
    }
  }

  apply() {
    const typed = this.value.value.trim();
    const values = typed && !this.values.includes(typed) ? [...this.values, typed] : this.values;
    const dimension = this.selectedDimension();
    if (dimension.startsWith('prop:') && !PROPERTY_KEY.test(dimension.slice(5))) {
      return showError(this.error, new Error('A property key is 1 to 100 letters, digits or _ . : -'));
    }
    if (!values.length) return showError(this.error, new Error('Enter at least one value.'));
    this.dialog.close();
    this.screen.setFilter(this.index, [this.operator.value, dimension, values]);
  }
}

/**
 * The site's segments: a picker that replaces the view's filters with a segment's, and (for
 * administrators) "Save as segment" for the filters on screen.
 */
class SegmentPicker {
  constructor(screen) {
    this.screen = screen;
    this.select = $('#segment');
    this.save = $('#save-segment');
    this.segments = [];
    this.select.addEventListener('change', () => {
      const segment = this.segments.find((candidate) => String(candidate.segment_id) === this.select.value);
      this.screen.replaceFilters(segment ? structuredClone(segment.filters) : []);
    });
    this.save.addEventListener('click', () => this.saveCurrent());
  }

  async load() {
    // An unregistered site of an open instance has nowhere to keep segments.
    this.segments = await api(`/api/sites/${encodeURIComponent(this.screen.siteId)}/segments`).catch(() => []);
    fill(this.select, h('option', {value: ''}, 'All visits'),
      this.segments.map((segment) => h('option', {value: segment.segment_id}, segment.name)));
    $('#segment-pick').hidden = !this.segments.length;
    this.sync();
  }

  /** Shows the segment whose filters are the view's (if any), and offers saving filters that are no segment yet. */
  sync() {
    const current = JSON.stringify(this.screen.state.filters);
    const match = this.segments.find((segment) => JSON.stringify(segment.filters) === current);
    this.select.value = match ? String(match.segment_id) : '';
    this.save.hidden = !this.screen.account.admin || !this.screen.state.filters.length || Boolean(match);
  }

  async saveCurrent() {
    const name = prompt('Name this segment (its filters are saved for everyone who reads this site):');
    if (!name || !name.trim()) return;
    try {
      await api(`/api/sites/${encodeURIComponent(this.screen.siteId)}/segments`, {method: 'POST',
        body: {name: name.trim(), filters: this.screen.state.filters}});
      await this.load();
    } catch (error) {
      showError($('#page-error'), error);
    }
  }
}
