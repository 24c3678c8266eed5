/** The attacks from issue 9, as documents: reproductions for the tests and the load bench. */

/**
 * `countries(where: { partyTo: { some: { parties: { some: ... } } } })` with `levels` relationship
 * filters nested, ending in a condition no node meets: Neo4j must then try every path.
 */
export function nestedFilterQuery(levels: number): string {
  const leaf = '{ id: { eq: "no-such-node" } }';
  const country = (n: number): string => (n === 0 ? leaf : `{ partyTo: { some: ${commitment(n - 1)} } }`);
  const commitment = (n: number): string => (n === 0 ? leaf : `{ parties: { some: ${country(n - 1)} } }`);
  return `{ countries(where: ${country(levels)}) { name } }`;
}

/** `topics { commitments { topics ... } }` nested `levels` deep. */
export function deepSelectionQuery(levels: number): string {
  let selection = 'name';
  for (let level = 0; level < levels; level += 1) selection = level % 2 === 0 ? `topics { ${selection} }` : `commitments { ${selection} }`;
  return `{ topics { ${selection} } }`;
}

/** Three round trips of countries -> partyTo -> parties: the 43 MB answer. */
export const FANOUT_QUERY = '{ countries { name partyTo { name parties { name partyTo { name parties { name partyTo { name } } } } } } }';

/** `count` aliases of the widest neighbourhood. */
export function aliasesQuery(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `n${i}:neighbourhood(id:"FR",depth:3,limit:500){nodes{id}}`);
  return `{${fields.join(' ')}}`;
}
