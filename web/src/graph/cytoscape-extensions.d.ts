declare module 'cytoscape-svg' {
  const extension: cytoscape.Ext;
  export default extension;
}

declare module 'cytoscape-fcose' {
  const extension: cytoscape.Ext;
  export default extension;
}
