import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Where a writer's text goes; `write` resolves once the stream can take more (backpressure). */
export interface TextSink {
  write(text: string): Promise<void>;
  /** Flushes and, for files, closes. */
  close(): Promise<void>;
  /** UTF-8 bytes written so far. */
  readonly bytes: number;
}

/** A folder of files, for formats that write several (CSV). */
export interface DirectorySink {
  open(name: string): TextSink;
  /** Every file opened, relative names, in opening order. */
  readonly files: readonly string[];
  readonly bytes: number;
}

const CHUNK = 64 * 1024;

/**
 * Wraps a Node stream: small writes are gathered into 64 KiB chunks, and a write waits for
 * 'drain' when the stream's buffer is full, so a slow disk or pipe slows the reader down
 * instead of filling memory.
 */
export function streamSink(stream: Writable, options: { end: boolean }): TextSink {
  let pending: string[] = [];
  let pendingLength = 0;
  let bytes = 0;
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });
  const flush = async () => {
    if (pendingLength === 0) return;
    const chunk = pending.join('');
    pending = [];
    pendingLength = 0;
    if (failure) throw failure;
    // events.once also rejects on 'error' and removes both listeners either way.
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  return {
    async write(text) {
      pending.push(text);
      pendingLength += text.length;
      bytes += Buffer.byteLength(text);
      if (pendingLength >= CHUNK) await flush();
    },
    async close() {
      await flush();
      if (failure) throw failure;
      if (options.end) {
        const finished = once(stream, 'finish');
        stream.end();
        await finished;
      }
    },
    get bytes() {
      return bytes;
    },
  };
}

export function fileSink(file: string): TextSink {
  return streamSink(createWriteStream(file, { encoding: 'utf8' }), { end: true });
}

export async function directorySink(dir: string): Promise<DirectorySink> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const sinks: TextSink[] = [];
  return {
    open(name) {
      files.push(name);
      const sink = fileSink(path.join(dir, name));
      sinks.push(sink);
      return sink;
    },
    files,
    get bytes() {
      return sinks.reduce((sum, sink) => sum + sink.bytes, 0);
    },
  };
}

/** An in-memory sink for tests and small exports. */
export function memorySink(): TextSink & { text(): string } {
  const parts: string[] = [];
  let bytes = 0;
  return {
    async write(text) {
      parts.push(text);
      bytes += Buffer.byteLength(text);
    },
    async close() {},
    get bytes() {
      return bytes;
    },
    text: () => parts.join(''),
  };
}

export function memoryDirectory(): DirectorySink & { text(name: string): string } {
  const sinks = new Map<string, ReturnType<typeof memorySink>>();
  const files: string[] = [];
  return {
    open(name) {
      const sink = memorySink();
      sinks.set(name, sink);
      files.push(name);
      return sink;
    },
    files,
    get bytes() {
      return [...sinks.values()].reduce((sum, sink) => sum + sink.bytes, 0);
    },
    text(name) {
      const sink = sinks.get(name);
      if (!sink) throw new Error(`no file ${name}`);
      return sink.text();
    },
  };
}
