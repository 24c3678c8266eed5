import { planDate, type GraphPlan } from '../../../src/graph/graph-plan.ts';

/** A small plan in the model's shape: one document, two passages, a few entities and facts. */
export function smallPlan(): GraphPlan {
  return {
    nodes: [
      {
        id: 'doc-1',
        label: 'Document',
        properties: { name: 'Doc one', title: 'Joint statement one', date: planDate('2018-06-11'), dateBasis: 'EXTERNAL', aliases: [] },
      },
      {
        id: 'doc-1#p01',
        label: 'Passage',
        properties: { documentId: 'doc-1', section: 'Preamble', order: 1, kind: 'PARAGRAPH', text: 'France and Belgium met today.', start: 0, end: 29 },
      },
      {
        id: 'doc-1#p02',
        label: 'Passage',
        properties: { documentId: 'doc-1', section: 'Preamble', order: 2, kind: 'BULLET', text: 'We will strengthen the Schengen Information System.', start: 31, end: 82 },
      },
      { id: 'FR', label: 'Country', properties: { name: 'France', aliases: ['French Republic', 'République française'] } },
      { id: 'BE', label: 'Country', properties: { name: 'Belgium', aliases: ['Kingdom of Belgium'] } },
      { id: 'sis', label: 'Instrument', properties: { name: 'Schengen Information System', aliases: ['SIS'], kind: 'INFORMATION_SYSTEM' } },
      {
        id: 'c-strengthen-sis',
        label: 'Commitment',
        properties: {
          name: 'Strengthen SIS',
          summary: 'Strengthen the Schengen Information System.',
          quote: 'We will strengthen the Schengen Information System.',
          verbPhrase: 'will strengthen',
          modality: 'ACT',
          section: 'Preamble',
        },
      },
      {
        id: 'meeting-1',
        label: 'Event',
        properties: { name: 'Meeting one', kind: 'MEETING', date: planDate('2018-06-11'), dateText: 'today', dateBasis: 'EXTERNAL' },
      },
    ],
    relationships: [
      { type: 'PART_OF', from: 'doc-1#p01', to: 'doc-1', key: '', properties: {} },
      { type: 'PART_OF', from: 'doc-1#p02', to: 'doc-1', key: '', properties: {} },
      { type: 'MENTIONED_IN', from: 'FR', to: 'doc-1#p01', key: 'France', properties: { quote: 'France', documentId: 'doc-1' } },
      { type: 'MENTIONED_IN', from: 'BE', to: 'doc-1#p01', key: 'Belgium', properties: { quote: 'Belgium', documentId: 'doc-1' } },
      {
        type: 'PARTY_TO',
        from: 'FR',
        to: 'c-strengthen-sis',
        key: 'doc-1#p01|France and Belgium',
        properties: { role: 'PARTY', documentId: 'doc-1', passageId: 'doc-1#p01', quote: 'France and Belgium' },
      },
      {
        type: 'PARTY_TO',
        from: 'BE',
        to: 'c-strengthen-sis',
        key: 'doc-1#p01|France and Belgium',
        properties: { role: 'PARTY', documentId: 'doc-1', passageId: 'doc-1#p01', quote: 'France and Belgium' },
      },
      {
        type: 'CONCERNS',
        from: 'c-strengthen-sis',
        to: 'sis',
        key: 'doc-1#p02|Schengen Information System',
        properties: { documentId: 'doc-1', passageId: 'doc-1#p02', quote: 'Schengen Information System' },
      },
      // A parallel relationship: same type and endpoints, another key.
      {
        type: 'CONCERNS',
        from: 'c-strengthen-sis',
        to: 'sis',
        key: 'doc-1#p02|strengthen the Schengen',
        properties: { documentId: 'doc-1', passageId: 'doc-1#p02', quote: 'strengthen the Schengen' },
      },
      { type: 'RECORDS', from: 'doc-1', to: 'meeting-1', key: '', properties: { documentId: 'doc-1', passageId: 'doc-1#p01', quote: 'met today' } },
    ],
  };
}
