/** A JSON column read back defensively: anything that is not JSON of the schema's shape is no value at all. */
import type { z } from 'zod';

export function parseJsonAs<T>(schema: z.ZodType<T>, json: string | null): T | null {
  if (json === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
