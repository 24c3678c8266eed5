import { describe, expect, test } from 'vitest';
import { propertyProvenance, type NodeMention } from '../../../src/server/graph-queries/property-provenance.ts';

const passage = { id: 'doc#p02', section: 'Preamble', order: 2, text: 'The entry into force on 25 May of the European PNR marks a step.' };
const mention: NodeMention = {
  quote: 'The entry into force on 25 May of the European PNR',
  quoteStart: 0,
  quoteEnd: 50,
  passage,
  document: { id: 'doc', title: 'Doc' },
};
const event = { kind: 'ENTRY_INTO_FORCE', date: '2018-05-25', dateText: '25 May', dateBasis: 'YEAR_INFERRED' };

describe('propertyProvenance: every property answers like a relationship', () => {
  test('a date whose year is inferred is an INFERENCE by YEAR_FROM_DOCUMENT_DATE, quoting its dateText at its offsets', () => {
    expect(propertyProvenance('Event', 'date', event, [mention], [])).toMatchObject({
      basis: 'INFERENCE',
      rule: 'YEAR_FROM_DOCUMENT_DATE',
      quote: '25 May',
      quoteStart: 24,
      quoteEnd: 30,
      passage: { id: 'doc#p02' },
      documentId: 'doc',
    });
  });

  test('a period is an INFERENCE by PERIOD_END; a stated date is TEXT', () => {
    expect(propertyProvenance('Event', 'date', { ...event, dateBasis: 'APPROXIMATE' }, [mention], [])).toMatchObject({ basis: 'INFERENCE', rule: 'PERIOD_END' });
    expect(propertyProvenance('Event', 'date', { ...event, dateBasis: 'STATED' }, [mention], [])).toMatchObject({ basis: 'TEXT', rule: null, quote: '25 May' });
  });

  test('a property a reference vouches for is EXTERNAL with that reference, whatever the text says', () => {
    const reference = { id: 'celex', title: 'Directive', url: 'https://eur-lex.europa.eu/', fields: ['kind', 'date'] };
    expect(propertyProvenance('Event', 'kind', event, [mention], [reference])).toMatchObject({
      basis: 'EXTERNAL',
      referenceId: 'celex',
      reference: { url: 'https://eur-lex.europa.eu/' },
      passage: null,
    });
  });

  test('any other property quotes the first mention; a source node has none', () => {
    expect(propertyProvenance('Event', 'kind', event, [mention], [])).toMatchObject({ basis: 'TEXT', quote: mention.quote, quoteStart: 0, quoteEnd: 50 });
    expect(propertyProvenance('Passage', 'text', { text: passage.text }, [], [])).toBeNull();
    expect(propertyProvenance('Topic', 'name', {}, [], [])).toBeNull();
  });

  test('a commitment’s modality is evidenced by its verb phrase, found in its own passage whatever the capitals', () => {
    const own: NodeMention = { ...mention, quote: 'To keep up our exchanges', passage: { ...passage, id: 'doc#p05', text: 'To keep up our exchanges.' } };
    const commitment = { quote: 'To keep up our exchanges', verbPhrase: 'to keep up', modality: 'ACT' };
    expect(propertyProvenance('Commitment', 'modality', commitment, [mention, own], [])).toMatchObject({
      basis: 'TEXT',
      quote: 'To keep up',
      quoteStart: 0,
      quoteEnd: 10,
      passageId: 'doc#p05',
    });
  });
});
