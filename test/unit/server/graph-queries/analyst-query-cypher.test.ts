import { describe, expect, it } from 'vitest';
import { ENTITY_QUERY } from '../../../../src/server/graph-queries/find-entity.ts';
import { neighbourhoodQuery } from '../../../../src/server/graph-queries/find-neighbourhood.ts';
import { pathQuery } from '../../../../src/server/graph-queries/find-path.ts';
import { FOLLOW_THROUGH_QUERY } from '../../../../src/server/graph-queries/read-follow-through.ts';
import { LIFECYCLE_QUERY } from '../../../../src/server/graph-queries/read-lifecycle.ts';
import { TIMELINE_QUERY } from '../../../../src/server/graph-queries/read-timeline.ts';
import { SEARCH_QUERY } from '../../../../src/server/graph-queries/search-graph.ts';

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
        WITH n, m, p, d ORDER BY d.id, p.order
        WITH n, collect(CASE WHEN p IS NULL THEN null ELSE {
          quote: m.quote,
          passage: {id: p.id, section: p.section, order: p.order, text: p.text},
          document: CASE WHEN d IS NULL THEN null ELSE {id: d.id, title: d.title} END
        } END) AS mentions
        OPTIONAL MATCH (n)-[e:EXTERNAL_SOURCE]->(r:Reference)
        WITH n, mentions, r, e ORDER BY r.id
        WITH n, mentions, collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, title: r.title, url: r.url, fields: coalesce(e.fields, [])} END) AS references
        OPTIONAL MATCH (n)-[rel]-(other)
        WHERE NOT type(rel) IN $structural AND other.id IS NOT NULL
        WITH n, mentions, references, rel, other ORDER BY type(rel), other.id
        WITH n, mentions, references, collect(CASE WHEN rel IS NULL THEN null ELSE {
          type: type(rel), outgoing: startNode(rel) = n, other: {id: other.id, labels: labels(other), name: coalesce(other.name, other.title, other.id)}, properties: properties(rel)
        } END) AS links
        RETURN labels(n) AS labels, properties(n) AS properties, mentions, references, links"
    `);
  });

  it('neighbourhood, with the validated depth inlined', () => {
    expect(neighbourhoodQuery(2)).toMatchInlineSnapshot(`
      "CALL { MATCH (found:Entity {id: $id}) RETURN found
          UNION MATCH (found:Source {id: $id}) RETURN found }
        WITH found AS centre
        OPTIONAL MATCH path = (centre)-[rels*1..2]-(other)
        WHERE other <> centre AND other.id IS NOT NULL AND none(r IN rels WHERE type(r) IN $structural)
        WITH centre, other, min(length(path)) AS distance
        ORDER BY distance, other.id
        WITH centre, [o IN collect(other) WHERE o IS NOT NULL] AS others
        WITH centre, others[0..$limit - 1] AS kept, size(others) >= $limit AS truncated
        WITH [centre] + kept AS nodes, truncated
        CALL {
          WITH nodes
          UNWIND nodes AS a
          MATCH (a)-[r]->(b)
          WHERE b IN nodes AND NOT type(r) IN $structural
          WITH r ORDER BY startNode(r).id, type(r), endNode(r).id
          RETURN collect({source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)}) AS edges
        }
        RETURN [n IN nodes | {id: n.id, labels: labels(n), name: coalesce(n.name, n.title, n.id)}] AS nodes, edges, truncated"
    `);
  });

  it('path, with the validated maximum length inlined', () => {
    expect(pathQuery(4)).toMatchInlineSnapshot(`
      "CALL { MATCH (found:Entity {id: $from}) RETURN found
          UNION MATCH (found:Source {id: $from}) RETURN found }
        WITH found AS a
        CALL { MATCH (found:Entity {id: $to}) RETURN found
          UNION MATCH (found:Source {id: $to}) RETURN found }
        WITH a, found AS b
        MATCH p = allShortestPaths((a)-[*..4]-(b))
        WHERE none(r IN relationships(p) WHERE type(r) IN $structural)
        WITH p ORDER BY [n IN nodes(p) | n.id], [r IN relationships(p) | type(r)] LIMIT 1
        RETURN [n IN nodes(p) | {id: n.id, labels: labels(n), name: coalesce(n.name, n.title, n.id)}] AS nodes,
               [r IN relationships(p) | {source: startNode(r).id, target: endNode(r).id, type: type(r), properties: properties(r)}] AS edges"
    `);
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
        RETURN event {.id, .name, .kind, .date, .endDate, .dateText, .dateBasis} AS event, concerns,
          EXISTS { (event)-[:MENTIONED_IN]->(:Passage) } AS fromText
        ORDER BY event.date, event.id"
    `);
  });

  it('search', () => {
    expect(SEARCH_QUERY).toMatchInlineSnapshot(`
      "CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
        WHERE any(label IN labels(node) WHERE label IN $types)
        WITH node, score + CASE
          WHEN any(name IN [node.name] + coalesce(node.aliases, []) WHERE toLower(name) = $wanted) THEN $exactBonus
          ELSE 0 END AS score
        RETURN labels(node) AS labels, node.id AS id, coalesce(node.name, node.title, node.id) AS name, score
        ORDER BY score DESC, id ASC
        LIMIT $limit"
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
                      datePrecision: e.datePrecision, act: e.act, celex: e.celex, role: s.role, status: s.status, sources: sources} END) AS steps
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
         ORDER BY commitment.id"
    `);
  });
});
