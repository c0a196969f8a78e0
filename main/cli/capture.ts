/** `readout capture`: asks the running app to start a capture over its control endpoint (main/serve/control-endpoint.ts). */
import { z } from 'zod';
import { defaultDataDir } from '../paths.ts';
import { askCapture } from '../serve/control-client.ts';
import { controlEndpoint } from '../serve/control-endpoint.ts';
import { firstIssue, parseFlags, UsageError } from './args.ts';
import { printable } from './printable.ts';
import type { CliIo } from './run.ts';

const captureSchema = z.object({ 'data-dir': z.string().min(1, '--data-dir needs a folder').optional() });

export async function runCapture(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseFlags(argv, { 'data-dir': { type: 'string' } });
  const own = captureSchema.safeParse(parsed.values);
  if (!own.success) throw firstIssue(own.error);
  if (parsed.positionals.length > 0) throw new UsageError(`capture takes no arguments (got ${printable(parsed.positionals[0]!)})`);
  const asked = await askCapture(controlEndpoint(own.data['data-dir'] ?? defaultDataDir()));
  if (asked.ok) return 0;
  io.stderr(asked.notRunning ? 'readout: Readout is not running: start it, then run readout capture again\n' : `readout: the app did not start a capture: ${printable(asked.message)}\n`);
  return 1;
}
