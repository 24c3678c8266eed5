import { describe, expect, it } from 'vitest';
import { cutPassage, type MentionInput } from '../../../web/src/components/passage-highlights.ts';

const text = 'We pledge to build on the efforts our two Governments have taken.';
const mention = (quote: string, id: string, type: MentionInput['node']['type'], quoteStart: number | null = null): MentionInput => ({
  quote,
  quoteStart,
  node: { id, name: id, type },
});

describe('cutPassage', () => {
  it('gives back the whole text, pieces in order', () => {
    const pieces = cutPassage(text, [mention('our two Governments', 'be-gov', 'Organisation')]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
    expect(pieces.find((p) => p.mention)?.text).toBe('our two Governments');
  });

  it('lets two nodes named by the same span share one highlight', () => {
    const pieces = cutPassage(text, [mention('our two Governments', 'be-gov', 'Organisation'), mention('our two Governments', 'fr-gov', 'Organisation')]);
    const highlighted = pieces.filter((p) => p.mention);
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0]!.mention!.nodes.map((n) => n.id)).toEqual(['be-gov', 'fr-gov']);
  });

  it('shades a commitment around the mentions inside it, which keep their own links', () => {
    const pieces = cutPassage(text, [mention('We pledge to build on the efforts our two Governments have taken', 'c-build', 'Commitment', 0), mention('our two Governments', 'be-gov', 'Organisation')]);
    expect(pieces.filter((p) => p.commitments.length > 0).map((p) => p.text).join('')).toBe('We pledge to build on the efforts our two Governments have taken');
    const inner = pieces.find((p) => p.mention);
    expect(inner?.text).toBe('our two Governments');
    expect(inner?.commitments[0]?.nodes[0]?.id).toBe('c-build');
    expect(pieces[pieces.length - 1]).toMatchObject({ text: '.', commitments: [] });
  });

  it('uses quoteStart when the quote occurs more than once', () => {
    const repeated = 'Europol and Europol.';
    const pieces = cutPassage(repeated, [mention('Europol', 'europol', 'Organisation', 12)]);
    expect(pieces.find((p) => p.mention)?.start).toBe(12);
  });

  it('skips a quote the passage does not contain instead of marking the wrong text', () => {
    const pieces = cutPassage(text, [mention('not in the text', 'x', 'Topic')]);
    expect(pieces).toEqual([{ text, start: 0, mention: undefined, commitments: [] }]);
  });
});
