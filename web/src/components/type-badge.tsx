import { nodeTypeStyle } from './node-types.ts';

/** The type's name on its colour; a type the bundle does not know gets the neutral style. */
export function TypeBadge({ type }: { type: string }) {
  const style = nodeTypeStyle(type);
  return (
    <span className="type-badge" style={{ background: style.color }}>
      {style.label}
    </span>
  );
}
