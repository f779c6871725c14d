/*
 * The tracking script served at /mallard.js. Minified at build time (Closure Compiler, SIMPLE);
 * its gzipped size is held to 1 KB by TrackerBudgetTest.
 *
 * <script defer data-domain="example.com" src="https://stats.example.com/mallard.js"></script>
 *
 * data-api          endpoint (default: the script's origin + /api/event)
 * data-hash         count hash changes as page changes (hash-routed apps)
 * data-local        also track on localhost and file: pages
 * data-respect-dnt  send nothing when Do-Not-Track or Global Privacy Control is on
 * data-outbound     "Outbound Link: Click" events, props {url}
 * data-downloads    "File Download" events, props {url}; a value replaces the extension list
 * data-404          a "404" event, props {path}, when the page was served with status 404
 * localStorage.mallard_ignore = "true" opts this browser out.
 *
 * window.mallard(name, {props, revenue, currency, callback, url}) sends a custom event; calls made
 * before the script loads are queued by the snippet and sent on load. Events go out with
 * sendBeacon (fetch keepalive as fallback) as text/plain: no CORS preflight, and they survive
 * the page being left. When the page is hidden or left, an "engagement" event reports the visible
 * milliseconds since the last report (e) and the deepest scroll in percent (sd).
 */
/** @define {boolean} Whether this build has the opt-in click, download and 404 tracking (mallard.full.js). */
var FULL = true;

(function (w, d) {
  var script = d.currentScript;
  var loc = w.location;
  var attr = function (name) { return script.getAttribute('data-' + name); };
  var has = function (name) { return attr(name) != null; };
  var api = attr('api') || new URL(script.src).origin + '/api/event';
  var queued = w.mallard && w.mallard.q || [];
  var pageKey, pageUrl, visibleMs, reportedMs, visibleSince, depth, reportedDepth, warned;

  /** Why nothing is sent from this page, if so: said once in the console, so an idle tracker is never a mystery. */
  function ignored() {
    var why;
    try {
      if (localStorage.mallard_ignore == 'true') why = 'localStorage.mallard_ignore is "true"';
    } catch (e) {}
    why = why || !has('local') && (/^(localhost|127\.|\[::1\])/.test(loc.hostname) || loc.protocol == 'file:')
        && 'local page (add data-local to the script tag to track here)'
      || has('respect-dnt') && (navigator.doNotTrack == '1' || navigator.globalPrivacyControl) && 'Do-Not-Track is on';
    why && !warned && console.warn('Mallard: not tracking: ' + why);
    return warned = why;
  }

  function send(name, options) {
    options = options || {};
    if (!ignored()) {
      var body = JSON.stringify({
        n: name, u: options.url || loc.href, d: attr('domain') || loc.hostname, r: d.referrer || null,
        w: w.innerWidth, p: options.props, ra: options.revenue, rc: options.currency, e: options.e, sd: options.sd
      });
      navigator.sendBeacon && navigator.sendBeacon(api, body)
        || fetch(api, {method: 'POST', body: body, keepalive: true})['catch'](function () {});
    }
    options.callback && options.callback();
  }

  function measure() {
    var now = Date.now(), root = d.documentElement;
    if (visibleSince) visibleMs += now - visibleSince;
    visibleSince = d.hidden ? 0 : now;
    depth = Math.max(depth, Math.min(100, Math.round((w.scrollY + w.innerHeight) * 100 / (root.scrollHeight || 1))));
  }

  function report() {
    if (pageKey == null) return;
    measure();
    if (visibleMs > reportedMs || depth > reportedDepth) {
      send('engagement', {url: pageUrl, e: visibleMs - reportedMs, sd: depth});
      reportedMs = visibleMs;
      reportedDepth = depth;
    }
  }

  function page() {
    var key = loc.pathname + (has('hash') ? loc.hash : '');
    if (key == pageKey) return;
    report();
    pageKey = key;
    pageUrl = loc.href;
    visibleMs = reportedMs = depth = reportedDepth = visibleSince = 0;
    measure();
    send('pageview');
  }

  function onClick(event) {
    var target = event.target, link = target.closest && target.closest('a[href]'), tag = target.closest && target.closest('[data-mallard-event],[class*="mallard-event-"]');
    if (tag) {
      var name = tag.getAttribute('data-mallard-event'), props = {};
      (tag.getAttribute('class') || '').split(/\s+/).forEach(function (token) {
        var pair = /^mallard-event-(.+)=(.+)$/.exec(token);
        if (pair) pair[1] == 'name' ? name = pair[2].replace(/\+/g, ' ') : props[pair[1]] = pair[2].replace(/\+/g, ' ');
      });
      send(name, {props: props});
    }
    if (link && /^https?:$/.test(link.protocol)) {
      var types = attr('downloads');
      if (has('downloads') && new RegExp('\\.(' + (types || 'pdf|zip|csv|xlsx?|docx?|pptx?|txt|dmg|exe|mp[34]|gz|7z').replace(/,/g, '|') + ')$', 'i').test(link.pathname)) {
        send('File Download', {props: {url: link.href}});
      } else if (has('outbound') && link.host != loc.host) {
        send('Outbound Link: Click', {props: {url: link.href}});
      }
    }
  }

  ['pushState', 'replaceState'].forEach(function (method) {
    var original = history[method];
    history[method] = function () {
      original.apply(this, arguments);
      page();
    };
  });
  w.addEventListener('popstate', page);
  if (has('hash')) w.addEventListener('hashchange', page);
  w.addEventListener('scroll', measure, {passive: true});
  d.addEventListener('visibilitychange', function () { d.hidden ? report() : measure(); });
  w.addEventListener('pagehide', report);
  if (FULL) {
    d.addEventListener('click', onClick);
    d.addEventListener('auxclick', function (event) { event.button == 1 && onClick(event); });
  }

  w.mallard = send;
  page();
  var navigation = FULL && has('404') && performance.getEntriesByType('navigation')[0];
  if (navigation && navigation.responseStatus == 404) send('404', {props: {path: loc.pathname}});
  queued.forEach(function (call) { send.apply(null, call); });
})(window, document);
