/** The plan's relationships by identity: the same identity twice is the same fact given twice. */
import type { PlannedRelationship } from '../graph/graph-plan.ts';
import type { FieldPath, ProblemCollector, RecordOrigin } from './seed-problems.ts';

export class PlannedRelationships {
  private readonly byIdentity = new Map<string, PlannedRelationship>();

  constructor(private readonly collect: ProblemCollector) {}

  /** Adds a relationship a record states; a repeat is a DUPLICATE_RELATIONSHIP problem. */
  add(relationship: PlannedRelationship, origin: RecordOrigin, field: FieldPath): void {
    if (!this.put(relationship)) {
      const { type, from, to } = relationship;
      this.collect.add('DUPLICATE_RELATIONSHIP', origin, field, `${type} from ${from} to ${to} with this passage and quote is already given`);
    }
  }

  /** Adds a relationship the plan derives (structure, sources); false when it is there already. */
  put(relationship: PlannedRelationship): boolean {
    const identity = `${relationship.from}|${relationship.type}|${relationship.to}|${relationship.key}`;
    if (this.byIdentity.has(identity)) return false;
    this.byIdentity.set(identity, relationship);
    return true;
  }

  list(): PlannedRelationship[] {
    return [...this.byIdentity.values()];
  }
}
