// `npm test`: every check, in order, with one summary at the end.
// Steps keep going after a failing check so one run shows everything; a failed build stops the run.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** name, npm script, whether later steps depend on it */
const STEPS = [
  ['typecheck', 'typecheck', false],
  ['lint', 'lint', false],
  ['build', 'build', true],
  ['unit', 'test:unit', false],
  ['webview', 'test:webview', false],
  ['integration', 'test:integration', false],
  ['package', 'package', true],
  ['e2e', 'test:e2e', false],
];

/** Counts from node's test runner (`ℹ pass 3`) or mocha (`3 passing`). */
function countTests(output) {
  const count = (pattern) => [...output.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
  const passed = count(/^ℹ pass (\d+)$/gm) + count(/^\s*(\d+) passing\b/gm);
  const failed = count(/^ℹ fail (\d+)$/gm) + count(/^\s*(\d+) failing\b/gm);
  return { passed, failed };
}

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const forward = (stream, sink) =>
      stream.on('data', (chunk) => {
        output += chunk;
        sink.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const results = [];
for (const [name, script, required] of STEPS) {
  console.log(`\n=== ${name} (npm run ${script}) ===`);
  const started = Date.now();
  const { code, output } = await run(script);
  const { passed, failed } = countTests(output);
  results.push({ name, code, passed, failed, seconds: (Date.now() - started) / 1000 });
  if (code !== 0 && required) {
    console.error(`\n${name} failed; the remaining steps need it.`);
    break;
  }
}

console.log('\n=== summary ===');
let passed = 0;
let failed = 0;
for (const step of results) {
  const tests = step.passed || step.failed ? ` ${step.passed} passed, ${step.failed} failed` : '';
  console.log(`${step.code === 0 ? 'ok  ' : 'FAIL'} ${step.name.padEnd(12)} ${step.seconds.toFixed(1).padStart(6)} s${tests}`);
  passed += step.passed;
  // A failing step without test counts (typecheck, lint, build…) still counts as one failure.
  failed += step.failed || (step.code !== 0 ? 1 : 0);
}
const skipped = STEPS.length - results.length;
console.log(`Summary: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed || results.some((step) => step.code !== 0) ? 1 : 0;
