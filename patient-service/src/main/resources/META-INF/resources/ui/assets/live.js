// What the live pages share: a same-origin EventSource (the console's cookie authenticates it; no token in the URL)
// that shows its state in #live-status, and small DOM helpers that only ever set text (typed text stays text).
(function () {
  'use strict';

  var status = document.getElementById('live-status');

  function show(state) {
    if (status) {
      status.textContent = status.dataset[state];
      status.className = 'live-' + state;
    }
  }

  // The browser reconnects a dropped stream by itself, but a refused one (the access token ran out) stays closed:
  // renew the session through the refresh cookie and connect again; a session that cannot be renewed reloads the
  // page, which goes to sign-in and comes back.
  function listen(path, onEvent) {
    var source;
    var renewedSinceOpen = false;
    function connect() {
      source = new EventSource(path);
      show('connecting');
      source.onopen = function () {
        renewedSinceOpen = false;
        show('live');
      };
      source.onerror = function () {
        show('lost');
        if (source.readyState === EventSource.CLOSED) {
          // refused again right after a renewal: not the token (a role, a revocation); the page tells why
          renewedSinceOpen ? window.location.reload() : renew();
        }
      };
      source.onmessage = function (message) { onEvent(JSON.parse(message.data)); };
    }
    function renew() {
      renewedSinceOpen = true;
      fetch('/ui/session/renew', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (answer) {
          if (answer.ok) {
            connect();
          } else {
            window.location.reload();
          }
        }, function () {
          // patient-service unreachable: try again in a while
          renewedSinceOpen = false;
          window.setTimeout(renew, 5000);
        });
    }
    connect();
    window.addEventListener('pagehide', function () { source.close(); });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (className) {
      node.className = className;
    }
    return node;
  }

  // data-severity-high="高" -> dataset.severityHigh
  function label(dataset, prefix, code) {
    var key = prefix + code.charAt(0) + code.slice(1).toLowerCase();
    return dataset[key] || code;
  }

  // the hospital's zone, as the server writes its times (data-zone on the page's table), "2026-12-01 08:00:05"
  function time(instant, zone, withDate) {
    var options = { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' };
    if (withDate) {
      options.year = 'numeric';
      options.month = '2-digit';
      options.day = '2-digit';
    }
    try {
      options.timeZone = zone;
      return new Date(instant).toLocaleString('sv-SE', options);
    } catch (unknownZone) {
      delete options.timeZone;
      return new Date(instant).toLocaleString('sv-SE', options);
    }
  }

  window.mdmsLive = { listen: listen, element: element, label: label, time: time };
})();
