import type { StylesheetJson } from 'cytoscape';
import { NODE_TYPES, UNKNOWN_TYPE_STYLE } from '../components/node-types.ts';

/** Cytoscape styles: one colour and one shape per node type; the path and selection stand out by width. */
export function canvasStyle(): StylesheetJson {
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 11,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        color: '#1f2937',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        width: 26,
        height: 26,
        // Labels smaller than this on screen are not drawn: zoomed out, a large graph stays fluid.
        'min-zoomed-font-size': 7,
        'border-width': 2,
        'border-color': '#ffffff',
        // A type the bundle does not know keeps this neutral look instead of breaking the canvas.
        'background-color': UNKNOWN_TYPE_STYLE.color,
        shape: UNKNOWN_TYPE_STYLE.shape,
      },
    },
    ...Object.entries(NODE_TYPES).map(([type, s]) => ({
      selector: `node[type = "${type}"]`,
      style: { 'background-color': s.color, shape: s.shape },
    })),
    { selector: 'node.hidden-type', style: { display: 'none' } },
    { selector: 'node.centre', style: { width: 36, height: 36, 'font-weight': 'bold' } },
    { selector: 'node:selected', style: { 'border-color': '#f59e0b', 'border-width': 4 } },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'line-color': '#94a3b8',
        'target-arrow-color': '#94a3b8',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        'curve-style': 'bezier',
        label: '',
        'font-size': 9,
      },
    },
    { selector: 'edge.hover, edge:selected', style: { width: 3, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', label: 'data(type)', color: '#7c2d12' } },
    { selector: 'edge.path', style: { width: 4, 'line-color': '#dc2626', 'target-arrow-color': '#dc2626', 'line-style': 'solid' } },
    { selector: 'node.path', style: { 'border-color': '#dc2626', 'border-width': 4 } },
    { selector: '.faded', style: { opacity: 0.25 } },
  ];
}

/**
 * fCoSE (spectral start, then force-directed polish) for every size: an order of magnitude faster
 * than Cytoscape's own cose at the same quality. Above 500 nodes the polish is skipped ('draft'),
 * which keeps a 2,000-node graph's layout around a second (bench/explorer-bench.ts).
 */
export function layoutOptions(nodeCount: number, fit = true): cytoscape.LayoutOptions {
  return {
    name: 'fcose',
    quality: nodeCount > 500 ? 'draft' : 'default',
    randomize: true,
    animate: false,
    fit,
    padding: 30,
    nodeRepulsion: () => 9000,
    idealEdgeLength: () => 90,
    nodeDimensionsIncludeLabels: nodeCount <= 500,
  } as cytoscape.LayoutOptions;
}
