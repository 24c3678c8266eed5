import { AppError, ErrorCode } from '../errors.ts';

export interface ScriptStatement {
  /** The statement without its terminating `;`, trimmed. */
  text: string;
  /** 1-based line where it starts, for error messages. */
  line: number;
  /** A cypher-shell command (`:begin`, `:commit`, ...), not Cypher. */
  command: boolean;
}

/**
 * Splits a Cypher script into statements as it streams in: `;` ends a statement unless it is
 * inside a string ('...' or "..." with backslash escapes), a `backquoted` name or a comment
 * (// to end of line, /* ... *\/). Lines that start a statement with `:` are cypher-shell
 * commands and end at the line's end. Memory holds one statement at a time.
 */
export async function* splitCypherScript(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ScriptStatement> {
  type State = 'code' | 'single' | 'double' | 'backtick' | 'lineComment' | 'blockComment' | 'command';
  let state: State = 'code';
  let current = '';
  let line = 1;
  let startLine = 1;
  let escaped = false;
  let pending = ''; // a possible two-character token split across chunks

  const emit = function* (command: boolean): Generator<ScriptStatement> {
    const text = current.trim();
    current = '';
    if (text !== '') yield { text, line: startLine, command };
  };

  for await (const chunk of chunks) {
    const text = pending + (typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
    pending = '';
    for (let i = 0; i < text.length; i += 1) {
      const char = text[i] as string;
      const next = text[i + 1];
      if (next === undefined && (char === '/' || char === '*') && (state === 'code' || state === 'blockComment')) {
        pending = char; // decide with the next chunk
        break;
      }
      if (char === '\n') line += 1;
      switch (state) {
        case 'code':
          if (current === '' && /\s/.test(char)) continue;
          if (current === '') startLine = line;
          if (current === '' && char === ':') {
            state = 'command';
            current = ':';
            continue;
          }
          if (char === ';') {
            yield* emit(false);
            continue;
          }
          if (char === "'") state = 'single';
          else if (char === '"') state = 'double';
          else if (char === '`') state = 'backtick';
          else if (char === '/' && next === '/') {
            state = 'lineComment';
            i += 1;
            continue;
          } else if (char === '/' && next === '*') {
            state = 'blockComment';
            i += 1;
            continue;
          }
          current += char;
          break;
        case 'single':
        case 'double':
          current += char;
          if (escaped) escaped = false;
          else if (char === '\\') escaped = true;
          else if ((state === 'single' && char === "'") || (state === 'double' && char === '"')) state = 'code';
          break;
        case 'backtick':
          current += char;
          if (char === '`') state = 'code'; // a doubled `` re-enters at once: same text either way
          break;
        case 'lineComment':
          if (char === '\n') {
            state = 'code';
            if (current !== '') current += '\n';
          }
          break;
        case 'blockComment':
          if (char === '*' && next === '/') {
            state = 'code';
            if (current !== '') current += ' ';
            i += 1;
          }
          break;
        case 'command':
          if (char === '\n') {
            state = 'code';
            yield* emit(true);
          } else current += char;
          break;
        default:
          return assertNever(state);
      }
    }
  }
  if (pending !== '') current += pending;
  if (state === 'single' || state === 'double' || state === 'backtick' || state === 'blockComment') {
    throw new AppError(ErrorCode.IMPORT_INVALID, `The script ends inside an unterminated ${state === 'blockComment' ? 'comment' : 'string or name'} (statement from line ${startLine}).`);
  }
  if (state === 'command') yield* emit(true);
  else if (current.trim() !== '') {
    throw new AppError(ErrorCode.IMPORT_INVALID, `The last statement (line ${startLine}) has no terminating ";": the script looks truncated.`);
  }
}

/** Schema statements cannot share a transaction with data writes in Neo4j 5. */
export function isSchemaStatement(text: string): boolean {
  return /^(CREATE|DROP)\s+(OR\s+REPLACE\s+)?(\w+\s+)?(CONSTRAINT|INDEX)\b/i.test(text) || /^CALL\s+db\.awaitIndex(es)?\s*\(/i.test(text);
}

function assertNever(value: never): never {
  throw new Error(`unexpected state ${String(value)}`);
}
