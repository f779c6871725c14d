/* The Locations panel's world map: countries shaded by their visitors, each one a filter. */

/** The map's outlines (the server's world.svg at its versioned, immutable URL), fetched once per page and only when a map is shown. */
let worldOutlines;

function worldSvg(url) {
  worldOutlines ||= fetch(url).then((response) => (response.ok ? response.text()
    : Promise.reject(new ApiError(response.status, 'the world map could not be loaded'))));
  return worldOutlines;
}

/**
 * Draws the map (outlines from `url`) into `container` from country rows ({value: "DE", visitors}). Shading grows with
 * the square root of visitors, so a few large countries do not leave every other one blank. A
 * country with visitors is a button: it calls `filterBy('country', code)`.
 */
async function drawWorldMap(container, url, rows, filterBy) {
  const markup = await worldSvg(url);
  const svg = document.importNode(new DOMParser().parseFromString(markup, 'image/svg+xml').documentElement, true);
  svg.setAttribute('class', 'world-map');
  const visitorsOf = new Map(rows.map((row) => [row.value, row.visitors]));
  const most = Math.max(1, ...visitorsOf.values());
  for (const country of svg.querySelectorAll('path')) {
    const code = country.getAttribute('data-cc');
    const count = (code && visitorsOf.get(code)) || 0;
    const title = country.querySelector('title') || country.appendChild(h('title', {}));
    title.textContent = code ? `${countryName(code)}: ${visitors(count)}` : title.textContent;
    if (!count) continue;
    country.style.setProperty('--share', String(0.15 + 0.85 * Math.sqrt(count / most)));
    country.classList.add('visited');
    country.setAttribute('tabindex', '0');
    country.setAttribute('role', 'button');
    country.addEventListener('click', () => filterBy('country', code));
    country.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        filterBy('country', code);
      }
    });
  }
  fill(container, svg);
}
