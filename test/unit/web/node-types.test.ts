import { describe, expect, it } from 'vitest';
import { NODE_TYPES, UNKNOWN_TYPE_STYLE, nodeTypeStyle } from '../../../web/src/components/node-types.ts';
import { canvasStyle } from '../../../web/src/graph/canvas-style.ts';

// A bundle older than the server meets node types it was built without; one must not blank a view.
// (The badge is checked in the browser: test/integration/explorer/explorer.test.ts.)
describe('node types the bundle does not know', () => {
  it('get a neutral style named after the type', () => {
    expect(nodeTypeStyle('Treaty')).toEqual({ ...UNKNOWN_TYPE_STYLE, label: 'Treaty', plural: 'Treaty' });
    expect(nodeTypeStyle('Instrument')).toBe(NODE_TYPES.Instrument);
    // Inherited object keys are not node types.
    expect(nodeTypeStyle('constructor').color).toBe(UNKNOWN_TYPE_STYLE.color);
  });

  it('are drawn on the canvas with the fallback colour and shape', () => {
    const base = canvasStyle().find((rule) => 'selector' in rule && rule.selector === 'node') as unknown as { style: Record<string, unknown> };
    expect(base.style['background-color']).toBe(UNKNOWN_TYPE_STYLE.color);
    expect(base.style.shape).toBe(UNKNOWN_TYPE_STYLE.shape);
  });
});
