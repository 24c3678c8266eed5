import { describe, expect, it } from 'vitest';
import { ENTITY_QUERY } from '../../../../src/server/graph-queries/find-entity.ts';
import {
  NEIGHBOURHOOD_CENTRE_QUERY,
  NEIGHBOURHOOD_GRAPH_QUERY,
  NEIGHBOURHOOD_MORE_QUERY,
  NEIGHBOURHOOD_RING_QUERY,
} from '../../../../src/server/graph-queries/find-neighbourhood.ts';
import { countCommitmentsQuery } from '../../../../src/server/graph-queries/count-commitments.ts';
import { pathsQuery } from '../../../../src/server/graph-queries/find-path.ts';
import { FOLLOW_THROUGH_QUERY } from '../../../../src/server/graph-queries/read-follow-through.ts';
import { LIFECYCLE_QUERY } from '../../../../src/server/graph-queries/read-lifecycle.ts';
import { TIMELINE_QUERY } from '../../../../src/server/graph-queries/read-timeline.ts';
import { MENTIONS_QUERY, SEARCH_QUERY } from '../../../../src/server/graph-queries/search-graph.ts';

/**
 * The Cypher each analyst query sends, pinned without a database (the integration tests check
 * what it returns): a change here is a change of the query, to be reviewed as one.
 */
describe('the Cypher of the analyst queries', () => {
  it('entity', () => {
    expect(ENTITY_QUERY).toMatchInlineSnapshot(`
      "CALL { MATCH (found:Entity {id: $id}) RETURN found
          UNION MATCH (found:Source {id: $id}) RETURN found }
        WITH found AS n
        OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(p:Passage)
        OPTIONAL MATCH (p)-[:PART_OF]->(d:Document)
        WITH n, m, p, d ORDER BY d.id, p.order, m.quoteStart, m.quote
        WITH n, collect(CASE WHEN p IS NULL THEN null ELSE {
          quote: m.quote, quoteStart: m.quoteStart, quoteEnd: m.quoteEnd,
          passage: {id: p.id, section: p.section, order: p.order, text: p.text},
          document: CASE WHEN d IS NULL THEN null ELSE {id: d.id, title: d.title} END
        } END) AS mentions
        OPTIONAL MATCH (n)-[e:EXTERNAL_SOURCE]->(r:Reference)
        WITH n, mentions, r, e ORDER BY r.id, coalesce(e.quote, ''), coalesce(e.fields, [])
        WITH n, mentions, collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, title: r.title, url: r.url, fields: coalesce(e.fields, [])} END) AS references
        OPTIONAL MATCH (n)-[rel]-(other)
        WHERE NOT type(rel) IN $structural AND other.id IS NOT NULL
        WITH n, mentions, references, rel, other
        ORDER BY type(rel), other.id, coalesce(rel.referenceId, ''), coalesce(rel.passageId, ''), coalesce(rel.quote, '')
        WITH n, mentions, references, collect(CASE WHEN rel IS NULL THEN null ELSE {
          type: type(rel), outgoing: startNode(rel) = n, other: {id: other.id, labels: labels(other), name: coalesce(other.name, other.title, other.id)}, properties: properties(rel),
          passage: COLLECT { MATCH (pp:Passage {id: rel.passageId}) RETURN pp {.id, .section, .order, .text} }[0],
         document: COLLECT { MATCH (pd:Document {id: rel.documentId}) RETURN pd {.id, .title} }[0],
         reference: COLLECT { MATCH (pr:Reference {id: rel.referenceId}) RETURN pr {.id, .title, .url} }[0]
        } END) AS links
        RETURN labels(n) AS labels, properties(n) AS properties, mentions, references, links"
    `);
  });

  it('neighbourhood, breadth-first: the centre, each ring within the budget, the graph kept', () => {
    expect(NEIGHBOURHOOD_CENTRE_QUERY).toMatchInlineSnapshot(`
      "CALL { MATCH (found:Entity {id: $id}) RETURN found
          UNION MATCH (found:Source {id: $id}) RETURN found }
        WITH found AS centre
        RETURN elementId(centre) AS elementId"
    `);
    expect(NEIGHBOURHOOD_RING_QUERY).toMatchInlineSnapshot(`
      "UNWIND $frontier AS fromElement
        MATCH (from) WHERE elementId(from) = fromElement
        MATCH (from)-[r]-(other)
        WHERE NOT type(r) IN $structural AND other.id IS NOT NULL AND NOT elementId(other) IN $seen
        WITH DISTINCT other
        ORDER BY other.id
        LIMIT $take
        RETURN elementId(other) AS elementId"
    `);
    expect(NEIGHBOURHOOD_MORE_QUERY).toMatchInlineSnapshot(`
      "UNWIND $frontier AS fromElement
        MATCH (from) WHERE elementId(from) = fromElement
        MATCH (from)-[r]-(other)
        WHERE NOT type(r) IN $structural AND other.id IS NOT NULL AND NOT elementId(other) IN $seen
        WITH other LIMIT 1
        RETURN count(other) > 0 AS more"
    `);
    expect(NEIGHBOURHOOD_GRAPH_QUERY).toMatchInlineSnapshot(`
      "UNWIND range(0, size($kept) - 1) AS position
        MATCH (n) WHERE elementId(n) = $kept[position]
        WITH n ORDER BY position
        WITH collect(n) AS nodes
        CALL (nodes) {
          UNWIND nodes AS a
          MATCH (a)-[r]->(b)
          WHERE NOT type(r) IN $structural AND b IN nodes
          WITH r ORDER BY startNode(r).id, type(r), endNode(r).id, coalesce(r.passageId, ''), coalesce(r.referenceId, ''), coalesce(r.quoteStart, -1), coalesce(r.quote, '')
          RETURN collect({source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r), passage: COLLECT { MATCH (pp:Passage {id: r.passageId}) RETURN pp {.id, .section, .order, .text} }[0],
         document: COLLECT { MATCH (pd:Document {id: r.documentId}) RETURN pd {.id, .title} }[0],
         reference: COLLECT { MATCH (pr:Reference {id: r.referenceId}) RETURN pr {.id, .title, .url} }[0]}) AS edges
        }
        RETURN [n IN nodes | {id: n.id, labels: labels(n), name: coalesce(n.name, n.title, n.id)}] AS nodes, edges"
    `);
  });

  it('paths, with the validated k and maximum length inlined, through commitments only', () => {
    expect(pathsQuery(3, 4, 'COMMITMENTS')).toMatchInlineSnapshot(`
      "CALL { MATCH (found:Entity {id: $from}) RETURN found
          UNION MATCH (found:Source {id: $from}) RETURN found }
        WITH found AS a
        CALL { MATCH (found:Entity {id: $to}) RETURN found
          UNION MATCH (found:Source {id: $to}) RETURN found }
        WITH a, found AS b
        MATCH p = SHORTEST 3 GROUPS (a)(()-[r WHERE NOT type(r) IN $structural]-(step WHERE step = b OR (
          NOT step.id IN $excludeIds AND none(label IN labels(step) WHERE label IN $excludeTypes) AND step:Commitment
        ))){1,4}(b)
        WITH p ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)],
          [r IN relationships(p) | [coalesce(r.passageId, ''), coalesce(r.referenceId, ''), coalesce(r.quote, '')]] LIMIT 3
        RETURN [n IN nodes(p) | {id: n.id, labels: labels(n), name: coalesce(n.name, n.title, n.id)}] AS nodes,
               [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r), passage: COLLECT { MATCH (pp:Passage {id: r.passageId}) RETURN pp {.id, .section, .order, .text} }[0],
         document: COLLECT { MATCH (pd:Document {id: r.documentId}) RETURN pd {.id, .title} }[0],
         reference: COLLECT { MATCH (pr:Reference {id: r.referenceId}) RETURN pr {.id, .title, .url} }[0]}] AS edges"
    `);
  });

  it('paths through any node', () => {
    expect(pathsQuery(1, 6, 'ANY')).toContain('SHORTEST 1 GROUPS');
    expect(pathsQuery(1, 6, 'ANY')).not.toContain('step:Commitment');
  });

  it('timeline', () => {
    expect(TIMELINE_QUERY).toMatchInlineSnapshot(`
      "MATCH (event:Event)
        WHERE event.date IS NOT NULL
          AND ($from IS NULL OR event.date >= date($from))
          AND ($to IS NULL OR event.date <= date($to))
        OPTIONAL MATCH (event)-[:CONCERNS|STEP_OF]->(concerned)
        WITH event, concerned ORDER BY concerned.id
        WITH event, collect(DISTINCT {id: concerned.id, labels: labels(concerned), name: coalesce(concerned.name, concerned.title, concerned.id)}) AS concerns
        RETURN event {.id, .name, .kind, .date, .endDate, .dateText, .dateBasis, .yearInferred} AS event, concerns,
          EXISTS { (event)-[:MENTIONED_IN]->(:Passage) } AS fromText
        ORDER BY event.date, event.id"
    `);
  });

  it('search', () => {
    expect(SEARCH_QUERY).toMatchInlineSnapshot(`
      "CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
        WITH node, score ORDER BY score DESC, node.id LIMIT $candidates
        RETURN labels(node) AS labels, node.id AS id, coalesce(node.name, node.title, node.id) AS name, score,
               node {.name, .aliases, .title, .summary, .quote, .description, .text, .documentId, .section, .order} AS fields"
    `);
  });

  it('the mentions explaining search hits', () => {
    expect(MENTIONS_QUERY).toMatchInlineSnapshot(`
      "UNWIND $ids AS id
        MATCH (node:Entity {id: id})-[m:MENTIONED_IN]->(p:Passage)
        WITH id, m, p ORDER BY p.documentId, p.order, m.quoteStart, m.quote
        RETURN id, collect({id: p.id, documentId: p.documentId, section: p.section, order: p.order, text: p.text, quote: m.quote}) AS mentions"
    `);
  });

  it('commitment counts, by topic', () => {
    expect(countCommitmentsQuery('TOPIC')).toMatchInlineSnapshot(`
      "MATCH (c:Commitment) WHERE $ids IS NULL OR c.id IN $ids
        WITH collect(c) AS selected
        UNWIND selected AS c
        WITH c, selected
        WHERE $countNearDuplicates OR NOT EXISTS { (c)-[:NEAR_DUPLICATE_OF]->(original:Commitment) WHERE original IN selected }
        WITH c, COLLECT { MATCH (c)-[:ON_TOPIC]->(x:Topic) RETURN DISTINCT {key: x.id, label: x.name} AS g } AS groups
        UNWIND CASE size(groups) WHEN 0 THEN [{key: $none, label: $none}] ELSE groups END AS g
        RETURN c.id AS id, g.key AS key, g.label AS label"
    `);
  });

  it('lifecycle (instrumentStatus, instrumentHistory, statusChanges)', () => {
    expect(LIFECYCLE_QUERY).toMatchInlineSnapshot(`
      "MATCH (i:Instrument)
         WHERE $ids IS NULL OR i.id IN $ids
         OPTIONAL MATCH (i)<-[:SUCCEEDED_BY*0..3]-(:Instrument)-[:MENTIONED_IN]->(:Passage)-[:PART_OF]->(d:Document)
         WITH i, min(d.date) AS statementDate
         OPTIONAL MATCH (i)-[:SUCCEEDED_BY]->(next:Instrument)
         WITH i, statementDate, next ORDER BY next.id
         WITH i, statementDate, collect({id: next.id, labels: labels(next), name: coalesce(next.name, next.title, next.id)}) AS successors
         OPTIONAL MATCH (e:Event)-[s:STEP_OF]->(i)
         OPTIONAL MATCH (e)-[x:EXTERNAL_SOURCE]->(r:Reference)
         WITH i, statementDate, successors, e, s, x, r ORDER BY coalesce(x.primary, false) DESC, r.id, x.quote
         WITH i, statementDate, successors, e, s,
              collect(CASE WHEN r IS NULL THEN null ELSE {referenceId: r.id, title: r.title, url: r.url, sourceKind: r.sourceKind,
                      quote: x.quote, primary: coalesce(x.primary, false)} END) AS sources
         WITH i, statementDate, successors, e, s, sources ORDER BY e.date, e.id
         WITH i, statementDate, successors,
              collect(CASE WHEN e IS NULL THEN null ELSE {id: e.id, name: e.name, kind: e.kind, stage: e.stage, date: e.date,
                      datePrecision: e.datePrecision, act: e.act, celex: e.celex, role: s.role, status: s.status, ruling: e.ruling,
                      sources: sources} END) AS steps
         RETURN {id: i.id, labels: labels(i), name: coalesce(i.name, i.title, i.id)} AS instrument, i.kind AS kind, i.status AS statusAtStatement, statementDate, successors, steps
         ORDER BY i.id"
    `);
  });

  it('followThrough', () => {
    expect(FOLLOW_THROUGH_QUERY).toMatchInlineSnapshot(`
      "MATCH (c:Commitment)-[:CONCERNS]->(i:Instrument)
         WHERE i.kind IN $kinds AND (c.modality IN $modalities OR c.section IN $sections)
         MATCH (c)-[m:MENTIONED_IN]->(p:Passage)-[:PART_OF]->(d:Document)
         WHERE m.quote = c.quote
         WITH c, p, d, i ORDER BY i.id
         RETURN {id: c.id, labels: labels(c), name: coalesce(c.name, c.title, c.id)} AS commitment, c.modality AS modality, c.quote AS quote, p.id AS passageId,
                d.id AS documentId, d.date AS statementDate, collect(DISTINCT i.id) AS instruments
         ORDER BY commitment.id, passageId"
    `);
  });
});
