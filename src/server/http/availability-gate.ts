import type { RequestHandler } from 'express';
import { ErrorCode } from '../../errors.ts';
import { errorBody } from './json-errors.ts';

/** Whether the database can serve now; while it restarts, how long a client should wait. */
export interface Availability {
  up: boolean;
  retryAfterSeconds: number;
}

export type AvailabilityProbe = () => Availability;

/** Answers 503 with Retry-After, without touching the driver, while the database is known to be down. */
export function availabilityGate(probe: AvailabilityProbe): RequestHandler {
  return (_request, response, next) => {
    const availability = probe();
    if (availability.up) return next();
    response
      .status(503)
      .set('Retry-After', String(availability.retryAfterSeconds))
      .json(errorBody('The database is restarting; retry shortly.', ErrorCode.NEO4J_UNAVAILABLE, { retryAfterSeconds: availability.retryAfterSeconds }));
  };
}
