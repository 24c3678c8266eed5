import cytoscape, { type Core, type EdgeSingular, type NodeSingular } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import cytoscapeSvg from 'cytoscape-svg';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import type { NodeType } from '../api/generated.ts';
import { fetchMeetingIds, fetchNeighbourhood, fetchPath, type GraphEdge, type EntityRef, type GraphNode, type SearchHit } from '../api/queries.ts';
import { EntityPicker } from '../components/entity-picker.tsx';
import { NODE_TYPE_ORDER, nodeHref, nodeTypeStyle, passageHref } from '../components/node-types.ts';
import { TypeBadge } from '../components/type-badge.tsx';
import { canvasStyle, layoutOptions } from '../graph/canvas-style.ts';

cytoscape.use(cytoscapeSvg);
cytoscape.use(fcose);

declare global {
  interface Window {
    /** The live canvas, for scripts, browser tests and the canvas benchmark (bench/explorer-bench.ts). */
    ententeCanvas?: { cy: Core; addGraph: (graph: { nodes: GraphNode[]; edges: GraphEdge[] }) => void };
  }
}

type Selection = { kind: 'node'; node: GraphNode } | { kind: 'edge'; edge: GraphEdge; source: string; target: string } | null;

const HIDDEN_BY_DEFAULT: NodeType[] = ['Passage'];

/** The canvas: start from an entity, expand on click, filter types, find paths, save the picture. */
export function GraphView() {
  const params = new URLSearchParams(useSearch());
  const focus = params.get('focus');
  const [, navigate] = useLocation();
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<Core | null>(null);
  const [hidden, setHidden] = useState<Set<NodeType>>(new Set(HIDDEN_BY_DEFAULT));
  const [selection, setSelection] = useState<Selection>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; retry: () => void } | null>(null);
  const [nodes, setNodes] = useState<GraphNode[]>([]);
  const [from, setFrom] = useState<EntityRef | null>(null);
  const [to, setTo] = useState<EntityRef | null>(null);
  const [avoidHubs, setAvoidHubs] = useState(false);
  const [pathResult, setPathResult] = useState<{ nodes: GraphNode[]; edges: GraphEdge[] } | 'none' | null>(null);
  const meetings = useRef<Promise<string[]> | null>(null);
  // Fetched once, on the first path that avoids hubs; a failure is forgotten so a retry asks again.
  const meetingIds = () => {
    meetings.current ??= fetchMeetingIds().catch((error: unknown) => {
      meetings.current = null;
      throw error;
    });
    return meetings.current;
  };
  const hiddenRef = useRef(hidden);
  hiddenRef.current = hidden;

  const addGraph = useCallback((graph: { nodes: GraphNode[]; edges: GraphEdge[] }, centre?: string) => {
    const cy = cyRef.current;
    if (!cy) return;
    const before = cy.nodes().length;
    cy.batch(() => {
      for (const n of graph.nodes) {
        if (cy.getElementById(n.id).nonempty()) continue;
        const at = centre ? cy.getElementById(centre) : undefined;
        cy.add({
          group: 'nodes',
          data: { id: n.id, label: n.name, type: n.type, name: n.name },
          position: at?.nonempty() ? { x: at.position('x') + Math.random() * 40 - 20, y: at.position('y') + Math.random() * 40 - 20 } : undefined,
          classes: hiddenRef.current.has(n.type) ? 'hidden-type' : '',
        });
      }
      for (const e of graph.edges) {
        const id = `${e.source}|${e.type}|${e.target}`;
        if (cy.getElementById(id).nonempty()) continue;
        cy.add({ group: 'edges', data: { id, source: e.source, target: e.target, type: e.type, quote: e.provenance?.quote ?? '', passageId: e.provenance?.passageId ?? '', documentId: e.provenance?.documentId ?? '', referenceId: e.provenance?.referenceId ?? '' } });
      }
    });
    if (cy.nodes().length !== before) {
      // Straight 'haystack' edges draw several times faster than curves; large graphs need it.
      cy.style().selector('edge').style({ 'curve-style': cy.nodes().length > 500 ? 'haystack' : 'bezier' }).update();
      const layout = cy.layout(layoutOptions(cy.nodes().length, true));
      // Fitting a handful of nodes would blow them up to poster size.
      layout.one('layoutstop', () => {
        if (cy.zoom() > 1.3) {
          cy.zoom(1.3);
          cy.center();
        }
      });
      layout.run();
    }
    setNodes(cy.nodes().map((n) => ({ id: n.id(), name: n.data('name') as string, type: n.data('type') as NodeType })));
  }, []);

  const run = useCallback(async (what: string, task: () => Promise<void>) => {
    setBusy(what);
    setError(null);
    try {
      await task();
    } catch (e) {
      setError({ message: `Could not ${what}: ${(e as Error).message}`, retry: () => void run(what, task) });
    } finally {
      setBusy(null);
    }
  }, []);

  const expand = useCallback((id: string) => run('expand the node', async () => addGraph(await fetchNeighbourhood(id, 1, 100), id)), [addGraph, run]);

  useEffect(() => {
    // While panning or zooming, a bitmap of the view moves instead of every element being redrawn.
    const cy = cytoscape({ container: container.current, style: canvasStyle(), wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4, textureOnViewport: true });
    cyRef.current = cy;
    window.ententeCanvas = { cy, addGraph };
    cy.on('tap', 'node', (event) => {
      const node = event.target as NodeSingular;
      setSelection({ kind: 'node', node: { id: node.id(), name: node.data('name'), type: node.data('type') } });
      void expand(node.id());
    });
    cy.on('tap', 'edge', (event) => selectEdge(event.target as EdgeSingular));
    cy.on('mouseover', 'edge', (event) => {
      (event.target as EdgeSingular).addClass('hover');
      selectEdge(event.target as EdgeSingular);
    });
    cy.on('mouseout', 'edge', (event) => (event.target as EdgeSingular).removeClass('hover'));
    function selectEdge(edge: EdgeSingular) {
      setSelection({
        kind: 'edge',
        edge: { source: edge.data('source'), target: edge.data('target'), type: edge.data('type'), provenance: { quote: edge.data('quote') || null, passageId: edge.data('passageId') || null, documentId: edge.data('documentId') || null, referenceId: edge.data('referenceId') || null } },
        source: edge.source().data('name'),
        target: edge.target().data('name'),
      });
    }
    return () => {
      cy.destroy();
      cyRef.current = null;
      delete window.ententeCanvas;
    };
  }, [expand, addGraph]);

  // The focus entity starts the canvas and the path's "from".
  useEffect(() => {
    if (!focus) return;
    cyRef.current?.elements().remove();
    void run('load the neighbourhood', async () => {
      const graph = await fetchNeighbourhood(focus, 1, 100);
      addGraph(graph);
      cyRef.current?.getElementById(focus).addClass('centre');
      const centre = graph.nodes.find((n) => n.id === focus);
      if (centre) setFrom({ id: centre.id, name: centre.name, type: centre.type });
    });
  }, [focus, addGraph, run]);

  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.batch(() => cy.nodes().forEach((n) => void n.toggleClass('hidden-type', hidden.has(n.data('type')))));
  }, [hidden, nodes]);

  const findPath = () =>
    run('find a path', async () => {
      if (!from || !to) return;
      // The server's search avoids the hubs itself (countries, the meetings the documents record),
      // so a detour is found however far it lies, not only inside a fetched neighbourhood.
      const avoid = avoidHubs ? { types: ['Country' as const], ids: await meetingIds() } : {};
      const found: { nodes: GraphNode[]; edges: GraphEdge[] } | null = await fetchPath(from.id, to.id, 8, avoid);
      setPathResult(found ?? 'none');
      const cy = cyRef.current;
      if (!cy || !found) return;
      cy.elements().removeClass('path');
      addGraph(found);
      for (const n of found.nodes) cy.getElementById(n.id).removeClass('hidden-type').addClass('path');
      for (const e of found.edges) {
        cy.getElementById(`${e.source}|${e.type}|${e.target}`).addClass('path');
      }
      cy.fit(cy.elements('.path'), 60);
    });

  const save = (format: 'png' | 'svg') => {
    const cy = cyRef.current;
    if (!cy) return;
    const blob =
      format === 'png'
        ? (cy.png({ full: true, output: 'blob', bg: '#ffffff', scale: 2 }) as unknown as Blob)
        : new Blob([(cy as unknown as { svg(o: object): string }).svg({ full: true, bg: '#ffffff' })], { type: 'image/svg+xml' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `entente-graph.${format}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const startFrom = (hit: SearchHit) => navigate(`/graph?focus=${encodeURIComponent(hit.id)}`);
  const presentTypes = new Set(nodes.map((n) => n.type));

  return (
    <section className="graph-view">
      <h1 className="visually-hidden">Graph canvas</h1>
      <aside className="graph-panel" aria-label="Canvas controls">
        <EntityPicker label="Start from" value={null} onPick={startFrom} />
        <fieldset className="type-filter">
          <legend>Node types (legend)</legend>
          <ul>
            {NODE_TYPE_ORDER.map((type) => (
              <li key={type}>
                <label>
                  <input
                    type="checkbox"
                    checked={!hidden.has(type)}
                    onChange={(e) => {
                      const next = new Set(hidden);
                      if (e.target.checked) next.delete(type);
                      else next.add(type);
                      setHidden(next);
                    }}
                  />{' '}
                  <span className={`legend-swatch shape-${nodeTypeStyle(type).shape}`} style={{ background: nodeTypeStyle(type).color }} aria-hidden="true" /> {nodeTypeStyle(type).plural}
                  {presentTypes.has(type) && <span className="count">{nodes.filter((n) => n.type === type).length}</span>}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        <fieldset className="path-finder">
          <legend>Path between two entities</legend>
          <EntityPicker label="From" value={from} onPick={setFrom} />
          <EntityPicker label="To" value={to} onPick={setTo} />
          <label className="inline">
            <input type="checkbox" checked={avoidHubs} onChange={(e) => setAvoidHubs(e.target.checked)} /> Avoid hubs (countries, the meeting)
          </label>
          <button type="button" className="button primary" disabled={!from || !to} onClick={findPath}>
            Find path
          </button>
          {pathResult === 'none' && <p role="status">No path within reach{avoidHubs ? ' that avoids the hubs' : ''}.</p>}
          {pathResult && pathResult !== 'none' && (
            <ol className="path-steps" aria-label="Path">
              {pathResult.nodes.map((n, i) => (
                <li key={n.id}>
                  <Link href={nodeHref(n.type, n.id)}>{n.name}</Link>
                  {pathResult.edges[i] && <span className="muted"> —{pathResult.edges[i]!.type}—</span>}
                </li>
              ))}
            </ol>
          )}
        </fieldset>
        <div className="save-buttons">
          <button type="button" className="button" onClick={() => save('png')} disabled={nodes.length === 0}>
            Save PNG
          </button>
          <button type="button" className="button" onClick={() => save('svg')} disabled={nodes.length === 0}>
            Save SVG
          </button>
        </div>
      </aside>
      <div className="graph-stage">
        {busy && (
          <p className="loading canvas-status" role="status">
            <span className="spinner" aria-hidden="true" /> {busy.charAt(0).toUpperCase() + busy.slice(1)}…
          </p>
        )}
        {error && (
          <div className="error-state canvas-status" role="alert">
            <p>{error.message}</p>
            <button type="button" className="button primary" onClick={error.retry}>
              Retry
            </button>
          </div>
        )}
        {!focus && nodes.length === 0 && <p className="canvas-empty">Pick an entity under “Start from” to draw its neighbourhood; click a node to expand it.</p>}
        <div ref={container} className="canvas" data-testid="canvas" data-node-count={nodes.length} role="img" aria-label={`Graph of ${nodes.length} nodes; the list below gives the same nodes`} />
        <SelectionPanel selection={selection} onExpand={expand} />
        <details className="node-list">
          <summary>Nodes on the canvas ({nodes.length})</summary>
          <ul>
            {nodes.map((n) => (
              <li key={n.id}>
                <TypeBadge type={n.type} /> <Link href={nodeHref(n.type, n.id)}>{n.name}</Link>{' '}
                <button type="button" className="link-button" onClick={() => void expand(n.id)}>
                  expand
                </button>
              </li>
            ))}
          </ul>
        </details>
      </div>
    </section>
  );
}

function SelectionPanel({ selection, onExpand }: { selection: Selection; onExpand: (id: string) => void }) {
  if (!selection) return <p className="selection muted">Click a node to expand it; hover or click a line to read its quote.</p>;
  if (selection.kind === 'node') {
    const n = selection.node;
    return (
      <div className="selection" aria-live="polite">
        <TypeBadge type={n.type} /> <strong>{n.name}</strong> · <Link href={nodeHref(n.type, n.id)}>open page</Link> ·{' '}
        <button type="button" className="link-button" onClick={() => onExpand(n.id)}>
          expand
        </button>
      </div>
    );
  }
  const p = selection.edge.provenance;
  return (
    <div className="selection edge-selection" aria-live="polite">
      <p>
        {selection.source} <strong>—{selection.edge.type}→</strong> {selection.target}
      </p>
      {p?.quote && <blockquote className="edge-quote">“{p.quote}”</blockquote>}
      {p?.passageId && <Link href={passageHref(p.passageId, p.documentId)}>read the passage</Link>}
      {p?.referenceId && <p className="muted">From an outside reference: {p.referenceId}</p>}
    </div>
  );
}

