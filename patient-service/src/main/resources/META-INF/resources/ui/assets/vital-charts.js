// The chart's vital signs: one line chart per type, drawn by Chart.js from the readings table under it (data-*
// attributes), with DESIGN's normal band shaded and the abnormal readings marked. No inline script (CSP).
(function () {
  'use strict';

  if (typeof Chart === 'undefined') {
    return;
  }
  var VALUE = '#1e88e5';
  var SECONDARY = '#8e24aa';
  var ABNORMAL = '#e53935';

  function number(text) {
    return text === undefined || text === '' ? null : Number(text);
  }

  // two borderless lines filled between each other: the normal range
  function band(label, low, high, count, colour) {
    var flat = function (value) {
      return Array(count).fill(value);
    };
    return [
      { label: label, data: flat(high), borderWidth: 0, pointRadius: 0, fill: '+1', backgroundColor: colour },
      { label: label, data: flat(low), borderWidth: 0, pointRadius: 0, fill: false, backgroundColor: colour }
    ];
  }

  function series(label, values, abnormal, colour) {
    return {
      label: label,
      data: values,
      borderColor: colour,
      backgroundColor: colour,
      pointRadius: abnormal.map(function (a) { return a ? 6 : 3; }),
      pointStyle: abnormal.map(function (a) { return a ? 'triangle' : 'circle'; }),
      pointBackgroundColor: abnormal.map(function (a) { return a ? ABNORMAL : colour; }),
      pointBorderColor: abnormal.map(function (a) { return a ? ABNORMAL : colour; }),
      fill: false,
      tension: 0.2
    };
  }

  document.querySelectorAll('figure.vital-chart').forEach(function (figure) {
    var words = figure.dataset;
    var rows = Array.prototype.slice.call(figure.querySelectorAll('tr[data-at]'));
    var labels = rows.map(function (row) { return row.dataset.at; });
    var abnormal = rows.map(function (row) { return row.dataset.abnormal === 'true'; });
    var values = rows.map(function (row) { return number(row.dataset.value); });
    var secondary = rows.map(function (row) { return number(row.dataset.secondary); });
    var datasets = band(words.normalLabel, number(words.normalMin), number(words.normalMax), rows.length,
      'rgba(67, 160, 71, 0.15)');
    var hasSecondary = secondary.some(function (v) { return v !== null; }) && words.secondaryNormalMin !== '';
    if (hasSecondary) {
      datasets = datasets.concat(band(words.normalLabel, number(words.secondaryNormalMin),
        number(words.secondaryNormalMax), rows.length, 'rgba(142, 36, 170, 0.10)'));
    }
    datasets.push(series(words.label + ' (' + words.unit + ')', values, abnormal, VALUE));
    if (hasSecondary) {
      datasets.push(series(words.secondaryLabel, secondary, abnormal, SECONDARY));
    }
    new Chart(figure.querySelector('canvas'), {
      type: 'line',
      data: { labels: labels, datasets: datasets },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: {
            labels: {
              // the band is two datasets: name it once
              filter: function (item, data) {
                return item.datasetIndex === 0 || data.datasets[item.datasetIndex].label !== words.normalLabel;
              }
            }
          },
          tooltip: {
            callbacks: {
              afterLabel: function (context) {
                return abnormal[context.dataIndex] && context.dataset.label !== words.normalLabel
                  ? words.abnormalLabel : '';
              }
            }
          }
        },
        scales: { x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 6 } } }
      }
    });
    figure.dataset.drawn = 'true';
  });
}());
