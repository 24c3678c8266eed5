#!/usr/bin/env node
// Runs the CLI compiled by `npm install` (its `prepare` step: `npm run build:cli`), so no
// TypeScript is compiled at run time. `npm run dev -- <command>` runs the sources instead.
import { existsSync } from 'node:fs';

// `entente export ... | head` closes our stdout early: stop quietly, as Unix tools do on SIGPIPE.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw error;
});

const compiled = new URL('../dist/main.js', import.meta.url);
let entry = compiled.href;
if (process.env.ENTENTE_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  entry = new URL('../src/main.ts', import.meta.url).href;
} else if (!existsSync(compiled)) {
  process.stderr.write('entente: the compiled CLI (dist/main.js) is missing: run `npm run build:cli` (npm install runs it)\n');
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv);
