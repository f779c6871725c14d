/* A shared link's page: the site screen, read-only, reached with the link instead of an account. */

/** The shared link this page was opened with (`<body data-share>`), or null on every other page. */
function shareId() {
  return document.body.dataset.share || null;
}

/** Where the unlocked link's grant is kept: this tab only, forgotten when it closes. */
function grantKey(id) {
  return 'mallard.share.' + id;
}

/** The headers that make an API call the shared link's (none outside a shared link's page). */
function shareHeaders() {
  const id = shareId();
  if (!id) return {};
  const grant = sessionStorage.getItem(grantKey(id));
  return grant ? {'X-Mallard-Share': id, 'X-Mallard-Share-Grant': grant} : {'X-Mallard-Share': id};
}

/**
 * Opens the shared dashboard; a link with a password first asks for it (again once its grant has
 * expired). `?embed=true` leaves out the page header, for an iframe.
 */
async function shareScreen() {
  if (new URLSearchParams(location.search).get('embed') === 'true') document.body.classList.add('embed');
  const id = shareId();
  const link = await api(`/api/shares/${encodeURIComponent(id)}`, {quiet: true});
  const unlocked = !link.password_required
    // Only a 401 means the grant is missing or expired; any other failure is shown, not taken for a locked link.
    || await api(`/api/sites/${encodeURIComponent(link.site_id)}`, {quiet: true})
      .then(() => true, (error) => (error.status === 401 ? false : Promise.reject(error)));
  if (!unlocked) return askPassword(id, link);
  await new SiteScreen(link.site_id, {anonymous: true, admin: false, role: 'reader', shared: true}).start();
}

function askPassword(id, link) {
  const password = h('input', {type: 'password', name: 'password', required: true, autocomplete: 'current-password'});
  const error = h('p', {class: 'error', role: 'alert', hidden: true});
  const form = h('form', {class: 'stack', id: 'unlock-form', onsubmit: async (event) => {
    event.preventDefault();
    try {
      const answer = await api(`/api/shares/${encodeURIComponent(id)}/unlock`, {method: 'POST', body: {password: password.value}, quiet: true});
      sessionStorage.setItem(grantKey(id), answer.grant);
      location.reload();
    } catch (failure) {
      showError(error, failure.status === 401 ? new Error('Wrong password.') : failure);
    }
  }}, h('label', {}, 'Password ', password), error, h('button', {type: 'submit'}, 'View statistics'));
  const section = h('section', {class: 'auth'}, h('h1', {}, link.name),
    h('p', {class: 'muted'}, `The statistics of ${link.site_id} are protected by a password.`), form);
  fill($('#main'), section);
  password.focus();
}

/** Saves an API answer as a file: a link cannot carry the shared link's headers, so the page fetches it. */
async function downloadWithShare(path, fileName) {
  const response = await fetch(path, {headers: shareHeaders()});
  if (!response.ok) throw new ApiError(response.status, 'export failed');
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', {href: url, download: fileName});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
