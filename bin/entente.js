#!/usr/bin/env node
// Runs the TypeScript sources directly: no build step between a clone and `npm start`.
import { register } from 'tsx/esm/api';

register();
// `entente export ... | head` closes our stdout early: stop quietly, as Unix tools do on SIGPIPE.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw error;
});
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
