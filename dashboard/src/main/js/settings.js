/* Settings: sites (with the tracking snippet), goals, shared links, segments, users, API keys, GDPR erasure, password. */

/** Wires a form: collects its fields, runs `submit`, shows the server's error, re-renders on success. */
function bindForm(form, submit) {
  const error = $('.error', form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(error, null);
    try {
      await submit(new FormData(form));
      form.reset();
    } catch (failure) {
      showError(error, failure);
      markInvalid(form, failure.field);
    }
  });
}

/** Marks the input the server named (its JSON field is the input's name) invalid and puts the cursor there. */
function markInvalid(form, field) {
  $$('[aria-invalid]', form).forEach((input) => input.removeAttribute('aria-invalid'));
  const input = field && form.elements[field];
  if (input && input.focus) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

const csv = (text) => String(text || '').split(',').map((part) => part.trim()).filter(Boolean);

/**
 * The tracking snippet. A site named after a local host gets data-local: without it the tracker stays
 * idle on localhost (so developers' own visits are not counted), and a newcomer's first test page
 * would send nothing.
 */
function snippet(siteId) {
  const local = /^(localhost|127\.|\[::1\]|::1$)/.test(siteId) ? ' data-local' : '';
  return `<script defer data-domain="${siteId}"${local} src="${location.origin}/mallard.js"></script>`;
}

function copyButton(text, label = 'Copy') {
  return h('button', {type: 'button', onclick: async (event) => {
    await navigator.clipboard.writeText(text).catch(() => null);
    event.target.textContent = 'Copied';
  }}, label);
}

class SettingsScreen {
  constructor(account) {
    this.account = account;
  }

  async start() {
    bindForm($('#password-form'), async (data) => {
      if (data.get('new_password') !== data.get('confirm')) throw new Error('The two new passwords differ.');
      await api('/api/auth/password', {method: 'POST', body: {current_password: data.get('current_password'), new_password: data.get('new_password')}});
      $('#password-done').hidden = false;
    });
    if (!this.account.admin) {
      $$('.admin-only').forEach((section) => { section.hidden = true; });
      return;
    }
    bindForm($('#site-form'), async (data) => {
      await api('/api/sites', {method: 'POST', body: {site_id: data.get('site_id'), time_zone: data.get('time_zone') || 'UTC',
        allowed_hosts: csv(data.get('allowed_hosts'))}});
      await this.sites();
    });
    bindForm($('#goal-form'), async (data) => {
      const site = $('#goal-site').value;
      await api(`/api/sites/${encodeURIComponent(site)}/goals`, {method: 'POST', body: {kind: data.get('kind'), value: data.get('value')}});
      await this.goals(site);
    });
    bindForm($('#share-form'), async (data) => {
      const site = $('#goal-site').value;
      await api(`/api/sites/${encodeURIComponent(site)}/shares`, {method: 'POST',
        body: {name: data.get('name') || null, password: data.get('password') || null}});
      await this.shares(site);
    });
    bindForm($('#user-form'), async (data) => {
      await api('/api/users', {method: 'POST', body: {username: data.get('username'), password: data.get('password'),
        role: data.get('role'), sites: csv(data.get('sites'))}});
      await this.users();
    });
    bindForm($('#key-form'), async (data) => {
      const created = await api('/api/keys', {method: 'POST', body: {name: data.get('name'), scope: data.get('scope'),
        sites: csv(data.get('sites'))}});
      fill($('#new-key'), h('p', {}, 'Copy this key now: it will not be shown again.'),
        h('code', {class: 'secret', id: 'created-key'}, created.key), ' ', copyButton(created.key));
      await this.keys();
    });
    bindForm($('#erase-form'), async (data) => {
      const site = data.get('site_id');
      if (data.get('confirm') !== site) throw new Error('Type the site id to confirm the erasure.');
      const result = await api('/api/gdpr/erase?' + query({site_id: site, start_date: data.get('start_date'), end_date: data.get('end_date')}),
        {method: 'DELETE'});
      $('#erase-done').textContent = `${formatNumber(result.events_deleted)} events erased from ${result.site_id} (${result.start_date} to ${result.end_date}).`;
    });
    $('#goal-site').addEventListener('change', (event) => this.siteSettings(event.target.value));
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
    fill($('#time-zones'), ['UTC', ...zones].map((zone) => h('option', {value: zone})));
    await Promise.all([this.sites(), this.users(), this.keys()]);
  }

  async sites() {
    const sites = await api('/api/sites');
    const choices = sites.map((site) => h('option', {value: site.site_id}, site.site_id));
    fill($('#goal-site'), choices);
    fill($('#erase-site'), choices.map((option) => option.cloneNode(true)));
    fill($('#site-rows'), sites.map((site) => {
      // Placeholders name the fields where a phone shows the rows as cards, without the table's headings.
      const zone = h('input', {type: 'text', value: site.time_zone, list: 'time-zones', placeholder: 'Time zone',
        'aria-label': `Time zone of ${site.site_id}`});
      const hosts = h('input', {type: 'text', value: (site.allowed_hosts || []).join(', '), placeholder: 'Allowed hosts',
        'aria-label': `Allowed hosts of ${site.site_id}`});
      const code = snippet(site.site_id);
      return h('tr', {},
        h('th', {scope: 'row'}, h('a', {href: `/sites/${encodeURIComponent(site.site_id)}`}, site.site_id)),
        h('td', {}, zone), h('td', {}, hosts),
        h('td', {}, h('code', {class: 'snippet'}, code), ' ', copyButton(code)),
        h('td', {class: 'actions'},
          h('button', {type: 'button', onclick: async () => {
            await api(`/api/sites/${encodeURIComponent(site.site_id)}`, {method: 'PATCH',
              body: {time_zone: zone.value.trim(), allowed_hosts: csv(hosts.value)}}).catch((error) => alert(error.message));
            await this.sites();
          }}, 'Save'),
          h('button', {type: 'button', class: 'danger', onclick: async () => {
            const typed = prompt(`Delete ${site.site_id} and erase all its events? Type the site id to confirm.`);
            if (typed !== site.site_id) return;
            await api(`/api/sites/${encodeURIComponent(site.site_id)}?` + query({confirm: typed}), {method: 'DELETE'})
              .catch((error) => alert(error.message));
            await this.sites();
          }}, 'Delete')));
    }));
    if (sites.length) await this.siteSettings($('#goal-site').value);
  }

  /** The goals, shared links and segments of the site picked. */
  siteSettings(siteId) {
    return Promise.all([this.goals(siteId), this.shares(siteId), this.segments(siteId)]);
  }

  async goals(siteId) {
    if (!siteId) return;
    const goals = await api(`/api/sites/${encodeURIComponent(siteId)}/goals`);
    fill($('#goal-rows'), goals.map((goal) => h('tr', {}, h('td', {}, goal.name), h('td', {}, goal.kind), h('td', {}, goal.value),
      h('td', {class: 'actions'}, h('button', {type: 'button', class: 'danger', onclick: async () => {
        await api(`/api/sites/${encodeURIComponent(siteId)}/goals/${goal.goal_id}`, {method: 'DELETE'});
        await this.goals(siteId);
      }}, 'Delete')))));
  }

  /** A site's shared links, each with its URL and the code that embeds it in another page (both copied with a click). */
  async shares(siteId) {
    if (!siteId) return;
    const links = await api(`/api/sites/${encodeURIComponent(siteId)}/shares`);
    fill($('#share-rows'), links.map((link) => {
      const embed = `<iframe src="${link.url}?embed=true" title="${siteId} statistics" loading="lazy" style="width:100%;height:1600px;border:0"></iframe>`;
      return h('tr', {}, h('th', {scope: 'row'}, link.name),
        h('td', {}, h('a', {href: link.url, class: 'share-url'}, link.url)),
        h('td', {}, link.password_protected ? 'Yes' : 'No'),
        h('td', {class: 'actions'}, copyButton(link.url, 'Copy link'), copyButton(embed, 'Copy embed code'),
          h('button', {type: 'button', class: 'danger', onclick: async () => {
            if (!confirm(`Revoke the link ${link.name}? Whoever has it loses access at once.`)) return;
            await api(`/api/sites/${encodeURIComponent(siteId)}/shares/${encodeURIComponent(link.share_id)}`, {method: 'DELETE'});
            await this.shares(siteId);
          }}, 'Revoke')));
    }));
  }

  async segments(siteId) {
    if (!siteId) return;
    const segments = await api(`/api/sites/${encodeURIComponent(siteId)}/segments`);
    fill($('#segment-rows'), segments.map((segment) => h('tr', {}, h('th', {scope: 'row'}, segment.name),
      h('td', {}, segment.filters.map(filterLabel).join(', ')),
      h('td', {class: 'actions'}, h('button', {type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`Delete the segment ${segment.name}?`)) return;
        await api(`/api/sites/${encodeURIComponent(siteId)}/segments/${segment.segment_id}`, {method: 'DELETE'});
        await this.segments(siteId);
      }}, 'Delete')))));
  }

  /**
   * Each account with its role and sites editable in place (Save), a password reset (which ends the
   * account's sessions) and Delete. The owner's role is fixed; its password changes in "Your password".
   */
  async users() {
    const users = await api('/api/users');
    fill($('#user-rows'), users.map((user) => {
      if (user.role === 'owner') {
        return h('tr', {}, h('th', {scope: 'row'}, user.username), h('td', {}, 'owner'), h('td', {}, 'all'), h('td', {}));
      }
      const role = h('select', {'aria-label': `Role of ${user.username}`},
        ['viewer', 'admin'].map((name) => h('option', {value: name, selected: user.role === name}, name === 'admin' ? 'Admin' : 'Viewer')));
      const sites = h('input', {type: 'text', value: (user.sites || []).join(', '), placeholder: 'all, or a comma list',
        'aria-label': `Sites of ${user.username}`});
      const change = (body, done) => api(`/api/users/${user.id}`, {method: 'PATCH', body}).then(done, (error) => alert(error.message));
      return h('tr', {}, h('th', {scope: 'row'}, user.username), h('td', {}, role), h('td', {}, sites),
        h('td', {class: 'actions'},
          h('button', {type: 'button', onclick: () => change({role: role.value, sites: csv(sites.value)}, () => this.users())}, 'Save'),
          h('button', {type: 'button', onclick: () => {
            const password = prompt(`A new password for ${user.username} (at least 8 characters). Their sessions end.`);
            if (password) change({password}, () => alert(`${user.username}'s password is changed.`));
          }}, 'Reset password'),
          h('button', {type: 'button', class: 'danger', onclick: async () => {
            if (!confirm(`Delete the account ${user.username}?`)) return;
            await api(`/api/users/${user.id}`, {method: 'DELETE'});
            await this.users();
          }}, 'Delete')));
    }));
  }

  async keys() {
    const keys = await api('/api/keys');
    fill($('#key-rows'), keys.map((key) => h('tr', {}, h('td', {}, key.name), h('td', {}, key.scope),
      h('td', {}, (key.sites || []).join(', ') || 'all'), h('td', {}, key.last_used_at || 'never'),
      h('td', {class: 'actions'}, h('button', {type: 'button', class: 'danger', onclick: async () => {
        if (!confirm(`Revoke the key ${key.name}? Scripts using it stop working at once.`)) return;
        await api(`/api/keys/${encodeURIComponent(key.key_hash)}`, {method: 'DELETE'});
        await this.keys();
      }}, 'Revoke')))));
  }
}

async function settingsScreen() {
  const account = await signedIn();
  await new SettingsScreen(account).start();
}
