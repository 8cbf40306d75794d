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

  function listen(path, onEvent) {
    var source = new EventSource(path);
    show('connecting');
    source.onopen = function () { show('live'); };
    source.onerror = function () { show('lost'); };
    source.onmessage = function (message) { onEvent(JSON.parse(message.data)); };
    window.addEventListener('pagehide', function () { source.close(); });
    return source;
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
