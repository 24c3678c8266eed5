import type { ExportNode, ExportRelationship, GraphSource } from './graph-source.ts';

export interface ProgressReporter {
  update(counts: { nodes: number; relationships: number }): void;
  done(): void;
}

/**
 * A one-line progress display, redrawn at most every `intervalMs` on a terminal; nothing at all
 * when the stream is not a TTY (logs and pipes get no carriage returns).
 */
export function terminalProgress(
  stream: NodeJS.WriteStream,
  totals: { nodes: number; relationships: number },
  intervalMs = 250,
): ProgressReporter | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  let shown = false;
  const started = Date.now();
  const line = (counts: { nodes: number; relationships: number }) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `\rexport: nodes ${counts.nodes}/${totals.nodes}, relationships ${counts.relationships}/${totals.relationships} (${seconds} s)`;
  };
  let latest = { nodes: 0, relationships: 0 };
  return {
    update(counts) {
      latest = counts;
      const now = Date.now();
      if (now - last < intervalMs) return;
      last = now;
      shown = true;
      stream.write(line(counts));
    },
    done() {
      if (shown) stream.write(`${line(latest)}\n`);
    },
  };
}

/** The same source, counting what flows through and telling the reporter. */
export function withProgress(source: GraphSource, reporter: ProgressReporter | undefined, counts = { nodes: 0, relationships: 0 }): GraphSource {
  return {
    schema: source.schema,
    nodes: () => count(source.nodes(), () => (counts.nodes += 1), () => reporter?.update(counts)),
    relationships: () => count(source.relationships(), () => (counts.relationships += 1), () => reporter?.update(counts)),
  };
}

async function* count<T extends ExportNode | ExportRelationship>(items: AsyncIterable<T>, add: () => void, report: () => void): AsyncGenerator<T> {
  let n = 0;
  for await (const item of items) {
    add();
    if (++n % 1000 === 0) report();
    yield item;
  }
  report();
}
