#!/usr/bin/env node
// The command runs Readout's TypeScript sources directly, which needs Node's built-in type stripping.
if (!process.features.typescript) {
  process.stderr.write(`readout: Node.js ${process.versions.node} cannot run TypeScript; use Node.js 22.18 or newer.\n`);
  process.exit(2);
}
const { main } = await import('../main/cli.ts');
process.exitCode = await main(process.argv.slice(2));
