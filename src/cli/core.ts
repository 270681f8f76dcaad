#!/usr/bin/env node
// Entry point of the warm core that the PowerShell module starts: serves requests on stdin/stdout until stdin
// closes (the module was removed or PowerShell exited), then ends its PowerShell session.
import { discardPrewarmedPowerShell, prewarmPowerShell } from '../session/powershell-session.js';

async function main(): Promise<void> {
  // PowerShell starts while the rest of the core loads (the commands, their schemas): a cold call waits for the
  // slower of the two, not their sum.
  prewarmPowerShell();
  const { serveStdio } = await import('./stdio-server.js');
  const stop = new AbortController();
  process.on('SIGINT', () => stop.abort());
  process.on('SIGTERM', () => stop.abort());
  try {
    await serveStdio({ input: process.stdin, output: process.stdout, signal: stop.signal });
  } finally {
    await discardPrewarmedPowerShell();
  }
}

// No top-level await: the single executable runs this file as CommonJS.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`aadsynckey core failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
