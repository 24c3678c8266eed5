// The explorer's only view of the API: one typed function per operation, so a change of the API
// touches this file and the .graphql operations, not the views.
import { request } from './client.ts';
import type {
  CommitmentsQuery,
  DocumentReaderQuery,
  DocumentReaderQueryVariables,
  DocumentsQuery,
  EntityQuery,
  EntityQueryVariables,
  InstrumentHistoryQuery,
  InstrumentHistoryQueryVariables,
  InstrumentStatusQuery,
  InstrumentStatusQueryVariables,
  MeetingsQuery,
  NeighbourhoodQuery,
  NodeType,
  NeighbourhoodQueryVariables,
  PassagesQuery,
  PassagesQueryVariables,
  PathQuery,
  PathQueryVariables,
  SearchQuery,
  SearchQueryVariables,
  SourceKind,
  TimelineQuery,
  TimelineQueryVariables,
} from './generated.ts';
import commitmentsDocument from './operations/commitments.graphql?raw';
import documentDocument from './operations/document.graphql?raw';
import entityDocument from './operations/entity.graphql?raw';
import graphDocument from './operations/graph.graphql?raw';
import instrumentDocument from './operations/instrument.graphql?raw';
import passagesDocument from './operations/passages.graphql?raw';
import searchDocument from './operations/search.graphql?raw';
import timelineDocument from './operations/timeline.graphql?raw';

export type SearchHit = SearchQuery['search']['hits'][number];
/** What a picker or a path end needs of a node. */
export type EntityRef = Pick<SearchHit, 'id' | 'name' | 'type'>;
export type EntityDetail = NonNullable<EntityQuery['entity']>;
export type EntityLink = EntityDetail['links'][number];
export type Passage = PassagesQuery['passages'][number];
export type ReaderDocument = DocumentReaderQuery['documents'][number];
export type ReaderPassage = ReaderDocument['passages'][number];
export type DocumentSummary = DocumentsQuery['documents'][number];
export type GraphData = NeighbourhoodQuery['neighbourhood'];
export type GraphNode = GraphData['nodes'][number];
export type GraphEdge = GraphData['edges'][number];
export type Commitment = CommitmentsQuery['commitments'][number];
export type FollowThroughRow = CommitmentsQuery['followThrough'][number];
/** A court ruling's verdict: the sentence quoted from its reference. */
export interface Ruling {
  quote: string;
  referenceId: string;
  title?: string | null;
  url?: string | null;
  sourceKind?: SourceKind | null;
}
/** A timeline entry; a court ruling carries its verdict. */
export type TimelineEntry = TimelineQuery['timeline'][number] & { ruling: Ruling | null };
export type InstrumentHistory = InstrumentHistoryQuery;
export type LifecycleStep = InstrumentHistoryQuery['instrumentHistory'][number];
export type TextClaim = NonNullable<InstrumentHistoryQuery['instruments'][number]>['events'][number];
export type Disagreement = InstrumentHistoryQuery['disagreements'][number];
export type StatusOnDate = InstrumentStatusQuery['instrumentStatus'];

export function searchGraph(text: string, limit = 40, signal?: AbortSignal): Promise<SearchHit[]> {
  return request<SearchQuery, SearchQueryVariables>(searchDocument, 'Search', { text, limit }, signal).then((d) => d.search.hits);
}

export function fetchEntity(id: string, signal?: AbortSignal): Promise<EntityDetail | null> {
  return request<EntityQuery, EntityQueryVariables>(entityDocument, 'Entity', { id }, signal).then((d) => d.entity);
}

export function fetchPassages(ids: string[], signal?: AbortSignal): Promise<Passage[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return request<PassagesQuery, PassagesQueryVariables>(passagesDocument, 'Passages', { ids }, signal).then((d) => d.passages);
}

export function fetchDocuments(signal?: AbortSignal): Promise<DocumentSummary[]> {
  return request<DocumentsQuery, Record<string, never>>(documentDocument, 'Documents', {}, signal).then((d) => d.documents);
}

export function fetchDocument(id: string, signal?: AbortSignal): Promise<ReaderDocument | null> {
  return request<DocumentReaderQuery, DocumentReaderQueryVariables>(documentDocument, 'DocumentReader', { id }, signal).then(
    (d) => d.documents[0] ?? null,
  );
}

export function fetchNeighbourhood(id: string, depth = 1, limit = 100, signal?: AbortSignal): Promise<GraphData> {
  return request<NeighbourhoodQuery, NeighbourhoodQueryVariables>(graphDocument, 'Neighbourhood', { id, depth, limit }, signal).then(
    (d) => d.neighbourhood,
  );
}

/** What a path must not pass through (its two ends excepted). */
export interface PathAvoid {
  types?: NodeType[];
  ids?: string[];
}

export function fetchPath(from: string, to: string, maxLength = 6, avoid: PathAvoid = {}, signal?: AbortSignal): Promise<PathQuery['path']> {
  return request<PathQuery, PathQueryVariables>(
    graphDocument,
    'Path',
    { from, to, maxLength, excludeTypes: avoid.types ?? null, excludeIds: avoid.ids ?? null },
    signal,
  ).then((d) => d.path);
}

/** The ids of the meetings the documents record (RECORDS). */
export function fetchMeetingIds(signal?: AbortSignal): Promise<string[]> {
  return request<MeetingsQuery, Record<string, never>>(graphDocument, 'Meetings', {}, signal).then((d) => [
    ...new Set(d.documents.flatMap((doc) => doc.records.map((e) => e.id))),
  ]);
}

/** Every commitment, and the follow-through of the European-level asks among them, in one request. */
export function fetchCommitments(signal?: AbortSignal): Promise<CommitmentsQuery> {
  return request<CommitmentsQuery, Record<string, never>>(commitmentsDocument, 'Commitments', {}, signal);
}

export function fetchTimeline(signal?: AbortSignal): Promise<TimelineEntry[]> {
  return request<TimelineQuery, TimelineQueryVariables>(timelineDocument, 'Timeline', {}, signal).then((d) => {
    const rulings = new Map<string, Ruling>();
    for (const event of d.rulings) {
      // The reference is the one the ruling's sentence was quoted from (EXTERNAL_SOURCE with field ruling).
      const reference = event.externalSourcesConnection.edges[0]?.node;
      if (event.ruling && reference) {
        rulings.set(event.id, { quote: event.ruling, referenceId: reference.id, title: reference.title, url: reference.url, sourceKind: reference.sourceKind });
      }
    }
    return d.timeline.map((entry) => ({ ...entry, ruling: rulings.get(entry.id) ?? null }));
  });
}

export function fetchInstrumentHistory(id: string, signal?: AbortSignal): Promise<InstrumentHistory> {
  return request<InstrumentHistoryQuery, InstrumentHistoryQueryVariables>(instrumentDocument, 'InstrumentHistory', { id }, signal);
}

/** The instrument's status on `on` (ISO date); the server's today when `on` is null. */
export function fetchInstrumentStatus(id: string, on: string | null, signal?: AbortSignal): Promise<StatusOnDate> {
  return request<InstrumentStatusQuery, InstrumentStatusQueryVariables>(instrumentDocument, 'InstrumentStatus', { id, on }, signal).then(
    (d) => d.instrumentStatus,
  );
}
