/** How `entente cypher` prints rows. Kept apart so the CLI can list them without loading the writers. */
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
