import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { RequestHandler } from 'express';
import { AppError, ErrorCode } from '../../errors.ts';
import { errorBody } from './json-errors.ts';

/**
 * Reads an allow-list of trusted operations: a JSON object from SHA-256 hash to document (the
 * persisted-documents manifest GraphQL Codegen's client preset writes) or a JSON array of documents.
 */
export async function readTrustedDocuments(file: string): Promise<Map<string, string>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new AppError(ErrorCode.CONFIG_INVALID, `ENTENTE_TRUSTED_DOCUMENTS: cannot read ${file} as JSON.`, { cause: error, details: { file } });
  }
  const documents = Array.isArray(parsed) ? parsed : parsed !== null && typeof parsed === 'object' ? Object.values(parsed) : undefined;
  if (!documents || documents.some((document) => typeof document !== 'string')) {
    throw new AppError(ErrorCode.CONFIG_INVALID, `ENTENTE_TRUSTED_DOCUMENTS: ${file} must hold an object of hash -> document or an array of documents.`, {
      details: { file },
    });
  }
  return new Map((documents as string[]).map((document) => [sha256(document), document]));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

interface OperationBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/**
 * Lets through only trusted operations, before Apollo sees them: a POST may send the document's
 * hash alone (`documentId`, or Apollo's `extensions.persistedQuery.sha256Hash`), which is swapped
 * for the document, or the exact text of a trusted document; a GET only the exact text.
 */
export function trustedDocumentsOnly(documents: Map<string, string>): RequestHandler {
  return (request, response, next) => {
    const body = (request.method === 'POST' ? request.body : request.query) as OperationBody | undefined;
    if (body && typeof body === 'object') {
      const id = typeof body.documentId === 'string' ? body.documentId.replace(/^sha256:/, '') : body.extensions?.persistedQuery?.sha256Hash;
      if (request.method === 'POST' && body.query === undefined && typeof id === 'string' && documents.has(id)) {
        body.query = documents.get(id);
        delete body.documentId;
        if (body.extensions) delete body.extensions.persistedQuery;
        return next();
      }
      if (typeof body.query === 'string' && documents.has(sha256(body.query))) return next();
    }
    if (request.method !== 'POST' && request.method !== 'GET') return next();
    response
      .status(400)
      .json(errorBody('This server runs trusted operations only; send the id of a trusted document.', ErrorCode.OPERATION_NOT_TRUSTED));
  };
}
