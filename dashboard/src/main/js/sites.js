/* The site list: every site the account may read, with its visitors over the last 30 days. */

async function sitesScreen() {
  const account = await signedIn({publicRead: true});
  const list = $('#site-list');
  const sites = await api('/api/sites');
  list.removeAttribute('aria-busy');
  if (!sites.length) {
    fill(list, h('li', {class: 'empty'}, 'No site is registered yet. ',
      account.admin ? h('a', {href: '/settings#sites'}, 'Add your first site') : 'Ask an administrator to add one.'));
    return;
  }
  const cards = sites.map((site) => {
    const figure = h('span', {class: 'figure'}, '–');
    const trend = h('span', {class: 'trend'});
    const item = h('li', {class: 'site-card'},
      h('a', {href: `/sites/${encodeURIComponent(site.site_id)}`}, h('strong', {}, site.site_id)),
      h('span', {class: 'muted'}, site.time_zone), figure, h('span', {class: 'muted'}, 'visitors, 30 days'), trend);
    return {site, figure, trend, item};
  });
  fill(list, cards.map((card) => card.item));
  // One site at a time, so a long list never crowds the server's query gate; the overview needs no
  // visits, which makes it several times cheaper than main + timeseries on a large site.
  for (const {site, figure, trend} of cards) {
    const overview = await api('/api/stats/overview?' + query({site_id: site.site_id, period: '30d', interval: 'day'}))
      .catch(() => null);
    if (!overview) continue;
    figure.textContent = formatNumber(overview.visitors);
    fill(trend, sparkline((overview.points || []).map((point) => point.visitors)));
  }
}
