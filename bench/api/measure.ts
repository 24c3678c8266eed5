/** Small helpers of the API benchmark: percentiles, process memory, HTTP posts, answer equality. */
import http from 'node:http';
import { readFileSync } from 'node:fs';

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function processMemory(pid: number | undefined): { rssMb: number; peakMb: number } {
  if (pid === undefined) return { rssMb: Number.NaN, peakMb: Number.NaN };
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'mu').exec(status)?.[1] ?? Number.NaN) / 1024;
    return { rssMb: field('VmRSS'), peakMb: field('VmHWM') };
  } catch {
    return { rssMb: Number.NaN, peakMb: Number.NaN };
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** POSTs JSON over a kept-alive connection; resolves to the parsed answer. */
export function postJson(url: string, body: unknown): Promise<unknown> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode !== 200) reject(new Error(`${url} answered ${response.statusCode}: ${text.slice(0, 500)}`));
        else resolve(JSON.parse(text));
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * A canonical JSON form for comparing answers: object keys sorted, lists sorted (GraphQL and
 * Cypher may order nested lists differently), values as JSON sees them.
 */
export function canonicalJson(value: unknown): string {
  const walk = (inner: unknown): unknown => {
    if (Array.isArray(inner)) return inner.map(walk).map((item) => JSON.stringify(item)).sort();
    if (inner !== null && typeof inner === 'object') {
      return Object.fromEntries(Object.keys(inner).sort().map((key) => [key, walk((inner as Record<string, unknown>)[key])]));
    }
    return inner;
  };
  return JSON.stringify(walk(JSON.parse(JSON.stringify(value ?? null))));
}

export const ratio = (value: number, baseline: number): string => (Number.isFinite(value / baseline) ? `${(value / baseline).toFixed(2)}x` : 'n/a');
export const ms = (value: number): string => `${value.toFixed(1)} ms`;

/** A Markdown table (pasted as is into BENCHMARKS.md). */
export function markdownTable(head: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * CPU time a process has used so far (user + system), in ms, from /proc (Linux; clock ticks of
 * 10 ms). CPU time, unlike wall time, does not grow while a busy machine keeps the process waiting.
 */
export function processCpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after its closing parenthesis do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}
