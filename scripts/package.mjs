// Builds the production bundles and packs them into .cache/system-design-coach.vsix (printed on stdout).
// Usage: node scripts/package.mjs [--out <file>]
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = outIndex >= 0 ? resolve(process.argv[outIndex + 1]) : resolve(root, '.cache', 'system-design-coach.vsix');

mkdirSync(dirname(out), { recursive: true });
// vsce runs `vscode:prepublish` (the production build) itself. Dependencies are bundled by esbuild,
// so node_modules stays out of the VSIX. README images ship inside it and stay relative to it.
// The project has no public repository yet, so vsce is told not to ask for one.
execFileSync(process.execPath, [resolve(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '--allow-missing-repository', '--out', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});
console.log(`${out} (${statSync(out).size} bytes)`);
