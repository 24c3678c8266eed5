import type { Driver } from 'neo4j-driver';

/** Where queries go: a driver and the name of the database on it. Every reader and writer takes this. */
export interface DatabaseHandle {
  driver: Driver;
  database: string;
}
