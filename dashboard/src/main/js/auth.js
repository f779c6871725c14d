/* First-run setup, sign-in and sign-out. */

/** Where to go after signing in: the page that sent the visitor here, if it is one of ours. */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/sites';
}

async function loginScreen() {
  const status = await api('/api/auth/status', {quiet: true});
  if (status.setup_required) return location.replace('/setup');
  if (status.authenticated) return location.replace(nextPage());
  const form = $('#login-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {password: data.get('password')};
    if (data.get('username')) body.username = data.get('username');
    try {
      await api('/api/auth/login', {method: 'POST', body, quiet: true});
      location.assign(nextPage());
    } catch (error) {
      showError($('#form-error'), error.status === 401 ? new Error('Wrong username or password.') : error);
    }
  });
  form.elements.password.focus();
}

async function setupScreen() {
  const status = await api('/api/auth/status', {quiet: true});
  if (!status.setup_required) return location.replace('/login');
  const form = $('#setup-form');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (password !== form.elements.confirm.value) {
      return showError($('#form-error'), new Error('The two passwords differ.'));
    }
    try {
      await api('/api/auth/setup', {method: 'POST', body: {password, setup_code: form.elements.setup_code.value}, quiet: true});
      location.assign('/settings#sites');
    } catch (error) {
      showError($('#form-error'), error);
    }
  });
}

/**
 * The signed-in account (or a redirect to sign-in), and the header's sign-out button wired. Where
 * `publicRead` and the instance lets anyone read stats (MALLARD_OPEN_ACCESS), an anonymous visitor
 * stays, as a reader with a "Sign in" link instead of the account's menu.
 */
async function signedIn({publicRead = false} = {}) {
  const status = await api('/api/auth/status', {quiet: true});
  if (status.setup_required) {
    location.replace('/setup');
    throw new Error('setup required');
  }
  const here = encodeURIComponent(location.pathname + location.search + location.hash);
  if (!status.authenticated && publicRead && status.open_access) {
    $$('header.top nav > *').forEach((item) => item.hidden = item.getAttribute('href') !== '/sites');
    $('header.top nav')?.append(h('a', {id: 'sign-in', href: `/login?next=${here}`}, 'Sign in'));
    return {anonymous: true, admin: false, role: 'reader'};
  }
  if (!status.authenticated) {
    location.replace('/login?next=' + here);
    throw new Error('signed out');
  }
  const logout = $('#logout');
  logout?.addEventListener('click', async () => {
    await api('/api/auth/logout', {method: 'POST', quiet: true}).catch(() => null);
    location.assign('/login');
  });
  const user = $('#user');
  if (user) user.textContent = `${status.username} (${status.role})`;
  return {...status, admin: status.role === 'owner' || status.role === 'admin'};
}
