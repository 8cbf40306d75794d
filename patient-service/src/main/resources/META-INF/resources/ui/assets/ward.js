// The ward view: the newest reading of each type per patient from GET /api/v1/wards/{id}/stream (a snapshot, then
// each new reading), abnormal values marked; the patients' alerts from GET /api/v1/alerts/stream.
(function () {
  'use strict';

  var live = window.mdmsLive;
  var table = document.getElementById('ward');
  if (!live || !table) {
    return;
  }
  var beds = document.getElementById('ward-beds');
  var typeCodes = Array.prototype.map.call(beds.querySelectorAll('tr:first-child td.reading'),
    function (td) { return td.dataset.type; });

  function bed(patientId) {
    var row = document.getElementById('bed-' + patientId);
    if (row) {
      return row;
    }
    // a patient admitted after the page was drawn: a row with the id until the page is reloaded
    row = live.element('tr');
    row.id = 'bed-' + patientId;
    var head = live.element('th');
    head.scope = 'row';
    var link = live.element('a', table.dataset.patient + ' ' + patientId);
    link.href = '/ui/patients/' + encodeURIComponent(patientId);
    head.appendChild(link);
    row.appendChild(head);
    var codes = typeCodes.length ? typeCodes : ['HEART_RATE', 'BLOOD_PRESSURE', 'SPO2', 'TEMPERATURE'];
    codes.forEach(function (code) {
      var cell = live.element('td', '—', 'reading');
      cell.dataset.type = code;
      cell.id = 'bed-' + patientId + '-' + code;
      row.appendChild(cell);
    });
    var alerts = live.element('td', null, 'bed-alerts');
    var list = live.element('ul');
    list.id = 'bed-' + patientId + '-alerts';
    alerts.appendChild(list);
    row.appendChild(alerts);
    beds.appendChild(row);
    document.getElementById('ward-empty').hidden = true;
    return row;
  }

  function showReading(patientId, reading) {
    bed(patientId);
    var cell = document.getElementById('bed-' + patientId + '-' + reading.type);
    if (!cell) {
      return;
    }
    var value = String(reading.value) + (reading.secondaryValue === null || reading.secondaryValue === undefined
      ? '' : '/' + reading.secondaryValue);
    cell.textContent = '';
    var shown = live.element(reading.abnormal ? 'mark' : 'span', value + ' ' + reading.unit,
      reading.abnormal ? 'abnormal' : 'normal-value');
    cell.appendChild(shown);
    if (reading.abnormal) {
      cell.appendChild(live.element('span', ' ' + table.dataset.abnormal, 'abnormal-label'));
    }
    var time = live.element('time', live.time(reading.measuredAt, table.dataset.zone, false));
    time.dateTime = reading.measuredAt;
    cell.appendChild(live.element('br'));
    cell.appendChild(time);
    cell.classList.toggle('abnormal-cell', reading.abnormal);
    cell.dataset.measuredAt = reading.measuredAt;
  }

  function showAlert(event) {
    var alert = event.alert;
    var list = document.getElementById('bed-' + alert.patientId + '-alerts');
    if (!list) {
      return; // not a patient of this ward
    }
    var item = document.getElementById('ward-alert-' + alert.id);
    if (event.change === 'RESOLVED') {
      if (item) {
        item.remove();
      }
      return;
    }
    if (!item) {
      item = live.element('li');
      item.id = 'ward-alert-' + alert.id;
      list.appendChild(item);
    }
    item.className = 'severity-' + alert.severity;
    item.textContent = '';
    item.appendChild(live.element('strong', live.label(table.dataset, 'severity', alert.severity)));
    item.appendChild(document.createTextNode(' ' + alert.message));
  }

  live.listen('/api/v1/wards/' + encodeURIComponent(table.dataset.department) + '/stream', function (update) {
    update.readings.forEach(function (reading) { showReading(update.patientId, reading); });
  });
  live.listen('/api/v1/alerts/stream', showAlert);
})();
