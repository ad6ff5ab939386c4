import type { HostToInterviewMessage, InterviewCommand, InterviewToHostMessage, InterviewView } from '../../src/core/interview/interviewProtocol';
import { element } from '../dom';
import { getVsCodeApi } from '../vscodeApi';

/** The draft reply survives the panel being hidden or the window reloading. */
interface PanelState {
  draft: string;
}

const vscode = getVsCodeApi<InterviewToHostMessage, PanelState>();
const root = document.getElementById('interview') as HTMLElement;

// Built once; only their contents change, so focus and the draft stay put while the clock ticks.
const header = element('header');
const title = element('h1');
const clock = element('p', 'clock');
clock.setAttribute('role', 'timer');
const controls = element('div', 'controls');
const statementBox = element('details', 'statement');
const statementSummary = element('summary');
const statementText = element('pre');
statementBox.append(statementSummary, statementText);
const conversationHeading = element('h2');
const log = element('ol', 'messages');
log.setAttribute('aria-live', 'polite');
const form = element('form', 'reply');
const label = element('label');
label.htmlFor = 'reply-text';
const textarea = element('textarea');
textarea.id = 'reply-text';
textarea.rows = 4;
textarea.value = vscode.getState()?.draft ?? '';
const send = element('button', 'send');
send.type = 'submit';
form.append(label, textarea, send);
header.append(title, clock, controls);

let current: InterviewView | undefined;
/** Messages on screen (the list may instead hold the "no messages yet" line). */
let shownMessages = -1;

function button(text: string, command: InterviewCommand, primary = false): HTMLButtonElement {
  const node = element('button', primary ? 'primary' : undefined, text);
  node.type = 'button';
  node.dataset.command = command;
  node.addEventListener('click', () => vscode.postMessage({ type: 'command', command }));
  return node;
}

function render(view: InterviewView): void {
  const first = !current;
  current = view;
  title.textContent = view.title;
  clock.textContent = `${view.remaining} · ${view.phase} (${view.phaseIndex + 1}/${view.phaseCount})`;
  clock.dataset.urgency = view.urgency;
  controls.replaceChildren(
    ...(view.status === 'ended'
      ? []
      : [
          view.status === 'paused' ? button(view.labels.resume, 'resume', true) : button(view.labels.pause, 'pause'),
          button(view.labels.next, 'next'),
          button(view.labels.end, 'end'),
        ]),
  );
  statementSummary.textContent = view.labels.statement;
  statementText.textContent = view.statement;
  conversationHeading.textContent = view.labels.conversation;
  label.textContent = view.labels.reply;
  textarea.placeholder = view.labels.placeholder;
  send.textContent = view.labels.send;
  const ended = view.status === 'ended';
  textarea.disabled = ended;
  send.disabled = ended;
  if (shownMessages !== view.messages.length) {
    shownMessages = view.messages.length;
    log.replaceChildren(
      ...(view.messages.length
        ? view.messages.map((message) => {
            const item = element('li', message.from);
            item.append(element('span', 'meta', `${message.at} ${message.who}`), element('p', undefined, message.text));
            return item;
          })
        : [element('li', 'empty', view.labels.empty)]),
    );
    log.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }
  if (ended) form.replaceChildren(element('p', 'ended', view.labels.ended));
  if (first) {
    root.replaceChildren(header, statementBox, conversationHeading, log, form);
    root.removeAttribute('aria-busy');
  }
}

function submit(): void {
  const text = textarea.value.trim();
  if (!text || current?.status === 'ended') return;
  vscode.postMessage({ type: 'reply', text });
  textarea.value = '';
  vscode.setState({ draft: '' });
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  submit();
});
// Ctrl/⌘+Enter sends; Enter alone is a new line (answers are often several lines).
textarea.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    submit();
  }
});
textarea.addEventListener('input', () => vscode.setState({ draft: textarea.value }));

window.addEventListener('message', (event: MessageEvent<HostToInterviewMessage>) => {
  if (event.data?.type === 'show') render(event.data.view);
});
vscode.postMessage({ type: 'ready' });
