/** Every export format, in the order `--help` lists them. Kept apart so the CLI can list them without loading the exporters. */
export const EXPORT_FORMATS = ['graphml', 'tables', 'parquet', 'json', 'jsonl', 'cypher', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** The formats that write several files into the --out directory. */
export const DIRECTORY_FORMATS = ['csv', 'tables', 'parquet'] as const satisfies readonly ExportFormat[];
export type DirectoryFormat = (typeof DIRECTORY_FORMATS)[number];

export const isDirectoryFormat = (format: ExportFormat): format is DirectoryFormat => (DIRECTORY_FORMATS as readonly string[]).includes(format);
