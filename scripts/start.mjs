// `npm start`: build and package the extension, install the VSIX into a local VS Code (code-server
// 1.100.3 in the browser), open a sample workspace and print the URL. Ctrl+C stops it.
// Usage: node scripts/start.mjs [--port N] [--folder DIR]
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { copySampleWorkspace, ensureCodeServer, installVsix, startCodeServer } from './lib/vscodeHost.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({ options: { port: { type: 'string', default: '8765' }, folder: { type: 'string' } } });
const state = join(root, '.cache', 'start'); // kept between runs, so settings and practice work survive
const log = (line) => console.log(`[start] ${line}`);

execFileSync(process.execPath, [join(root, 'scripts', 'package.mjs')], { stdio: 'inherit' });
await ensureCodeServer({ log });

const folder = values.folder ? resolve(values.folder) : join(state, 'sample-workspace');
if (!values.folder && !existsSync(folder)) {
  await copySampleWorkspace(folder);
}
const dirs = { userDataDir: join(state, 'user-data'), extensionsDir: join(state, 'extensions') };
await mkdir(dirs.extensionsDir, { recursive: true });
await installVsix({ vsixPath: join(root, '.cache', 'system-design-coach.vsix'), ...dirs, log });

const server = await startCodeServer({ folder, port: Number(values.port), ...dirs, log });
console.log(`\nSystem Design Coach is running in VS Code at ${server.url}\n(workspace: ${folder}; Ctrl+C to stop)\n`);

const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
