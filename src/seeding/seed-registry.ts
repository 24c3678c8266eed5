/**
 * Every id the seed defines, with its label and where it is defined: ids are unique across the
 * whole graph, the first definition wins, and later ones are problems.
 */
import type { NodeLabel } from '../graph/graph-plan.ts';
import type { FieldPath, ProblemCollector, RecordOrigin } from './seed-problems.ts';

export interface Registered {
  id: string;
  label: NodeLabel;
  kind?: string;
  /** A commitment's `novelty`: only a RESTATED one may RECALLS an earlier text or event. */
  novelty?: string;
  origin: RecordOrigin;
  /** The document whose file defines it; undefined for reference files. */
  documentId?: string;
  /** The record failed its schema: known only so that its id neither dangles nor duplicates. */
  invalid?: boolean;
}

export class SeedRegistry {
  private readonly entries = new Map<string, Registered>();

  constructor(private readonly collect: ProblemCollector) {}

  register(entry: Registered): void {
    const existing = this.entries.get(entry.id);
    if (existing === undefined) {
      this.entries.set(entry.id, entry);
      return;
    }
    const line = existing.origin.yaml.lineOf(existing.origin.path);
    const where = `${existing.origin.yaml.file}${line === undefined ? '' : `:${line}`}`;
    this.collect.add('DUPLICATE_ID', entry.origin, ['id'], `id ${entry.id} is already used by a ${existing.label} in ${where}`);
  }

  get(id: string): Registered | undefined {
    return this.entries.get(id);
  }

  /** Whether `origin` is the record that registered `id` (a duplicate adds nothing). */
  isFirstDefinition(id: string, origin: RecordOrigin): boolean {
    return this.entries.get(id)?.origin === origin;
  }

  /** The node a link end names, or undefined with a problem (none for an invalid record: reported already). */
  resolveEndpoint(id: string, origin: RecordOrigin, field: FieldPath): Registered | undefined {
    const found = this.entries.get(id);
    if (found === undefined) {
      this.collect.add('DANGLING_LINK', origin, field, `links to ${id}, which no seed file defines`);
      return undefined;
    }
    if (found.invalid === true) return undefined;
    if (found.label === 'Reference') {
      this.collect.add('LINK_ENDPOINT', origin, field, `${id} is a Reference; name references in external entries, not links`);
      return undefined;
    }
    return found;
  }
}
