/** What an importer needs beside the CSV files: which file holds what, and the schema. */
export interface CsvManifest {
  format: 'entente-csv';
  version: 1;
  arrayDelimiter: string;
  nodeFiles: { file: string; labels: string[]; count: number }[];
  relationshipFiles: { file: string; type: string; count: number }[];
  constraints: string[];
  indexes: string[];
  keyLabels: string[];
}

export const MANIFEST_FILE = 'manifest.json';
