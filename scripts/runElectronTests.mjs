// Runs the integration suite in desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code (the download goes to <repo>/.vscode-test). Where they cannot, use
// scripts/runIntegrationTests.mjs (code-server) instead. Usage:
//   node scripts/runElectronTests.mjs [--extension DIR] [--tests FILE] [--vscode-version VERSION]
//                                     [--env KEY=VALUE ...]
// On Linux without a display, run it under xvfb-run.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { download, runTests, SilentReporter } from '@vscode/test-electron';
import { copySampleWorkspace } from './lib/vscodeHost.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    extension: { type: 'string', default: repoRoot },
    tests: { type: 'string', default: path.join(repoRoot, 'dist', 'test', 'integration', 'index.js') },
    'vscode-version': { type: 'string', default: 'stable' },
    env: { type: 'string', multiple: true, default: [] },
  },
});
const extensionDevelopmentPath = path.resolve(options.extension);
const extensionTestsPath = path.resolve(options.tests);
const fail = (message) => {
  console.error(`[electron] ${message}`);
  process.exit(1);
};

if (!existsSync(extensionTestsPath)) fail(`Test entry ${extensionTestsPath} not found; build it first (npm run build).`);
const extensionTestsEnv = Object.fromEntries(
  options.env.map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) fail(`--env expects KEY=VALUE, got "${pair}"`);
    return [pair.slice(0, at), pair.slice(at + 1)];
  }),
);

let vscodeExecutablePath;
try {
  vscodeExecutablePath = await download({
    version: options['vscode-version'],
    cachePath: path.join(repoRoot, '.vscode-test'),
    reporter: new SilentReporter(),
  });
} catch (error) {
  fail(
    `Cannot download VS Code ${options['vscode-version']} (${error.message.split('\n')[0]}); ` +
      'without access to the VS Code update service use `npm run test:integration` (code-server) instead.',
  );
}

const tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'sdcoach-electron-'));
let exitCode;
try {
  const workspace = path.join(tempRoot, 'workspace');
  await copySampleWorkspace(workspace);
  exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionTestsEnv,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(tempRoot, 'user-data')],
  });
} catch (error) {
  // runTests rejects with the exit code (TestRunFailedError) when the suite fails.
  console.error(`[electron] ${error.message}`);
  exitCode = typeof error.code === 'number' && error.code !== 0 ? error.code : 1;
} finally {
  await fs.rm(tempRoot, { recursive: true, force: true });
}
console.log(exitCode === 0 ? 'Electron integration tests passed' : `Electron integration tests FAILED with exit code ${exitCode}`);
process.exit(exitCode);
