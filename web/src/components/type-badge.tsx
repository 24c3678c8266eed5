import type { NodeType } from '../api/generated.ts';
import { NODE_TYPES } from './node-types.ts';

export function TypeBadge({ type }: { type: NodeType }) {
  return (
    <span className="type-badge" style={{ background: NODE_TYPES[type].color }}>
      {NODE_TYPES[type].label}
    </span>
  );
}
