/** The explorer's views: a shareable URL each, and the selector that shows the view is useful. */
export const EXPLORER_VIEWS = [
  { name: 'search', path: '/?q=Europol', ready: '.results li a' },
  { name: 'entity', path: '/entity/europol', ready: 'mark.quote' },
  // An instrument with a long history: acts' titles, URLs and quotes that must wrap on a phone.
  { name: 'instrument', path: '/entity/etias', ready: '.history-entry.external' },
  { name: 'document', path: '/document/val-duchesse-ii-2018', ready: 'mark.commitment' },
  { name: 'graph', path: '/graph?focus=pnr', ready: '[data-testid="canvas"]:not([data-node-count="0"])' },
  { name: 'commitments', path: '/commitments', ready: 'table.commitments tbody tr' },
  { name: 'timeline', path: '/timeline', ready: '.timeline-event' },
  { name: 'ide', path: '/ide', ready: '.graphiql-container .CodeMirror' },
] as const;
