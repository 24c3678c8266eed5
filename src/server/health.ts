import type { Driver } from 'neo4j-driver';

export interface Health {
  status: 'ok' | 'unavailable';
  database: { status: 'up' | 'down'; name: string; latencyMs?: number; error?: string };
}

const HEALTH_TIMEOUT_MS = 3_000;

/** Up means a query runs now, not that the driver once connected. */
export async function checkHealth(driver: Driver, database: string): Promise<Health> {
  const started = Date.now();
  try {
    await withTimeout(driver.executeQuery('RETURN 1', {}, { database, routing: 'READ' }), HEALTH_TIMEOUT_MS);
    return { status: 'ok', database: { status: 'up', name: database, latencyMs: Date.now() - started } };
  } catch (error) {
    const code = (error as { code?: string }).code;
    return { status: 'unavailable', database: { status: 'down', name: database, error: code ?? 'UNREACHABLE' } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error('health check timed out'), { code: 'TIMEOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
