// Paths around an anchor: the touches before and after it, as a Sankey diagram and the most common whole paths.
import { $, api, count, h, humanise, tableHead } from '../common.js';
import { chart, draw, escapeHtml } from '../charts.js';
import { labelColour, pct, run, showEmpty, STAGES, wholeNumber } from './section.js';

const NODE_NAME = /^([+-]?\d+) (.*)$/;
const nodeLabel = (name) => { const m = NODE_NAME.exec(name); return m ? m[2] : name; };
const nodePlace = (name) => {
  const m = NODE_NAME.exec(name);
  const k = m ? Number(m[1]) : 0;
  return k === 0 ? 'the anchor' : k < 0 ? `${-k} touch${k === -1 ? '' : 'es'} before` : `${k} touch${k === 1 ? '' : 'es'} after`;
};
const pathText = (label) => (STAGES.includes(label) || label.includes('_') ? humanise(label) : label);

function pathsQuery() {
  const kind = $('paths-anchor-kind').value;
  return {
    anchor: { [kind]: [$('paths-anchor-value').value].filter(Boolean) },
    by: $('paths-by').value,
    direction: $('paths-direction').value,
    windowDays: wholeNumber($('paths-window')),
    depth: wholeNumber($('paths-depth')),
    minimumCount: wholeNumber($('paths-min')),
  };
}

export function runPaths(userAsked) {
  const query = pathsQuery();
  const anchorText = pathText($('paths-anchor-value').value || 'anchor');
  return run('paths', {
    busy: 'Following paths around the anchor…',
    failed: 'The paths could not be computed',
    userAsked,
    fetch: () => api('/v1/analytics/paths', { method: 'POST', body: query }),
    render: ({ result }) => renderPaths(result, anchorText),
  });
}

function renderPaths(r, anchorText) {
  const min = r.minimumCount;
  if (!r.anchored) {
    return showEmpty('paths', r.anchored === null ? `Fewer than ${min} customers had “${anchorText}”: their paths are hidden.`
      : `No customer had “${anchorText}” in this snapshot. Choose another anchor.`);
  }
  const listed = r.top.reduce((a, p) => a + p.units, 0);
  $('paths-note').textContent = `${count(r.anchored)} customers had “${anchorText}”. `
    + (r.otherUnits ? `${count(r.otherUnits)} of them took paths that fewer than ${min} customers shared; those paths are not listed.` : '')
    + (r.top.length === 0 ? '' : ` The ${r.top.length} most common paths cover ${count(listed)}.`);
  const nodes = r.sankey.nodes;
  if (nodes.length === 0) {
    chart('paths-chart').clear();
    $('paths-chart').hidden = true;
  } else {
    $('paths-chart').hidden = false;
    draw('paths-chart', `Flow around “${anchorText}”, by ${humanise(r.by).toLowerCase()}`, {
      title: { subtext: 'Columns: touches before, the anchor, touches after · width: customers' },
      tooltip: {
        trigger: 'item', confine: true, formatter: (p) => (p.dataType === 'edge'
          ? `${escapeHtml(pathText(nodeLabel(p.data.source)))} → ${escapeHtml(pathText(nodeLabel(p.data.target)))}<br>${count(p.data.value)} customers`
          : `<strong>${escapeHtml(pathText(nodeLabel(p.name)))}</strong>, ${nodePlace(p.name)}<br>${count(p.value)} customers`),
      },
      series: [{
        type: 'sankey', left: 16, right: 110, top: 72, bottom: 16, nodeAlign: 'justify', nodeGap: 10, draggable: false,
        emphasis: { focus: 'adjacency' },
        data: nodes.map((n) => ({ name: n.name, depth: n.depth, itemStyle: { color: labelColour(nodeLabel(n.name)) } })),
        links: r.sankey.links.map((l) => ({ source: l.source, target: l.target, value: l.value })),
        label: { formatter: (p) => pathText(nodeLabel(p.name)), fontSize: 12 },
        lineStyle: { color: 'gradient', opacity: 0.35, curveness: 0.5 },
      }],
    });
  }
  $('paths-table').replaceChildren(h('caption', null, 'Most common whole paths'),
    tableHead('Path', 'Customers', 'Share'),
    h('tbody', null, r.top.length ? r.top.map((p) => h('tr', null, h('td', { class: 'path' }, pathCells(p)), h('td', null, count(p.units)), h('td', null, pct(p.share))))
      : h('tr', null, h('td', { colspan: 3 }, `No single path was taken by ${min} or more customers. Look at fewer touches each side, or by stage.`))));
  return 'ready';
}

function pathCells(p) {
  const out = [];
  const add = (label, cls) => {
    if (out.length) out.push(h('span', { class: 'path-sep', 'aria-hidden': 'true' }, '→'));
    out.push(h('span', { class: cls }, pathText(label)));
  };
  if (!p.before.length) out.push(h('span', { class: 'path-sep' }, '(start)'));
  for (const l of p.before) add(l, 'path-step');
  add(p.anchor, 'path-anchor');
  for (const l of p.after) add(l, 'path-step');
  return out;
}
