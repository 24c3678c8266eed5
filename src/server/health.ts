import type { Express, RequestHandler } from 'express';
import type { Driver } from 'neo4j-driver';
import type { AvailabilityProbe } from './http/availability-gate.ts';

export interface Health {
  status: 'ok' | 'unavailable';
  database: { status: 'up' | 'down' | 'restarting'; name: string; latencyMs?: number; error?: string };
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

export interface HealthRoutesOptions {
  driver: Driver;
  database: string;
  availability: AvailabilityProbe;
}

/**
 * `/health` and `/health/ready`: 200 when a query runs now, 503 otherwise (with Retry-After while
 * the embedded database restarts), for load balancers to route around. `/health/live`: 200 while
 * this process serves HTTP at all, for platforms that restart what hangs; a database restart is
 * not a reason to restart the API.
 */
export function registerHealthRoutes(app: Express, { driver, database, availability }: HealthRoutesOptions): void {
  const ready: RequestHandler = async (_request, response) => {
    const now = availability();
    if (!now.up) {
      response.status(503).set('Retry-After', String(now.retryAfterSeconds)).json({
        status: 'unavailable',
        database: { status: 'restarting', name: database, retryAfterSeconds: now.retryAfterSeconds },
      });
      return;
    }
    const health = await checkHealth(driver, database);
    response.status(health.status === 'ok' ? 200 : 503).json(health);
  };
  app.get('/health', ready);
  app.get('/health/ready', ready);
  app.get('/health/live', (_request, response) => {
    response.json({ status: 'ok' });
  });
}
