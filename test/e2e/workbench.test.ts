// End-to-end: the packaged VSIX installed into a real VS Code (code-server), driven through its UI in
// Chromium the way a user would: activity bar → Catalogue tree → Start Practice → rendered diagram.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Frame, Page } from 'playwright-core';
import { copySampleWorkspace, installVsix, launchChromium, startCodeServer } from '../../scripts/lib/vscodeHost.mjs';
import { fromSnapshot } from '../../src/core/catalog/catalogSnapshot';
import { FakeOpenAiServer } from '../support/fakeOpenAiServer';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const VSIX = join(ROOT, '.cache', 'system-design-coach.vsix');
const RESULTS = join(ROOT, 'test-results');

/** The frame holding every one of `selectors`. Searched afresh each time: webviews swap frames on reload. */
async function findFrame(page: Page, selector: string | string[], timeoutMs = 60_000): Promise<Frame> {
  const selectors = Array.isArray(selector) ? selector : [selector];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const found = await Promise.all(selectors.map((s) => frame.$(s).catch(() => null)));
      if (found.every(Boolean)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No frame contains ${selector} after ${timeoutMs} ms`);
    await page.waitForTimeout(250);
  }
}

/** F1, type the title, Enter. Retries while the workbench is still registering extension commands. */
async function runFromCommandPalette(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('F1');
    await page.keyboard.type(title);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: 3_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

describe('workbench (VSIX installed in code-server, driven in Chromium)', () => {
  let temp: string;
  let workspace: string;
  let server: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let page: Page;
  // The LLM endpoint the user settings point at (a local OpenAI-compatible server).
  const llm = new FakeOpenAiServer();
  let baseUrl = '';

  before(async () => {
    baseUrl = await llm.start();
    assert.ok(existsSync(VSIX), `${VSIX} exists (npm run package)`);
    temp = await mkdtemp(join(tmpdir(), 'sdcoach-e2e-'));
    workspace = join(temp, 'workspace');
    await copySampleWorkspace(workspace);
    const dirs = { userDataDir: join(temp, 'user-data'), extensionsDir: join(temp, 'extensions') };
    await installVsix({ vsixPath: VSIX, ...dirs });
    const settings = { 'sdcoach.llm.provider': 'openai-compatible', 'sdcoach.llm.baseUrl': baseUrl, 'sdcoach.llm.model': 'gpt-e2e' };
    server = await startCodeServer({ folder: workspace, ...dirs, settings });
    await mkdir(RESULTS, { recursive: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(server.url);
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
  });

  after(async () => {
    await llm.stop();
    await browser?.close();
    await server?.stop();
    if (temp) await rm(temp, { recursive: true, force: true });
  });

  it('shows the catalogue, starts a practice and renders its diagram', async () => {
    await page.click('.activitybar [aria-label^="System Design"]');
    const row = page.locator('.monaco-list-row', { hasText: 'Design a URL shortener' });
    await row.waitFor({ timeout: 30_000 });
    await page.locator('.monaco-list-row[aria-level="1"]', { hasText: 'System design' }).first().waitFor();

    // Selecting an entry shows its statement as rendered Markdown.
    await row.click();
    const preview = await findFrame(page, 'h1');
    assert.equal((await preview.textContent('h1'))?.trim(), 'Design a URL shortener');
    assert.ok(await preview.$('h2'), 'the statement has its sections');
    await page.screenshot({ path: join(RESULTS, 'e2e-statement.png') });

    // The inline "Start Practice" action appears on the hovered row.
    await row.hover();
    await row.locator('.action-label[aria-label^="Start Practice"]').click();

    const frame = await findFrame(page, '#diagram svg g.node');
    const labels = await frame.$$eval('#diagram svg g.node', (nodes) => nodes.map((n) => n.textContent?.trim()));
    assert.deepEqual(labels, ['Client', 'Service', 'Storage']);
    await page.locator('.tab', { hasText: 'answer.md' }).first().waitFor();
    assert.equal(await page.locator('.tab', { hasText: 'url-shortener.md' }).count(), 1, 'the statement stays open beside the answer');

    const answer = await readFile(join(workspace, 'system-design', 'url-shortener', 'answer.md'), 'utf8');
    assert.match(answer, /^# Design a URL shortener\n/);
    const diagram = await readFile(join(workspace, 'system-design', 'url-shortener', 'architecture.mmd'), 'utf8');
    assert.match(diagram, /^flowchart LR$/m);

    await page.mouse.move(0, 0);
    await page.screenshot({ path: join(RESULTS, 'e2e-workbench.png') });
  });

  it('adds a building block and a connection with the diagram UI, and saving writes them to the file', async () => {
    const frame = await findFrame(page, ['#palette .palette-item[data-key="cache"]', '#diagram svg g.node[data-node-id="service"]']);
    await frame.click('#palette .palette-item[data-key="cache"]');
    await frame.waitForSelector('#diagram svg g.node[data-node-id="cache"].sd-selected', { timeout: 30_000 });
    // Connect Service → the new cache: select, C, click the target, type a label, Enter.
    await frame.click('#diagram svg g.node[data-node-id="service"]');
    await frame.press('#diagram svg g.node[data-node-id="service"]', 'c');
    await frame.click('#diagram svg g.node[data-node-id="cache"]');
    await frame.fill('#connect-label', 'cache-aside');
    await frame.press('#connect-label', 'Enter');
    await frame.waitForSelector('#diagram svg path.edge-hit[data-edge-id="L_service_cache_0"]', { timeout: 30_000 });
    await page.locator('.tab.dirty', { hasText: 'architecture.mmd' }).first().waitFor();
    await page.screenshot({ path: join(RESULTS, 'e2e-diagram-edit.png') });

    // Undo and redo are VS Code's own, from the keyboard inside the diagram.
    await frame.focus('#diagram');
    await page.keyboard.press('Control+z');
    await frame.waitForSelector('#diagram svg path.edge-hit[data-edge-id="L_service_cache_0"]', { state: 'detached', timeout: 30_000 });
    await page.keyboard.press('Control+Shift+z');
    await frame.waitForSelector('#diagram svg path.edge-hit[data-edge-id="L_service_cache_0"]', { timeout: 30_000 });

    await runFromCommandPalette(page, 'File: Save');
    const file = join(workspace, 'system-design', 'url-shortener', 'architecture.mmd');
    const deadline = Date.now() + 30_000;
    let diagram = '';
    while (Date.now() < deadline && !diagram.includes('cache-aside')) {
      diagram = await readFile(file, 'utf8');
      await page.waitForTimeout(250);
    }
    assert.match(diagram, /^ {2}cache\[\(Redis cache\)\]$/m, 'the palette node, as one new line');
    assert.match(diagram, /^ {2}service -->\|"cache-aside"\| cache$/m, 'the connection (quoted: a dash could read as an arrow)');
    assert.match(diagram, /^ {2}client\(\[Client\]\) --> service\[Service\]$/m, 'the starter lines are untouched');
  });

  it('edits a ```mermaid block of a Markdown file from its CodeLens, and both diagram editors come back after a reload', async () => {
    await writeFile(join(workspace, 'notes.md'), '# Notes\n\n```mermaid\nflowchart LR\n  web[Web] --> api[API]\n```\n');
    await runFromCommandPalette(page, 'Go to File');
    await page.keyboard.type('notes.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'notes.md' }).first().waitFor();
    await page.keyboard.press('Enter');
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: 'Edit diagram' });
    await lens.first().waitFor({ timeout: 30_000 });
    await lens.first().click();
    const block = await findFrame(page, '#diagram svg g.node[data-node-id="api"]');
    await block.click('#palette .palette-item[data-key="queue"]');
    await block.waitForSelector('#diagram svg g.node[data-node-id="queue"]', { timeout: 30_000 });
    await page.locator('.tab', { hasText: 'notes.md: diagram at line 3' }).first().waitFor();

    // A window reload restores the block panel (WebviewPanelSerializer) and the .mmd diagram editor.
    await runFromCommandPalette(page, 'File: Save All');
    // Through the workbench, so it saves its editor state first (a bare page reload may not).
    await runFromCommandPalette(page, 'Developer: Reload Window');
    await page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 60_000 });
    await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
    try {
      await findFrame(page, '#diagram svg g.node[data-node-id="queue"]');
    } catch (error) {
      await page.screenshot({ path: join(RESULTS, 'e2e-block-restore-failure.png') });
      const { execSync } = await import('node:child_process');
      console.log(execSync(`find ${temp} -name '*.log' -path '*ystem*' | xargs -d '\\n' tail -n 30`, { encoding: 'utf8' }));
      throw error;
    }
    assert.match(await readFile(join(workspace, 'notes.md'), 'utf8'), /```mermaid\nflowchart LR\n {2}web\[Web\] --> api\[API\]\n {2}queue\[\/Kafka topic\/\]\n```\n$/);
    await page.screenshot({ path: join(RESULTS, 'e2e-block-restored.png') });
    // Restored webviews take focus as they load, which would close the next test's Quick Pick: close
    // them. The palette lists "Close All Editors in Group" too, so click the exact row.
    await page.keyboard.press('F1');
    await page.keyboard.type('View: Close All Editors');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: /View: Close All Editors(?! in Group)/ }).first().click();
    await page
      .waitForFunction(() => document.querySelectorAll('.tabs-container .tab').length === 0, undefined, { timeout: 30_000 })
      .catch(async (error) => {
        await page.screenshot({ path: join(RESULTS, 'e2e-close-all-failure.png') });
        throw error;
      });
  });

  it('searches the catalogue in Chinese, opens a hint, and shows the reference with its diagram drawn', async () => {
    // The container holds two views (Catalogue, Interview History): each shows its actions in its own header.
    const title = page.locator('.part.sidebar .pane-header', { hasText: /Catalogue/i });
    // The activity bar button toggles: click it only when the view is not already showing.
    if (!(await title.isVisible())) await page.click('.activitybar [aria-label^="System Design"]');
    await title.hover();
    assert.equal(await title.locator('.action-label[aria-label="Search Catalogue"]').count(), 1, 'Search is a view-title action');
    assert.equal(await title.locator('.action-label[aria-label="Filter Catalogue…"]').count(), 1, 'and so is Filter');
    await runFromCommandPalette(page, 'System Design: Search Catalogue');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
    await page.keyboard.type('缓存雪崩');
    try {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Cache avalanche after a batch warm-up' }).first().waitFor();
    } catch (error) {
      await page.screenshot({ path: join(RESULTS, 'e2e-search-failure.png') });
      throw error;
    }
    await page.keyboard.press('Enter');
    // The statement shows the alert; the other clues wait for the incident drill.
    const statement = await findFrame(page, ['h1:text("Cache avalanche after a batch warm-up")', 'h2:text("Evidence")']);
    assert.match((await statement.textContent('body')) ?? '', /more clue\(s\): reveal them one at a time/);

    const row = page.locator('.monaco-list-row', { hasText: 'Cache avalanche after a batch warm-up' }).first();
    await row.click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Show Next Hint' }).click();
    await page.locator('.notification-list-item', { hasText: 'Hint 1 of' }).first().waitFor();

    await row.click({ button: 'right' });
    await page.locator('.context-view .action-label', { hasText: 'Reveal Reference Answer' }).click();
    // It asks first.
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /Reveal the reference answer/);
    await dialog.locator('.monaco-button', { hasText: 'Reveal Reference' }).click();
    // The reference diagram is drawn in the preview too.
    await findFrame(page, ['h1:text("Reference: Cache avalanche after a batch warm-up")', '.sdcoach-mermaid svg g.node']);
    await page.screenshot({ path: join(RESULTS, 'e2e-reference.png') });
  });

  it('sets an API key in a password box and reviews with an LLM: consent, then both scores side by side', async () => {
    const KEY = 'sk-e2e-SECRET-a1b2c3d4e5f6g7h8';
    try {
      const catalog = fromSnapshot(await readFile(join(ROOT, 'dist', 'catalog.json'), 'utf8'))!;
      const entry = catalog.entries.find((candidate) => candidate.id === 'url-shortener')!;
      const practice = join(workspace, 'system-design', 'url-shortener');
      await writeFile(
        join(practice, 'answer.md'),
        '# Design a URL shortener\n\n## Estimates\n\nlinks_per_month = 100M\nwrite_qps = links_per_month / (30 * 86400)\n\n## High-level design\n\nCodes come from a segment allocator and are base62-encoded to seven characters.\nRedirects answer 302 so that every click is counted and links can be disabled.\nRedis caches code to URL (cache-aside), with negative caching for unknown codes.\n',
      );
      llm.reply({
        chunks: 10,
        content: JSON.stringify({
          criteria: entry.rubric.map((criterion, index) => ({
            id: criterion.id,
            score: Math.round(criterion.weight / 2),
            evidence: index === 0 ? [{ quote: 'Redirects answer 302 so that every click is counted' }, { quote: 'Links replicate across three regions with CRDTs.' }] : [],
            missing: index === 0 ? ['peak write and redirect QPS'] : [],
          })),
          level: 'senior',
          followUps: ['A link goes viral at 500k redirects per second: where does the load land?', 'How does the allocator avoid reissuing a range after failover?'],
          topFixes: ['Estimate the peak redirect QPS and size the cache from it.', 'Explain how a failed-over allocator never hands out a range twice.'],
        }),
      });
      await runFromCommandPalette(page, 'System Design: Set API Key');
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ timeout: 30_000 }).catch(async (error) => {
        await page.screenshot({ path: join(RESULTS, 'e2e-api-key-failure.png') });
        throw error;
      });
      assert.match((await page.locator('.quick-input-widget').textContent()) ?? '', new RegExp(`API key for ${baseUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
      await page.keyboard.type(KEY);
      await page.keyboard.press('Enter');
      await page.locator('.notification-list-item', { hasText: `API key stored for ${baseUrl}` }).first().waitFor({ timeout: 30_000 });

      // Close the previous test's previews (the scorecard then has the window to itself).
      await page.keyboard.press('F1');
      await page.keyboard.type('View: Close All Editors');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: /View: Close All Editors(?! in Group)/ }).first().click();
      await page.waitForFunction(() => document.querySelectorAll('.tabs-container .tab').length === 0, undefined, { timeout: 30_000 });
      await runFromCommandPalette(page, 'System Design: Review My Answer');
      const dialog = page.locator('.monaco-dialog-box');
      await dialog.waitFor({ timeout: 30_000 });
      assert.match((await dialog.textContent()) ?? '', new RegExp(`Send your answer to ${baseUrl.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?`));
      await dialog.locator('.monaco-button', { hasText: /^Send$/ }).click();

      const scorecard = await findFrame(page, 'section.llm table.compare');
      const heading = await scorecard.textContent('section.llm h2');
      assert.equal(heading, `LLM review — gpt-e2e at ${new URL(baseUrl).host}`);
      assert.equal(await scorecard.locator('table.compare tbody tr').count(), entry.rubric.length);
      assert.match((await scorecard.textContent('section.llm .dropped')) ?? '', /^1 quote\(s\) the model gave/);
      await page.locator('.notification-list-item', { hasText: /LLM: \d+\/100/ }).first().waitFor({ timeout: 30_000 });
      await runFromCommandPalette(page, 'Notifications: Clear All Notifications');
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(RESULTS, 'e2e-llm-review.png') });

      assert.equal(llm.requests.length, 1);
      assert.equal(llm.requests[0].headers.authorization, `Bearer ${KEY}`, 'the key typed in the box is the one sent');
      const review = await readFile(join(practice, 'review.md'), 'utf8');
      assert.match(review, /## LLM review — gpt-e2e at 127\.0\.0\.1:\d+/);
      // Settings, logs, review.md, the workspace: the key is in none of the files on disk.
      const { execFileSync } = await import('node:child_process');
      const leaks = (() => {
        try {
          return execFileSync('grep', ['-rlF', KEY, temp], { encoding: 'utf8' });
        } catch {
          return ''; // grep exits 1 when nothing matches
        }
      })();
      assert.equal(leaks, '', 'no file under the workspace or the VS Code profile holds the key');
    } finally {
      await page.keyboard.press('Escape');
    }
  });

  it('runs a mock interview: palette → entry, level, length → panel and status-bar clock → a reply → end → report', async () => {
    const catalog = fromSnapshot(await readFile(join(ROOT, 'dist', 'catalog.json'), 'utf8'))!;
    const entry = catalog.entries.find((candidate) => candidate.id === 'url-shortener')!;
    // The LLM endpoint of the user settings grades the end of the interview too.
    llm.reply({
      content: JSON.stringify({
        criteria: entry.rubric.map((criterion) => ({ id: criterion.id, score: Math.round(criterion.weight * 0.6), evidence: [], missing: [] })),
        level: 'senior',
        followUps: ['How do you keep custom domains’ certificates renewed?', 'Where does a viral link’s load land?'],
        topFixes: ['Put numbers on the read path before choosing the cache.', 'Say how the allocator survives a MySQL failover.'],
      }),
    });
    try {
      await runFromCommandPalette(page, 'System Design: Start Mock Interview');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await page.keyboard.type('Design a URL shortener');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Design a URL shortener' }).first().waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'senior' }).first().click();
      await page.locator('.quick-input-list .monaco-list-row', { hasText: '30 minutes' }).first().click();

      const clock = page.locator('.statusbar-item', { hasText: /\d+:\d\d · Requirements/ });
      await clock.first().waitFor({ timeout: 30_000 });
      const panel = await findFrame(page, ['#interview .clock', '#reply-text']);
      assert.match((await panel.textContent('.clock')) ?? '', /^(30:00|29:5\d) · Requirements \(1\/6\)$/);
      await panel.fill('#reply-text', 'Clarifying: 100M new links a month, 100:1 reads to writes, 7-character codes.');
      await panel.press('#reply-text', 'Control+Enter');
      await panel.waitForSelector('ol.messages li.candidate');
      const sessions = join(workspace, 'system-design', 'sessions');
      const [session] = await readdir(sessions);
      assert.match(session, /^\d{4}-\d{2}-\d{2}-\d{4}-url-shortener$/);
      // The session's diagram opens beside the panel, after it.
      await findFrame(page, '#diagram svg g.node');
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(RESULTS, 'e2e-interview.png') });

      // A window reload (or a crash) does not lose the interview: the clock comes back, still running.
      await runFromCommandPalette(page, 'Developer: Reload Window');
      await page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 60_000 });
      await page.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
      await clock.first().waitFor({ timeout: 60_000 });
      await runFromCommandPalette(page, 'System Design: Open Interview Panel');
      const reopened = await findFrame(page, ['#interview .clock', 'ol.messages li.candidate']);
      assert.match((await reopened.textContent('ol.messages li.candidate')) ?? '', /Clarifying: 100M new links a month/);

      await reopened.click('button[data-command="next"]');
      await page.locator('.statusbar-item', { hasText: /· Estimates/ }).first().waitFor({ timeout: 10_000 });
      await reopened.click('button[data-command="end"]');
      const report = await findFrame(page, ['h1:text("Mock interview: Design a URL shortener")', 'h2:text-matches("^Verdict: ")']);
      assert.ok(await report.$('table'), 'scores and time per phase are tables');
      await page.locator('.notification-list-item', { hasText: /Mock interview over: \d+\/100/ }).first().waitFor({ timeout: 30_000 });
      await runFromCommandPalette(page, 'Notifications: Clear All Notifications');
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(RESULTS, 'e2e-interview-report.png') });
      const text = await readFile(join(sessions, session, 'report.md'), 'utf8');
      assert.match(text, /mean of the offline review \(\d+\) and the LLM review \(\d+\)/, 'graded by both critics');
      assert.match(text, /1\. Put numbers on the read path/);
      const transcript = await readFile(join(sessions, session, 'transcript.md'), 'utf8');
      assert.match(transcript, /\*\*0:\d\d You:\*\* Clarifying: 100M new links a month/);
      assert.equal(await clock.count(), 0, 'the clock leaves the status bar');

      // The history lists it; its progress page draws the score chart.
      await runFromCommandPalette(page, 'System Design: Show Interview Progress');
      const progress = await findFrame(page, ['h1:text("Interview progress")', '.sdcoach-mermaid svg']);
      assert.match((await progress.textContent('body')) ?? '', /Design a URL shortener — 1 session\(s\)/);
    } catch (error) {
      await page.screenshot({ path: join(RESULTS, 'e2e-interview-failure.png') });
      throw error;
    }
  });

  it('runs an incident drill: palette → incident → the alert only → reveal a clue from the keyboard → its charts are drawn', async () => {
    try {
      await runFromCommandPalette(page, 'View: Close All Editors');
      await runFromCommandPalette(page, 'System Design: Start Incident Drill');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await page.keyboard.type('Cache avalanche');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Cache avalanche after a batch warm-up' }).first().waitFor();
      await page.keyboard.press('Enter');
      const drill = await findFrame(page, ['#drill ol.evidence li.alert', 'button[data-command="nextClue"]']);
      assert.equal(await drill.locator('ol.evidence > li').count(), 1, 'only the alert at first');
      await drill.focus('button[data-command="nextClue"]');
      await drill.press('button[data-command="nextClue"]', 'Enter');
      await drill.waitForSelector('ol.evidence > li.metric .chart svg');
      assert.match((await drill.textContent('.progress')) ?? '', /^Clue 2 of \d+ · clues cost 3 point\(s\) so far$/);
      assert.ok(await page.locator('.tab', { hasText: 'answer.md' }).first().isVisible(), 'the write-up is open beside it');
      await page.mouse.move(0, 0);
      await page.screenshot({ path: join(RESULTS, 'e2e-incident-drill.png') });
    } catch (error) {
      await page.screenshot({ path: join(RESULTS, 'e2e-incident-drill-failure.png') });
      throw error;
    }
  });

  it('in an untrusted workspace the LLM review is off: the offline review runs and nothing is sent, to the user’s endpoint or the one the workspace’s settings name', async () => {
    const untrusted = join(temp, 'untrusted');
    await copySampleWorkspace(untrusted);
    const practice = join(untrusted, 'system-design', 'url-shortener');
    await mkdir(practice, { recursive: true });
    await writeFile(join(practice, 'answer.md'), '# Design a URL shortener\n\nRedirects answer 302; Redis cache-aside in front of MySQL.\n');
    // A cloned repository that tries to send answers (and keys) elsewhere.
    await mkdir(join(untrusted, '.vscode'), { recursive: true });
    await writeFile(join(untrusted, '.vscode', 'settings.json'), JSON.stringify({ 'sdcoach.llm.provider': 'openai-compatible', 'sdcoach.llm.baseUrl': `${baseUrl}/from-the-workspace`, 'sdcoach.llm.model': 'evil' }));
    const second = await startCodeServer({
      folder: untrusted,
      userDataDir: join(temp, 'user-data-untrusted'),
      extensionsDir: join(temp, 'extensions'),
      settings: { 'security.workspace.trust.enabled': true, 'sdcoach.llm.provider': 'openai-compatible', 'sdcoach.llm.baseUrl': baseUrl, 'sdcoach.llm.model': 'gpt-e2e' },
      workspaceTrust: true,
    });
    const restricted = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const requestsBefore = llm.requests.length;
    try {
      await restricted.goto(second.url);
      await restricted.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
      const trustDialog = restricted.locator('.monaco-dialog-box', { hasText: /trust the authors/i });
      await trustDialog.waitFor({ timeout: 30_000 });
      await trustDialog.locator('.monaco-button', { hasText: /^No, I don.t trust the authors$/ }).click();
      await restricted.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 30_000 });

      await runFromCommandPalette(restricted, 'System Design: Review My Answer');
      await restricted.locator('.notification-list-item', { hasText: '(The LLM review is off in untrusted workspaces.)' }).first().waitFor({ timeout: 30_000 });
      const review = await readFile(join(practice, 'review.md'), 'utf8');
      assert.match(review, /^# Review: Design a URL shortener/, 'the offline review is written');
      assert.ok(!review.includes('## LLM review'));
      assert.equal(llm.requests.length, requestsBefore, 'nothing was sent, to either endpoint');
      assert.equal(await restricted.locator('.monaco-dialog-box', { hasText: 'Send your answer' }).count(), 0, 'no consent was asked');
    } catch (error) {
      await restricted.screenshot({ path: join(RESULTS, 'e2e-untrusted-failure.png') });
      throw error;
    } finally {
      await restricted.close();
      await second.stop();
    }
  });

  it('in a window without a folder, Start Practice offers to open one and statements open from the palette', async () => {
    const empty = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      await empty.goto(`${server.url}?ew=true`);
      await empty.waitForSelector('.monaco-workbench .activitybar', { timeout: 60_000 });
      await runFromCommandPalette(empty, 'System Design: Start Practice');
      const toast = empty.locator('.notification-list-item', { hasText: 'Open a folder first' });
      await toast.waitFor({ timeout: 30_000 });
      assert.ok(await toast.locator('.monaco-button', { hasText: 'Open Folder' }).isVisible(), 'it offers to open a folder');

      // Reading needs no folder: Open Statement, pick by typing, Enter — keyboard only.
      await runFromCommandPalette(empty, 'System Design: Open Statement');
      await empty.locator('.quick-input-list .monaco-list-row').first().waitFor();
      await empty.keyboard.type('rebalance');
      await empty.locator('.quick-input-list .monaco-list-row', { hasText: 'Rebalance storm' }).first().waitFor();
      await empty.keyboard.press('Enter');
      const preview = await findFrame(empty, 'h1');
      assert.equal((await preview.textContent('h1'))?.trim(), 'Rebalance storm and a growing consumer backlog');
    } catch (error) {
      await mkdir(RESULTS, { recursive: true });
      await empty.screenshot({ path: join(RESULTS, 'e2e-no-folder-failure.png') });
      throw error;
    } finally {
      await empty.close();
    }
  });
});
