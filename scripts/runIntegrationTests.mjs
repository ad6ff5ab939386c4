// Runs the integration suite inside a real VS Code extension host (code-server + Chromium), on
// machines that cannot download VS Code. Usage:
//   node scripts/runIntegrationTests.mjs [--extension DIR] [--tests FILE] [--timeout SECONDS]
//                                        [--env KEY=VALUE ...] [--headed]
// Exits with the suite's exit code (0 = passed).
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CODE_SERVER_VERSION,
  copySampleWorkspace,
  checkSystemPackages,
  ensureCodeServer,
  launchChromium,
  runExtensionTestsInBrowser,
  startCodeServer,
} from './lib/vscodeHost.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: {
    extension: { type: 'string', default: repoRoot },
    tests: { type: 'string', default: path.join(repoRoot, 'dist', 'test', 'integration', 'index.js') },
    timeout: { type: 'string', default: '300' },
    env: { type: 'string', multiple: true, default: [] },
    headed: { type: 'boolean', default: false },
  },
});
const extensionPath = path.resolve(options.extension);
const testsPath = path.resolve(options.tests);
const resultsDir = path.join(repoRoot, 'test-results', 'integration');
const log = (line) => console.error(`[integration] ${line}`);

let server;
let browser;
let tempRoot;
let interrupted = false;
let cleaning;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
    if (tempRoot) await fs.rm(tempRoot, { recursive: true, force: true });
  })());
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.once(signal, () => {
    interrupted = true;
    log(`${signal}: stopping`);
    cleanUp().finally(() => process.exit(code));
  });
}

async function main() {
  if (!existsSync(path.join(extensionPath, 'package.json'))) throw new Error(`No extension at ${extensionPath} (package.json missing).`);
  if (!existsSync(testsPath)) throw new Error(`Test entry ${testsPath} not found; build it first (npm run build).`);
  const timeoutSeconds = Number(options.timeout);
  if (!(timeoutSeconds > 0)) throw new Error(`--timeout expects seconds, got "${options.timeout}"`);
  const env = Object.fromEntries(
    options.env.map((pair) => {
      const at = pair.indexOf('=');
      if (at < 1) throw new Error(`--env expects KEY=VALUE, got "${pair}"`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
  );

  checkSystemPackages();
  await ensureCodeServer({ log });
  await fs.rm(resultsDir, { recursive: true, force: true });

  // Fresh workspace, profile and extensions for every run, so runs cannot leak into each other.
  tempRoot = await fs.mkdtemp(path.join(os.tmpdir(), 'sdcoach-integration-'));
  const folder = path.join(tempRoot, 'workspace');
  await copySampleWorkspace(folder);

  server = await startCodeServer({
    folder,
    userDataDir: path.join(tempRoot, 'user-data'),
    extensionsDir: path.join(tempRoot, 'extensions'),
    env,
    log,
  });
  browser = await launchChromium({ headless: !options.headed, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  const code = await runExtensionTestsInBrowser({
    serverUrl: server.url,
    folder,
    extensionDevelopmentPath: extensionPath,
    extensionTestsPath: testsPath,
    timeoutMs: timeoutSeconds * 1000,
    log,
    browser,
    logsDir: path.join(resultsDir, 'workbench-logs'),
  });
  if (code !== 0) await saveServerOutput();
  return code;
}

async function saveServerOutput() {
  if (!server) return;
  await fs.mkdir(resultsDir, { recursive: true });
  await fs.writeFile(path.join(resultsDir, 'code-server.log'), server.output());
  log(`logs kept in ${resultsDir}`);
}

const started = Date.now();
let exitCode;
try {
  exitCode = await main();
} catch (error) {
  exitCode = 1;
  // After a signal, errors are the fallout of the clean-up, whose handler exits first.
  if (!interrupted) {
    log(error.message);
    await saveServerOutput().catch(() => {});
  }
} finally {
  await cleanUp();
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const host = `code-server ${CODE_SERVER_VERSION}`;
console.log(
  exitCode === 0
    ? `Integration tests passed (${host}, ${seconds} s)`
    : `Integration tests FAILED with exit code ${exitCode} (${host}, ${seconds} s)`,
);
process.exit(exitCode);
