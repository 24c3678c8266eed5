import type { NodeType } from '../api/generated.ts';

export interface MentionInput {
  quote: string;
  quoteStart: number | null;
  node: { id: string; name: string; type: NodeType };
}

export interface Span {
  start: number;
  end: number;
  nodes: MentionInput['node'][];
}

/** A stretch of passage text with the innermost mention and the commitments covering it. */
export interface Piece {
  text: string;
  start: number;
  mention?: Span;
  commitments: Span[];
}

/**
 * Cuts a passage into pieces so that overlapping highlights stay readable: commitments (long
 * clauses) are shaded around the pieces, and inside them the shortest mention covering a piece
 * is the link. Mentions of several nodes with the same span share one highlight.
 */
export function cutPassage(text: string, mentions: MentionInput[]): Piece[] {
  const spans = new Map<string, Span & { commitment: boolean }>();
  for (const m of mentions) {
    const start = m.quoteStart != null && text.startsWith(m.quote, m.quoteStart) ? m.quoteStart : text.indexOf(m.quote);
    if (start < 0 || m.quote.length === 0) continue;
    const commitment = m.node.type === 'Commitment';
    const key = `${start}:${m.quote.length}:${commitment}`;
    const span = spans.get(key) ?? { start, end: start + m.quote.length, nodes: [], commitment };
    span.nodes.push(m.node);
    spans.set(key, span);
  }
  const all = [...spans.values()];
  const cuts = [...new Set([0, text.length, ...all.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const covering = all.filter((s) => s.start <= start && s.end >= end);
    const mention = covering.filter((s) => !s.commitment).sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const commitments = covering.filter((s) => s.commitment);
    const previous = pieces[pieces.length - 1];
    if (previous && previous.mention === mention && sameSpans(previous.commitments, commitments)) {
      previous.text += text.slice(start, end);
    } else {
      pieces.push({ text: text.slice(start, end), start, mention, commitments });
    }
  }
  return pieces;
}

function sameSpans(a: Span[], b: Span[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
