/** `npm start` and `npm run dev`: electron-vite, with the Electron binary fetched first and handed to it. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ensureElectron } from './electron-binary.ts';

const binary = ensureElectron();
if (!binary) process.exit(1);
// Its bin, found through its package.json (the only file besides the API that its exports map lets out).
const manifest = createRequire(import.meta.url).resolve('electron-vite/package.json');
const cli = join(dirname(manifest), 'bin/electron-vite.js');
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ELECTRON_EXEC_PATH: binary } });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
