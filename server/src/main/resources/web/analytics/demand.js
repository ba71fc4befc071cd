// Demand and staffing: contacts forecast per interval with prediction bands, its back-test, and the staff needed.
import { $, api, count, dateFmt, humanise } from '../common.js';
import { chart, dark, draw, escapeHtml } from '../charts.js';
import { colours, params, pct, pctFmt, run, showEmpty, tiles, wholeNumber } from './section.js';

const slotFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const dayFmt = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });

function demandQuery() {
  const level = wholeNumber($('demand-level'));
  const shrink = wholeNumber($('demand-shrinkage'));
  return {
    interval: $('demand-interval').value,
    days: wholeNumber($('demand-days')),
    // the page asks in per cent, the API in fractions; anything else goes as typed for the server to name
    serviceLevel: typeof level === 'number' ? level / 100 : level,
    answerSeconds: wholeNumber($('demand-answer')),
    shrinkage: typeof shrink === 'number' ? shrink / 100 : shrink,
    ahtSeconds: wholeNumber($('demand-aht')),
  };
}

export function runDemand(userAsked) {
  const channel = $('demand-channel').value;
  const q = demandQuery();
  return run('demand', {
    busy: `Forecasting ${humanise(channel).toLowerCase()} contacts and planning staff…`,
    failed: 'The forecast could not be made',
    userAsked,
    needsAudience: false,
    fetch: () => api(`/v1/demand/${encodeURIComponent(channel)}${params(q)}`),
    render: (answer) => renderDemand(answer, q.interval),
  });
}

const timeFmt = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
function axisSlot(start, interval) {
  const d = new Date(start);
  return interval === '1d' ? dayFmt.format(d) : `${dayFmt.format(d)}\n${timeFmt.format(d)}`;
}

// Hourly and quarter-hourly axes name each day once, at its first open slot.
function dayStarts(slots, interval) {
  if (interval === '1d') return slots.length > 14 ? 'auto' : 0;
  return (k) => k === 0 || slots[k].slice(0, 10) !== slots[k - 1].slice(0, 10);
}

function slotLabel(start, interval) {
  const d = new Date(start); // local wall-clock time of the channel's opening hours
  return interval === '1d' ? dayFmt.format(d) : slotFmt.format(d);
}

function renderDemand(a, interval) {
  const f = a.forecast.intervals;
  if (f.length === 0) return showEmpty('demand', `The ${humanise(a.channel).toLowerCase()} has no opening hours in the days asked for.`);
  const b = a.backtest;
  const c = colours();
  const beats = b.mase < b.seasonalNaiveMase && b.mase < b.fourWeekMeanMase;
  const peak = a.staffing ? a.staffing.intervals.reduce((m, s) => Math.max(m, s.scheduledStaff), 0) : null;
  tiles('demand-tiles', [
    ['History', count(a.contacts), `contacts, ${dateFmt.format(new Date(a.historyFrom))} – ${dateFmt.format(new Date(a.historyTo))}`],
    ['Forecast error (MASE)', b.mase.toFixed(2), `last ${b.testDays} days, one day ahead; lower is better`, beats ? 'good' : 'bad'],
    ['Same weekday last week', b.seasonalNaiveMase.toFixed(2), 'MASE of the seasonal naive forecast'],
    ['Four-week mean', b.fourWeekMeanMase.toFixed(2), 'MASE of the mean of the last four weeks'],
    ['80 % band held', pct(b.coverage80), 'of actual counts, aim 80 %', Math.abs(b.coverage80 - 0.8) <= 0.1 ? 'good' : 'bad'],
    ['95 % band held', pct(b.coverage95), 'of actual counts, aim 95 %', Math.abs(b.coverage95 - 0.95) <= 0.05 ? 'good' : 'bad'],
    ...(a.staffing ? [['Peak staff on shift', count(peak), `with ${pctFmt.format(a.staffing.shrinkage)} shrinkage, ${minutes(a.staffing.averageHandling)} handling`]] : []),
  ]);
  const slots = f.map((x) => x.start);
  const zoom = f.length > 100 ? [{ type: 'slider', height: 16, bottom: 30 }] : [];
  const xAxis = { type: 'category', data: slots, axisTick: { interval: dayStarts(slots, interval) }, axisLabel: { interval: dayStarts(slots, interval), formatter: (v) => axisSlot(v, interval), hideOverlap: true } };
  const band = (stack, name, lower, upper, colour) => [
    { name: `${name} base`, type: 'line', stack, data: f.map((x) => round2(x[lower])), lineStyle: { opacity: 0 }, symbol: 'none', tooltip: { show: false }, silent: true },
    { name, type: 'line', stack, data: f.map((x) => round2(x[upper] - x[lower])), lineStyle: { opacity: 0 }, symbol: 'none', areaStyle: { color: colour, opacity: 1 }, itemStyle: { color: colour }, silent: true },
  ];
  draw('demand-chart', `${humanise(a.channel)}: contacts expected per ${intervalText(interval)}`, {
    title: { subtext: 'Open hours only · shaded: 80 % and 95 % prediction bands' },
    grid: { left: 20, right: 36, top: 74, bottom: zoom.length ? 84 : 52, containLabel: true },
    legend: { bottom: 4, data: ['Expected', '80 % band', '95 % band'] },
    tooltip: {
      trigger: 'axis', confine: true, formatter: (items) => {
        const x = f[items[0].dataIndex];
        return [`<strong>${escapeHtml(slotLabel(x.start, interval))}</strong>`, `expected ${x.expected.toFixed(1)} contacts`,
          `80 %: ${x.lower80.toFixed(1)} – ${x.upper80.toFixed(1)}`, `95 %: ${x.lower95.toFixed(1)} – ${x.upper95.toFixed(1)}`].join('<br>');
      },
    },
    dataZoom: zoom,
    xAxis,
    yAxis: { type: 'value', name: 'Contacts', nameTextStyle: { align: 'left' }, min: 0 },
    series: [
      ...band('band95', '95 % band', 'lower95', 'upper95', dark ? 'rgba(143,178,255,0.14)' : 'rgba(29,78,216,0.10)'),
      ...band('band80', '80 % band', 'lower80', 'upper80', dark ? 'rgba(143,178,255,0.28)' : 'rgba(29,78,216,0.22)'),
      { name: 'Expected', type: 'line', data: f.map((x) => round2(x.expected)), itemStyle: { color: c.p50 }, lineStyle: { width: 2 }, symbol: f.length > 60 ? 'none' : 'circle', symbolSize: 5 },
    ],
  });
  if (!a.staffing) {
    chart('staffing-chart').clear();
    $('staffing-chart').hidden = true;
    $('staffing-note').textContent = 'Staff are planned per 15 minutes or per hour: choose one of those intervals to see agents and scheduled staff.';
    $('staffing-note').hidden = false;
    return 'ready';
  }
  $('staffing-chart').hidden = false;
  $('staffing-note').hidden = true;
  const s = a.staffing.intervals;
  draw('staffing-chart', `Staff needed per ${intervalText(interval)}`, {
    title: { subtext: `${pctFmt.format(a.staffing.target.serviceLevel)} answered within ${secondsText(a.staffing.target.answerWithin)} · scheduled staff add ${pctFmt.format(a.staffing.shrinkage)} shrinkage` },
    grid: { left: 20, right: 36, top: 74, bottom: zoom.length ? 84 : 52, containLabel: true },
    legend: { bottom: 4 },
    dataZoom: zoom,
    tooltip: {
      trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: (items) => {
        const x = s[items[0].dataIndex];
        return [`<strong>${escapeHtml(slotLabel(x.start, interval))}</strong>`, `${x.forecastContacts.toFixed(1)} contacts expected`,
          `${x.agents} agents answering, ${x.scheduledStaff} scheduled`, `service level ${pct(x.serviceLevel)}, occupancy ${pct(x.occupancy)}`].join('<br>');
      },
    },
    xAxis: { ...xAxis, data: s.map((x) => x.start) },
    yAxis: { type: 'value', name: 'People', nameTextStyle: { align: 'left' }, minInterval: 1 },
    series: [
      { name: 'Agents answering', type: 'bar', data: s.map((x) => x.agents), itemStyle: { color: c.p50 }, barMaxWidth: 14 },
      { name: 'Scheduled staff', type: 'bar', data: s.map((x) => x.scheduledStaff), itemStyle: { color: c.p90 }, barMaxWidth: 14 },
    ],
  });
  return 'ready';
}

const round2 = (x) => Math.round(x * 100) / 100;
const intervalText = (i) => ({ '15m': '15 minutes', '1h': 'hour', '1d': 'day' }[i] || i);

// ISO 8601 durations as the API writes them (PT6M, PT20S, PT1H30M).
function isoSeconds(d) {
  const m = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(d || '');
  return m ? (Number(m[1] || 0) * 3600) + (Number(m[2] || 0) * 60) + Number(m[3] || 0) : null;
}
const minutes = (d) => { const s = isoSeconds(d); return s === null ? d : `${(s / 60).toFixed(1).replace(/\.0$/, '')} min`; };
const secondsText = (d) => { const s = isoSeconds(d); return s === null ? d : `${s} s`; };
