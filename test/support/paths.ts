import { fileURLToPath } from 'node:url';

export const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
