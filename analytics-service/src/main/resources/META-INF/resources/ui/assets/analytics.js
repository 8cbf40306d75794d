// The analytics dashboard: each question's pickers ask the same /api/v1 endpoint the API documents, with the session
// cookie (same origin), and Chart.js draws the JSON answer. Bad picker values show the API's problem detail beside
// the field it names. No inline script: the page gives its words and endpoints in data-* attributes.
(function () {
  'use strict';

  var root = document.getElementById('dashboard');
  if (!root || typeof Chart === 'undefined') {
    return;
  }
  var words = root.dataset;
  var COLOURS = ['#1e88e5', '#43a047', '#fb8c00', '#8e24aa', '#e53935', '#00897b'];

  function text(el, value) {
    el.textContent = value == null ? '' : String(value);
  }

  // --- the question's URL: path parameters (data-path) go into the path, the rest into the query
  function urls(section) {
    var path = section.dataset.api;
    var query = new URLSearchParams();
    var missing = false;
    section.querySelectorAll('form [name]').forEach(function (field) {
      var value = field.value.trim();
      if (field.dataset.path) {
        if (value === '') {
          missing = true;
        }
        path = path.replace(':' + field.dataset.path, encodeURIComponent(value));
      } else if (value !== '') {
        query.append(field.name, value);
      }
    });
    var qs = query.toString();
    return {
      missing: missing,
      json: path + (qs ? '?' + qs : ''),
      chart: function (format) {
        var q = new URLSearchParams(query);
        q.set('format', format);
        return path + '/chart?' + q.toString();
      }
    };
  }

  function clearProblems(section) {
    section.querySelectorAll('.field-error').forEach(function (el) { text(el, ''); });
    section.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
    text(section.querySelector('.question-problem'), '');
  }

  // the API's RFC 9457 body: each errors[] entry beside its field, the detail for the rest
  function showProblem(section, problem, status) {
    var placed = false;
    (problem.errors || []).forEach(function (error) {
      var slot = section.querySelector('.field-error[data-field="' + CSS.escape(error.field) + '"]');
      if (slot) {
        text(slot, error.message);
        var input = section.querySelector('[name="' + CSS.escape(error.field) + '"]');
        if (input) {
          input.setAttribute('aria-invalid', 'true');
        }
        placed = true;
      }
    });
    if (!placed) {
      text(section.querySelector('.question-problem'),
        (problem.title || status) + (problem.detail ? ': ' + problem.detail : ''));
    }
  }

  function draw(section, config) {
    var canvas = section.querySelector('canvas');
    var chart = Chart.getChart(canvas);
    if (chart) {
      chart.data = config.data;
      chart.options = config.options || {};
      chart.update();
    } else {
      chart = new Chart(canvas, config);
    }
    canvas.dataset.drawn = String(Number(canvas.dataset.drawn || 0) + 1);
    canvas.dataset.labels = String(config.data.labels.length);
  }

  // a refused question shows no chart: never the previous answer beside the problem
  function blank(section) {
    var chart = Chart.getChart(section.querySelector('canvas'));
    if (chart) {
      chart.data = { labels: [], datasets: [] };
      chart.update();
    }
  }

  function dataset(label, values, i, extra) {
    var set = { label: label, data: values, backgroundColor: COLOURS[i % COLOURS.length],
      borderColor: COLOURS[i % COLOURS.length] };
    return Object.assign(set, extra || {});
  }

  // sums rows per period (the answer lists one row per period and department)
  function perPeriod(rows, keyOf, valueOf) {
    var periods = [];
    var sums = {};
    rows.forEach(function (row) {
      if (periods.indexOf(row.period) < 0) {
        periods.push(row.period);
      }
      var key = keyOf(row);
      sums[key] = sums[key] || {};
      sums[key][row.period] = (sums[key][row.period] || 0) + Number(valueOf(row, key));
    });
    periods.sort();
    return { periods: periods, sums: sums };
  }

  var CHARTS = {
    dashboard: function (answer, section) {
      var figures = document.getElementById('q7-figures');
      figures.replaceChildren();
      [[words.wVisits, answer.visits], [words.wPrescriptions, answer.prescriptions], [words.wRevenue, answer.revenue],
        [words.wVitals, answer.vitalMeasurements], [words.wAbnormal, answer.abnormalVitals]].forEach(function (pair) {
        var dt = document.createElement('dt');
        var dd = document.createElement('dd');
        text(dt, pair[0]);
        text(dd, pair[1]);
        figures.append(dt, dd);
      });
      return {
        type: 'bar',
        data: { labels: answer.topDrugs.map(function (d) { return d.drugName; }),
          datasets: [dataset(words.wQuantity + ' ' + answer.topDrugsFrom + ' – ' + answer.topDrugsTo,
            answer.topDrugs.map(function (d) { return d.quantity; }), 0)] },
        options: { indexAxis: 'y', maintainAspectRatio: false }
      };
    },
    drugUsage: function (answer) {
      return {
        type: 'bar',
        data: { labels: answer.months.map(function (m) { return m.month; }),
          datasets: [dataset(words.wQuantity, answer.months.map(function (m) { return m.quantity; }), 0),
            dataset(words.wPrescriptions, answer.months.map(function (m) { return m.prescriptions; }), 1)] },
        options: { maintainAspectRatio: false }
      };
    },
    ranking: function (answer) {
      var amount = answer.by === 'amount';
      return {
        type: 'bar',
        data: { labels: answer.drugs.map(function (d) { return d.drugName; }),
          datasets: [dataset(amount ? words.wAmount : words.wQuantity,
            answer.drugs.map(function (d) { return amount ? Number(d.amount) : d.quantity; }), amount ? 2 : 0)] },
        options: { indexAxis: 'y', maintainAspectRatio: false }
      };
    },
    workload: function (answer) {
      var measures = [['visits', words.wVisits], ['prescriptions', words.wPrescriptions], ['revenue', words.wRevenue]];
      var periods = [];
      answer.rows.forEach(function (row) {
        if (periods.indexOf(row.period) < 0) {
          periods.push(row.period);
        }
      });
      periods.sort();
      var sets = measures.map(function (measure, i) {
        var per = {};
        answer.rows.forEach(function (row) { per[row.period] = (per[row.period] || 0) + Number(row[measure[0]]); });
        return dataset(measure[1], periods.map(function (p) { return per[p] || 0; }), i,
          measure[0] === 'revenue' ? { type: 'line', yAxisID: 'revenue' } : {});
      });
      return {
        type: 'bar',
        data: { labels: periods, datasets: sets },
        options: { maintainAspectRatio: false,
          scales: { y: { beginAtZero: true }, revenue: { position: 'right', beginAtZero: true } } }
      };
    },
    trends: function (answer) {
      var grouped = perPeriod(answer.rows, function (row) { return row.visitType; },
        function (row) { return row.visits; });
      var names = { OUTPATIENT: words.wOutpatient, INPATIENT: words.wInpatient, EMERGENCY: words.wEmergency };
      var sets = Object.keys(grouped.sums).sort().map(function (type, i) {
        return dataset(names[type] || type, grouped.periods.map(function (p) { return grouped.sums[type][p] || 0; }),
          i, { type: 'line' });
      });
      return { type: 'line', data: { labels: grouped.periods, datasets: sets },
        options: { maintainAspectRatio: false, scales: { y: { beginAtZero: true } } } };
    },
    vitals: function (answer) {
      var labels = answer.series.map(function (s) { return s.series + (s.unit ? ' (' + s.unit + ')' : ''); });
      var sets = ['min', 'p25', 'p50', 'p75', 'p95', 'max'].map(function (key, i) {
        return dataset(key, answer.series.map(function (s) { return s[key] == null ? null : Number(s[key]); }), i);
      });
      return { type: 'bar', data: { labels: labels, datasets: sets }, options: { maintainAspectRatio: false } };
    }
  };

  function ask(section) {
    var url = urls(section);
    var exports = section.querySelector('.exports');
    clearProblems(section);
    if (url.missing) {
      exports.hidden = true;
      return Promise.resolve();
    }
    exports.hidden = false;
    section.querySelector('a.csv').href = url.json;
    section.querySelector('a.png').href = url.chart('png');
    section.querySelector('a.svg').href = url.chart('svg');
    section.setAttribute('aria-busy', 'true');
    // only the latest question of a section is shown, whichever answer arrives last
    var asked = String(Number(section.dataset.asked || 0) + 1);
    section.dataset.asked = asked;
    return fetch(url.json, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) {
          if (section.dataset.asked !== asked) {
            return;
          }
          if (!response.ok) {
            showProblem(section, body, response.status);
            blank(section);
            return;
          }
          draw(section, CHARTS[section.dataset.kind](body, section));
        });
      })
      .catch(function (failure) {
        text(section.querySelector('.question-problem'), String(failure));
      })
      .finally(function () {
        section.removeAttribute('aria-busy');
      });
  }

  // the CSV is the API's own answer to Accept: text/csv; a link cannot set that header, so the click fetches it
  function downloadCsv(event) {
    var link = event.currentTarget;
    event.preventDefault();
    fetch(link.getAttribute('href'), { credentials: 'same-origin', headers: { Accept: 'text/csv' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.blob();
      })
      .then(function (blob) {
        var save = document.createElement('a');
        save.href = URL.createObjectURL(blob);
        save.download = (link.closest('section').id || 'answer') + '.csv';
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(save.href); }, 1000);
      })
      .catch(function (failure) {
        text(link.closest('section').querySelector('.question-problem'), String(failure));
      });
  }

  function status() {
    var box = document.getElementById('status');
    var list = document.getElementById('sync-status');
    fetch(box.dataset.sync, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (s) {
        list.replaceChildren();
        [['cursor', s.cursor], ['eventsApplied', s.eventsApplied],
          ['eventsBehind', s.eventsBehind == null ? '' : s.eventsBehind + (s.eventsBehindIsLowerBound ? '+' : '')],
          ['secondsBehind', s.secondsBehind], ['lastSyncedAt', s.lastSyncedAt],
          ['lastRun', s.lastRun ? s.lastRun.outcome : ''], ['staleMonths', (s.staleMonths || []).join(', ')],
          ['feedError', s.feedError]].forEach(function (pair) {
          var dt = document.createElement('dt');
          var dd = document.createElement('dd');
          text(dt, pair[0]);
          text(dd, pair[1]);
          list.append(dt, dd);
        });
      })
      .catch(function (failure) { list.replaceChildren(document.createTextNode(String(failure))); });
    var table = document.getElementById('reconciliation-runs');
    fetch(box.dataset.runs, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (page) {
        var body = document.createElement('tbody');
        var head = document.createElement('tr');
        ['startedAt', 'from', 'to', 'consistent', 'mismatchCount'].forEach(function (name) {
          var th = document.createElement('th');
          text(th, name);
          head.append(th);
        });
        body.append(head);
        (page.items || []).forEach(function (run) {
          var tr = document.createElement('tr');
          [run.startedAt, run.from, run.to, run.consistent, run.mismatchCount].forEach(function (value) {
            var td = document.createElement('td');
            text(td, value);
            tr.append(td);
          });
          body.append(tr);
        });
        table.replaceChildren(body);
      })
      .catch(function (failure) { table.replaceChildren(document.createTextNode(String(failure))); });
  }

  document.querySelectorAll('section.question').forEach(function (section) {
    var form = section.querySelector('form');
    form.addEventListener('change', function () { ask(section); });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      ask(section);
    });
    section.querySelector('a.csv').addEventListener('click', downloadCsv);
    ask(section);
  });
  status();
}());
