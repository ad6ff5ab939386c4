import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InterviewView } from '../../src/core/interview/interviewProtocol';
import { interviewHtml } from '../../src/interview/interviewHtml';
import { NONCE, startHarness, type Harness } from './harness';

const view = (overrides: Partial<InterviewView> = {}): InterviewView => ({
  title: 'Interview: Design a URL shortener',
  statement: '# Design a URL shortener\n\nTurn long URLs into 7-character codes.',
  phase: 'High-level design',
  phaseIndex: 3,
  phaseCount: 6,
  remaining: '17:42',
  urgency: 'ok',
  status: 'running',
  messages: [
    { at: '12:00', from: 'interviewer', who: 'Interviewer', text: 'Sales sells a premium tier with custom domains. What changes?' },
    { at: '12:40', from: 'candidate', who: 'You', text: 'The shard key becomes (domain, code).' },
  ],
  labels: {
    statement: 'Problem statement',
    conversation: 'Conversation',
    reply: 'Your reply',
    send: 'Send (Ctrl+Enter)',
    pause: 'Pause',
    resume: 'Resume',
    next: 'Next Phase',
    end: 'End and Grade',
    placeholder: 'Answer the interviewer here',
    empty: 'No messages yet',
    ended: 'The interview has ended.',
  },
  ...overrides,
});

describe('interview panel (built bundle, extension CSP, Chromium)', () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness();
  });
  after(async () => {
    await harness?.close();
  });

  const open = async () => {
    const page = await harness.openPage({
      html: interviewHtml({ cspSource: harness.origin, scriptUri: `${harness.origin}/interview.js`, styleUri: `${harness.origin}/interview.css`, nonce: NONCE, language: 'en' }),
    });
    await page.waitForPosted((m) => (m as { type: string }).type === 'ready', 'ready');
    return page;
  };

  it('shows the clock, phase and conversation; Ctrl+Enter sends a reply and clears the box; buttons send commands', async () => {
    const panel = await open();
    await panel.page.evaluate((v) => window.postMessage({ type: 'show', view: v }, '*'), view());
    await panel.page.waitForSelector('#interview:not([aria-busy])');
    assert.equal(await panel.page.textContent('.clock'), '17:42 · High-level design (4/6)');
    assert.equal(await panel.page.getAttribute('.clock', 'role'), 'timer');
    assert.deepEqual(await panel.page.$$eval('ol.messages li', (items) => items.map((item) => [item.className, item.querySelector('.meta')?.textContent])), [
      ['interviewer', '12:00 Interviewer'],
      ['candidate', '12:40 You'],
    ]);
    assert.equal(await panel.page.getAttribute('ol.messages', 'aria-live'), 'polite');

    await panel.page.fill('#reply-text', 'Custom domains need their own TLS certificates.\nACME with a wildcard is not enough.');
    await panel.page.press('#reply-text', 'Control+Enter');
    const sent = await panel.waitForPosted((m) => (m as { type: string }).type === 'reply', 'reply');
    assert.deepEqual(sent, { type: 'reply', text: 'Custom domains need their own TLS certificates.\nACME with a wildcard is not enough.' });
    assert.equal(await panel.page.inputValue('#reply-text'), '');

    await panel.page.click('button[data-command="next"]');
    assert.deepEqual(await panel.waitForPosted((m) => (m as { type: string }).type === 'command', 'command'), { type: 'command', command: 'next' });

    // The clock ticks without disturbing a half-written reply or its focus.
    await panel.page.fill('#reply-text', 'half written');
    await panel.page.focus('#reply-text');
    await panel.page.evaluate((v) => window.postMessage({ type: 'show', view: v }, '*'), view({ remaining: '4:59', urgency: 'low' }));
    await panel.page.waitForFunction(() => document.querySelector('.clock')?.textContent?.startsWith('4:59'));
    assert.equal(await panel.page.getAttribute('.clock', 'data-urgency'), 'low');
    assert.equal(await panel.page.inputValue('#reply-text'), 'half written');
    assert.equal(await panel.page.evaluate(() => document.activeElement?.id), 'reply-text');
    assert.deepEqual(panel.cspViolations, []);
    assert.deepEqual(panel.foreignRequests, []);
    await panel.page.context().close();
  });

  it('the first message replaces the "no messages yet" line', async () => {
    const panel = await open();
    await panel.page.evaluate((v) => window.postMessage({ type: 'show', view: v }, '*'), view({ messages: [] }));
    await panel.page.waitForSelector('ol.messages li.empty');
    const one = view().messages.slice(1);
    await panel.page.evaluate((v) => window.postMessage({ type: 'show', view: v }, '*'), view({ messages: one }));
    await panel.page.waitForSelector('ol.messages li.candidate');
    assert.equal(await panel.page.locator('ol.messages li').count(), 1);
    await panel.page.context().close();
  });

  it('paused shows Resume; ended disables the reply box and says where the report is', async () => {
    const panel = await open();
    await panel.page.evaluate((v) => window.postMessage({ type: 'show', view: v }, '*'), view({ status: 'paused' }));
    await panel.page.waitForSelector('button[data-command="resume"]');
    assert.equal(await panel.page.locator('button[data-command="pause"]').count(), 0);
    await panel.page.evaluate((v) => window.postMessage({ type: 'show', view: v }, '*'), view({ status: 'ended', remaining: '-1:05', urgency: 'over' }));
    await panel.page.waitForSelector('.ended');
    assert.equal(await panel.page.textContent('.ended'), 'The interview has ended.');
    assert.equal(await panel.page.locator('.controls button').count(), 0);
    assert.equal(await panel.page.getAttribute('.clock', 'data-urgency'), 'over');
    await panel.page.context().close();
  });
});
