/** What the steps that build the seed's plan share while they run. */
import type { PlannedRelationships } from './planned-relationships.ts';
import type { ProblemCollector } from './seed-problems.ts';
import type { SeedRegistry } from './seed-registry.ts';

export interface SeedPlanState {
  collect: ProblemCollector;
  registry: SeedRegistry;
  relationships: PlannedRelationships;
}
