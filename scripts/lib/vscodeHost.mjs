// Runs a real VS Code (code-server from npm) on machines that cannot download VS Code itself.
// code-server 4.100.3 is VS Code 1.100.3 with a Node extension host; we install it on demand
// into <repo>/.cache (git-ignored), start it on localhost and drive its workbench with
// Debian's Chromium through playwright-core. See shared/notes/vscode-test-host.md.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';

export const CODE_SERVER_VERSION = '4.100.3';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE_DIR = path.join(REPO_ROOT, '.cache');
const INSTALL_DIR = path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
const MARKER_FILE = '.install-complete.json';

// Native modules of lib/vscode whose install scripts we skipped (they download or need npx).
const VSCODE_NATIVE_MODULES = ['node-pty', '@vscode/spdlog', 'kerberos', 'native-watchdog', '@parcel/watcher', '@vscode/deviceid'];

// Without --config, code-server creates ~/.config/code-server/config.yaml (with a password) and
// lets it override our flags; an empty config file means "flags only".
const NO_CONFIG_FILE = ['--config', '/dev/null'];

const SYSTEM_REQUIREMENTS = [
  { file: '/usr/bin/chromium', pkg: 'chromium', why: 'browser that loads the workbench' },
  { file: '/usr/include/gssapi/gssapi.h', pkg: 'libkrb5-dev', why: 'headers to build the kerberos module' },
  { file: '/usr/bin/rg', pkg: 'ripgrep', why: "VS Code's search (its npm package downloads the binary)" },
];

const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
};

const CHROMIUM_ARGS = [
  '--no-sandbox', // we run as root
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

const noop = () => {};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Copies the sample workspace (test/fixtures/workspace) to `dest`, which must not exist yet. */
export async function copySampleWorkspace(dest) {
  await fs.cp(path.join(REPO_ROOT, 'test', 'fixtures', 'workspace'), dest, { recursive: true, errorOnExist: true, force: false });
}

/** Throws, naming the apt-get line to run, when a Debian package we rely on is missing. */
export function checkSystemPackages(requirements = SYSTEM_REQUIREMENTS) {
  const missing = requirements.filter((req) => !existsSync(req.file));
  if (missing.length === 0) return;
  const details = missing.map((req) => `  ${req.file} (${req.pkg}: ${req.why})`).join('\n');
  throw new Error(
    `Missing system packages for the browser tests and the VS Code test host:\n${details}\nInstall them with:\n` +
      `apt-get update\napt-get install -y ${missing.map((req) => req.pkg).join(' ')}`,
  );
}

// Environment for npm children: as root npm refuses lifecycle scripts without unsafe-perm, and
// node-pty's build calls `npx node-gyp`, which must not prompt (the user npmrc may say yes=false).
function npmEnv() {
  return {
    ...process.env,
    npm_config_unsafe_perm: 'true',
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'warn',
  };
}

/** Runs a command to completion; on failure throws with the tail of its output. */
function run(command, args, { cwd, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk) => {
      output = (output + chunk).slice(-20000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(output);
      const tail = output.trim().split('\n').slice(-40).join('\n');
      reject(new Error(`\`${command} ${args.join(' ')}\` in ${cwd ?? process.cwd()} failed (${signal ?? `exit ${code}`}):\n${tail}`));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

// mkdir is atomic, so the directory is the lock; the owner's pid lets a later caller break the
// lock of a process that died mid-install.
async function acquireLock(lockDir, log) {
  let announced = false;
  for (;;) {
    try {
      await fs.mkdir(lockDir);
      await fs.writeFile(path.join(lockDir, 'pid'), String(process.pid));
      return () => fs.rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const pid = Number(await fs.readFile(path.join(lockDir, 'pid'), 'utf8').catch(() => ''));
    const stat = await fs.stat(lockDir).catch(() => null);
    // No pid yet: the owner is between mkdir and writeFile, unless that was long ago.
    const stale = pid ? !isAlive(pid) : stat && Date.now() - stat.mtimeMs > 30_000;
    if (stale) {
      log(`code-server: removing stale install lock${pid ? ` of pid ${pid}` : ''}`);
      await fs.rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`code-server: waiting for another install in progress${pid ? ` (pid ${pid})` : ''}`);
      announced = true;
    }
    await sleep(1000);
  }
}

// Native modules are built for one Node ABI, so the cache is only valid for the same one.
async function readMarker() {
  try {
    const marker = JSON.parse(await fs.readFile(path.join(INSTALL_DIR, MARKER_FILE), 'utf8'));
    return marker.version === CODE_SERVER_VERSION && marker.nodeModuleVersion === process.versions.modules;
  } catch {
    return false;
  }
}

async function installInto(dir, log) {
  const env = npmEnv();
  const vscodeDir = path.join(dir, 'lib', 'vscode');
  const step = async (label, fn) => {
    const started = Date.now();
    log(`code-server: ${label}...`);
    await fn();
    log(`code-server: ${label} done (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };

  await step(`fetching code-server@${CODE_SERVER_VERSION}`, async () => {
    await run('npm', ['pack', `code-server@${CODE_SERVER_VERSION}`, '--pack-destination', dir], { cwd: dir, env });
    const tarball = (await fs.readdir(dir)).find((name) => name.endsWith('.tgz'));
    await run('tar', ['-xzf', tarball, '--strip-components=1'], { cwd: dir });
    await fs.rm(path.join(dir, tarball));
  });
  // --ignore-scripts: the postinstall scripts download binaries (ripgrep, prebuilds) and fail
  // offline; the native modules are rebuilt from source below instead.
  await step('installing dependencies (3 packages)', () =>
    Promise.all(
      [dir, vscodeDir, path.join(vscodeDir, 'extensions')].map((cwd) =>
        run('npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd, env }),
      ),
    ),
  );
  await step('building native modules', () =>
    Promise.all([
      run('npm', ['rebuild', 'argon2'], { cwd: dir, env }),
      run('npm', ['rebuild', ...VSCODE_NATIVE_MODULES], { cwd: vscodeDir, env }),
    ]),
  );
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  await fs.mkdir(rgDir, { recursive: true });
  await fs.copyFile('/usr/bin/rg', path.join(rgDir, 'rg'));
  await fs.chmod(path.join(rgDir, 'rg'), 0o755);
  // The server loads node modules through the .asar path that the packaged product uses.
  await fs.symlink('node_modules', path.join(vscodeDir, 'node_modules.asar'));

  const version = await run(process.execPath, [path.join(dir, 'out', 'node', 'entry.js'), ...NO_CONFIG_FILE, '--version'], { cwd: dir });
  log(`code-server: installed ${version.trim().split('\n').pop()}`);
}

/**
 * Installs code-server into <repo>/.cache/code-server-<version> unless already there.
 * Returns { root, entry } where entry is the server's out/node/entry.js.
 */
export async function ensureCodeServer({ log = noop } = {}) {
  const result = { root: INSTALL_DIR, entry: path.join(INSTALL_DIR, 'out', 'node', 'entry.js') };
  if (await readMarker()) return result;

  await fs.mkdir(CACHE_DIR, { recursive: true });
  const release = await acquireLock(`${INSTALL_DIR}.lock`, log);
  try {
    if (await readMarker()) return result; // another caller finished while we waited
    checkSystemPackages();
    const base = path.basename(INSTALL_DIR);
    // Leftovers of interrupted installs (we hold the lock, so nobody is using them).
    for (const name of await fs.readdir(CACHE_DIR)) {
      if (name === base || name.startsWith(`${base}.partial-`)) {
        await fs.rm(path.join(CACHE_DIR, name), { recursive: true, force: true });
      }
    }
    const staging = `${INSTALL_DIR}.partial-${process.pid}`;
    await fs.mkdir(staging);
    const started = Date.now();
    await installInto(staging, log);
    const marker = { version: CODE_SERVER_VERSION, nodeModuleVersion: process.versions.modules, installedAt: new Date().toISOString() };
    await fs.writeFile(path.join(staging, MARKER_FILE), `${JSON.stringify(marker, null, 2)}\n`);
    await fs.rename(staging, INSTALL_DIR);
    log(`code-server: ready in ${((Date.now() - started) / 1000).toFixed(0)} s at ${INSTALL_DIR}`);
    return result;
  } finally {
    await release();
  }
}

/** Installs a .vsix into an extensions dir, as `code --install-extension` would. */
export async function installVsix({ vsixPath, userDataDir, extensionsDir, log = noop }) {
  const { entry } = await ensureCodeServer({ log });
  // --force: a rebuilt VSIX of the same version must replace the one installed before.
  const args = [entry, ...NO_CONFIG_FILE, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', path.resolve(vsixPath), '--force'];
  const output = await run(process.execPath, args, { env: serverEnv() });
  log(output.trim());
  return output;
}

// The extension host inherits the server's environment, so this is also how tests get extra env.
function serverEnv(extra = {}) {
  const env = { ...process.env };
  // Set inside VS Code terminals: code-server would hand the folder to that VS Code and exit.
  delete env.VSCODE_IPC_HOOK_CLI;
  // These override --bind-addr and --config.
  delete env.PORT;
  delete env.CODE_SERVER_HOST;
  delete env.CODE_SERVER_CONFIG;
  return { ...env, ...extra };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function writeUserSettings(userDataDir, settings) {
  const file = path.join(userDataDir, 'User', 'settings.json');
  let current;
  try {
    current = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if (error.code !== 'ENOENT') throw new Error(`Cannot merge settings into ${file}: ${error.message}`);
    current = DEFAULT_SETTINGS;
  }
  if (current !== DEFAULT_SETTINGS && !settings) return; // existing settings are left alone
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `${JSON.stringify({ ...current, ...settings }, null, 2)}\n`);
}

/**
 * Starts code-server on 127.0.0.1 with `folder` open. `env` is added to the server's environment,
 * which its extension hosts inherit (PORT, CODE_SERVER_HOST, CODE_SERVER_CONFIG and
 * VSCODE_IPC_HOOK_CLI of our own environment are left out); `args` are extra code-server flags;
 * `settings` are merged into User/settings.json (written with quiet defaults when absent).
 * `workspaceTrust` keeps VS Code's workspace trust on (also set `security.workspace.trust.enabled`),
 * so the folder can be opened in restricted mode.
 * Resolves once the server listens, with { url, port, process, stop(), output() }.
 * @param {{ folder: string, userDataDir: string, extensionsDir: string, port?: number, args?: string[],
 *   env?: Record<string, string>, settings?: Record<string, unknown>, workspaceTrust?: boolean, timeoutMs?: number, log?: (line: string) => void }} options
 */
export async function startCodeServer({ folder, userDataDir, extensionsDir, port, args = [], env, settings, workspaceTrust = false, timeoutMs = 60_000, log = noop }) {
  const { entry } = await ensureCodeServer({ log });
  port ||= await freePort();
  await writeUserSettings(userDataDir, settings);
  await fs.mkdir(extensionsDir, { recursive: true });

  const child = spawn(
    process.execPath,
    [
      entry,
      ...NO_CONFIG_FILE,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      ...args,
      folder,
    ],
    // Own process group, so stop() also ends the extension host, pty host and file watcher.
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv(env) },
  );
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk).slice(-50_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const killGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => killGroup('SIGKILL');
  process.on('exit', killOnExit); // last resort if the caller never reaches stop()
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        killGroup('SIGTERM');
        const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      killGroup('SIGKILL'); // children that outlived the server
      process.off('exit', killOnExit);
    })());

  try {
    const url = await new Promise((resolve, reject) => {
      const fail = (why) => reject(new Error(`code-server ${why}. Its output:\n${output.trim()}`));
      const timer = setTimeout(() => fail(`did not start listening within ${timeoutMs / 1000} s`), timeoutMs);
      const onData = () => {
        const match = /HTTP server listening on (http:\/\/\S+)/.exec(output);
        if (!match) return;
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stderr.off('data', onData);
        resolve(match[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('error', (error) => fail(`could not be spawned (${error.message})`));
      child.once('exit', (code, signal) => fail(`exited before listening (${signal ?? `exit code ${code}`})`));
    });
    log(`code-server ${CODE_SERVER_VERSION} listening on ${url} (pid ${child.pid})`);
    return { url, port, process: child, stop, output: () => output };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Launches Debian's Chromium (playwright's own browser builds cannot be downloaded here).
 * Other playwright launch options pass through, e.g. handleSIGINT: false for callers that clean
 * up on signals themselves (playwright's own handler exits the process right away).
 */
export async function launchChromium({ headless = true, ...launchOptions } = {}) {
  const { chromium } = await import('playwright-core');
  checkSystemPackages(SYSTEM_REQUIREMENTS.filter((req) => req.pkg === 'chromium'));
  return chromium.launch({ ...launchOptions, executablePath: '/usr/bin/chromium', headless, args: CHROMIUM_ARGS });
}

// The workbench sends its own log lines through codeAutomationLog too, mixed with the extension
// host's console. These are the ones it writes on every run here; they are not test output.
const WORKBENCH_CHATTER = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /open-vsx\.org/, // the extension gallery is unreachable offline
  /^CodeExpectedError\b/, // VS Code's marker for errors it expects, e.g. a cancelled editor input
];

const toRemoteUri = (authority, file) => `vscode-remote://${authority}${pathToFileURL(path.resolve(file)).pathname}`;

/**
 * Runs an extension test suite (a module exporting `run(): Promise<void>`) inside the extension
 * host of a running code-server, the way VS Code's own web integration tests do: the workbench
 * reports the extension host's console through window.codeAutomationLog and its exit code
 * through window.codeAutomationExit. Console lines go unchanged to stdout (errors/warnings to
 * stderr). Resolves with the exit code (0 = suite passed). Pass `browser` to reuse one;
 * `logsDir` receives the workbench's log files. Environment for the extension host cannot be
 * passed from here (the web workbench has no such option): give `env` to startCodeServer.
 * @param {{ serverUrl: string, folder: string, extensionDevelopmentPath: string | string[], extensionTestsPath: string,
 *   timeoutMs?: number, log?: (line: string) => void, browser?: import('playwright-core').Browser, logsDir?: string, env?: never }} options
 * @returns {Promise<number>}
 */
export async function runExtensionTestsInBrowser({
  serverUrl,
  folder,
  extensionDevelopmentPath,
  extensionTestsPath,
  timeoutMs = 300_000,
  log = noop,
  browser,
  logsDir,
  env,
}) {
  if (env) throw new Error('runExtensionTestsInBrowser cannot set the extension host environment; pass env to startCodeServer instead');
  const url = new URL(serverUrl);
  const payload = [
    ...[extensionDevelopmentPath].flat().map((dir) => ['extensionDevelopmentPath', toRemoteUri(url.host, dir)]),
    ['extensionTestsPath', toRemoteUri(url.host, extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  url.searchParams.set('folder', path.resolve(folder));
  url.searchParams.set('payload', JSON.stringify(payload));

  const ownBrowser = !browser;
  browser ??= await launchChromium();
  const context = await browser.newContext();
  let settle;
  const finished = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  const timer = setTimeout(
    () =>
      settle.reject(
        new Error(
          `Extension tests did not finish within ${timeoutMs / 1000} s: the workbench never reported the ` +
            'extension host exiting (a test or activation may hang, or the extension host did not start).',
        ),
      ),
    timeoutMs,
  );
  finished.catch(noop); // it may settle before we await it; the await below still sees it
  let forwarding = true; // off once the run is over: the workbench then logs its shutdown
  const onDisconnected = () => settle.reject(new Error('Chromium closed while running the extension tests.'));
  browser.on('disconnected', onDisconnected);
  try {
    const page = await context.newPage();
    page.on('crash', () => settle.reject(new Error('The workbench page crashed while running the extension tests.')));
    await page.exposeFunction('codeAutomationExit', async (code, logs = []) => {
      forwarding = false;
      try {
        for (const { relativePath, contents } of logsDir ? logs : []) {
          const file = path.join(logsDir, relativePath);
          await fs.mkdir(path.dirname(file), { recursive: true });
          await fs.writeFile(file, contents);
        }
      } catch (error) {
        log(`could not save the workbench logs: ${error.message}`);
      }
      settle.resolve(code);
    });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (!forwarding) return;
      // Arguments arrive as console.log got them, format string included (mocha uses '%s').
      const text = format(...args);
      if (WORKBENCH_CHATTER.some((pattern) => pattern.test(text))) {
        if (type === 'error' || type === 'warn') log(`workbench ${type}: ${text.split('\n')[0]}`);
        return;
      }
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${text}\n`);
    });
    page.on('pageerror', (error) => log(`workbench page error: ${error.message}`));
    if (process.env.SDCOACH_DEBUG_WEBVIEWS) {
      // Webviews run in nested frames; their console and failed loads are otherwise invisible here.
      page.on('console', (message) => {
        if (message.type() === 'error' || message.text().startsWith('[sdcoach]')) log(`frame console ${message.type()}: ${message.text().slice(0, 300)}`);
      });
      page.on('requestfailed', (request) => log(`request failed: ${request.url().slice(-120)} ${request.failure()?.errorText}`));
    }

    log(`opening the workbench for ${extensionTestsPath}`);
    await page.goto(url.toString(), { waitUntil: 'domcontentloaded' });
    const code = await finished;
    log(`extension host exited with code ${code}`);
    return code;
  } finally {
    forwarding = false;
    clearTimeout(timer);
    browser.off('disconnected', onDisconnected);
    await context.close().catch(noop);
    if (ownBrowser) await browser.close().catch(noop);
  }
}
