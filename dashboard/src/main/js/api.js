/* The JSON API, as the dashboard uses it: same-origin, session cookie, errors as ApiError. */

class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/**
 * Calls the API. A 401 sends the browser to the sign-in page (unless `quiet`, or on a shared link's
 * page, whose calls carry the link: share.js), keeping where it was; any other error status
 * rejects with the server's message and the field it names.
 */
async function api(path, {method = 'GET', body, quiet = false} = {}) {
  const init = {method, credentials: 'same-origin', headers: {Accept: 'application/json', ...shareHeaders()}};
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response = await fetch(path, init);
  // The server runs a bounded number of queries at once and asks the rest to come back: reads do.
  for (let attempt = 0; response.status === 429 && method === 'GET' && attempt < 4; attempt++) {
    const seconds = Math.min(5, Number(response.headers.get('Retry-After')) || 1);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    response = await fetch(path, init);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  if (response.status === 401 && !quiet && !shareId()) {
    location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
  }
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || response.statusText || 'request failed', data && data.field);
  }
  return data;
}

/** A query string from an object, leaving out empty values. */
function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value != null && value !== '') search.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  return search.toString();
}
