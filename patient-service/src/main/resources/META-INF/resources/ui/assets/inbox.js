// The alert inbox: alerts from GET /api/v1/alerts/stream as they change. A new alert gets its row (with the
// acknowledge and resolve forms, carrying the page's CSRF token, for doctors and nurses); an acknowledged one loses
// its acknowledge form; a resolved one leaves the inbox.
(function () {
  'use strict';

  var live = window.mdmsLive;
  var table = document.getElementById('inbox');
  if (!live || !table) {
    return;
  }
  var rows = document.getElementById('inbox-alerts');
  var labels = table.dataset;

  function form(action, id) {
    var f = live.element('form');
    f.method = 'post';
    f.action = action;
    if (id) {
      f.id = id;
    }
    var csrf = live.element('input');
    csrf.type = 'hidden';
    csrf.name = 'csrf';
    csrf.value = labels.csrf;
    f.appendChild(csrf);
    return f;
  }

  function actions(alert) {
    var cell = live.element('td', null, 'alert-actions');
    var acknowledge = form('/ui/alerts/' + alert.id + '/acknowledge', 'alert-' + alert.id + '-acknowledge');
    acknowledge.className = 'acknowledge-form';
    var noteLabel = live.element('label', labels.note);
    noteLabel.htmlFor = 'note-' + alert.id;
    var note = live.element('input');
    note.id = 'note-' + alert.id;
    note.name = 'note';
    note.maxLength = 500;
    var button = live.element('button', labels.acknowledge);
    button.type = 'submit';
    button.id = 'acknowledge-' + alert.id;
    acknowledge.appendChild(noteLabel);
    acknowledge.appendChild(note);
    acknowledge.appendChild(button);
    var resolve = form('/ui/alerts/' + alert.id + '/resolve');
    resolve.className = 'inline-form';
    var resolveButton = live.element('button', labels.resolve, 'secondary');
    resolveButton.type = 'submit';
    resolveButton.id = 'resolve-' + alert.id;
    resolve.appendChild(resolveButton);
    cell.appendChild(acknowledge);
    cell.appendChild(resolve);
    return cell;
  }

  function newRow(alert) {
    var row = live.element('tr', null, 'arrived');
    row.id = 'alert-' + alert.id;
    var severity = live.element('td', null, 'severity');
    severity.id = 'alert-' + alert.id + '-severity';
    row.appendChild(severity);
    var patient = live.element('td');
    var link = live.element('a', labels.patient + ' ' + alert.patientId);
    link.href = '/ui/patients/' + encodeURIComponent(alert.patientId);
    patient.appendChild(link);
    row.appendChild(patient);
    row.appendChild(live.element('td', alert.message));
    var opened = live.element('td');
    var time = live.element('time', live.time(alert.openedAt, labels.zone, true).slice(0, 16));
    time.dateTime = alert.openedAt;
    opened.appendChild(time);
    row.appendChild(opened);
    var status = live.element('td');
    status.id = 'alert-' + alert.id + '-status';
    row.appendChild(status);
    if (labels.acts === 'true') {
      row.appendChild(actions(alert));
    }
    rows.insertBefore(row, rows.firstChild);
    document.getElementById('inbox-empty').hidden = true;
    return row;
  }

  function show(event) {
    var alert = event.alert;
    var row = document.getElementById('alert-' + alert.id);
    if (event.change === 'RESOLVED') {
      if (row) {
        row.remove();
      }
      document.getElementById('inbox-empty').hidden = rows.children.length > 0;
      return;
    }
    row = row || newRow(alert);
    var severity = document.getElementById('alert-' + alert.id + '-severity');
    severity.textContent = live.label(labels, 'severity', alert.severity);
    severity.className = 'severity severity-' + alert.severity;
    var status = document.getElementById('alert-' + alert.id + '-status');
    status.textContent = live.label(labels, 'status', alert.status);
    if (alert.acknowledgedBy) {
      status.appendChild(live.element('small', ' ' + alert.acknowledgedBy
        + (alert.acknowledgeNote ? ': ' + alert.acknowledgeNote : '')));
    }
    if (alert.status !== 'OPEN') {
      var acknowledge = document.getElementById('alert-' + alert.id + '-acknowledge');
      if (acknowledge) {
        acknowledge.remove();
      }
    }
  }

  live.listen('/api/v1/alerts/stream', show);
})();
