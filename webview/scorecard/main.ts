import type { HostToScorecardMessage, ScorecardData, ScorecardLlm, ScorecardPlace, ScorecardToHostMessage } from '../../src/core/scorecardProtocol';
import { element } from '../dom';
import { getVsCodeApi } from '../vscodeApi';

const vscode = getVsCodeApi<ScorecardToHostMessage, undefined>();
const root = document.getElementById('scorecard') as HTMLElement;

function placeLink(place: ScorecardPlace): HTMLButtonElement {
  const button = element('button', 'place', place.label);
  button.type = 'button';
  button.addEventListener('click', () => vscode.postMessage({ type: 'reveal', file: place.file, line: place.line }));
  return button;
}

function render(data: ScorecardData): void {
  const header = element('header');
  header.append(element('h1', undefined, data.title));
  const total = element('p', 'total');
  total.append(element('strong', undefined, `${data.headings.score}: ${data.total} / 100`), ` · ${data.headings.level}: ${data.level}`);
  header.append(total, element('p', 'note', data.headings.note));

  const criteria = element('section');
  criteria.append(element('h2', undefined, data.headings.criteria));
  for (const criterion of data.criteria) {
    const card = element('article', 'criterion');
    const title = element('h3');
    title.append(element('span', undefined, criterion.title), element('span', 'score', `${criterion.score} / ${criterion.max}`));
    const meter = element('div', 'meter');
    meter.setAttribute('role', 'meter');
    meter.setAttribute('aria-valuemin', '0');
    meter.setAttribute('aria-valuemax', String(criterion.max));
    meter.setAttribute('aria-valuenow', String(criterion.score));
    meter.setAttribute('aria-label', criterion.title);
    const fill = element('div', 'fill');
    fill.style.width = `${criterion.max ? Math.round((criterion.score / criterion.max) * 100) : 0}%`;
    meter.append(fill);
    const list = element('ul');
    for (const item of criterion.evidence) {
      const row = element('li', 'found');
      row.append(element('span', 'mark', '✓'), element('span', undefined, item.text));
      if (item.place) row.append(placeLink(item.place));
      list.append(row);
    }
    for (const item of criterion.missing) {
      const row = element('li', 'missing');
      row.append(element('span', 'mark', '✗'), element('span', undefined, `${data.headings.missing}: ${item}`));
      list.append(row);
    }
    card.append(title, meter, list);
    criteria.append(card);
  }

  const findings = element('section');
  findings.append(element('h2', undefined, data.headings.findings));
  if (!data.findings.length) findings.append(element('p', 'none', data.headings.none));
  const findingList = element('ul');
  for (const finding of data.findings) {
    const row = element('li', `finding ${finding.severity}`);
    row.append(element('span', 'severity', finding.severity), element('span', undefined, finding.message), placeLink(finding.place));
    findingList.append(row);
  }
  findings.append(findingList);

  const estimates = element('section');
  estimates.append(element('h2', undefined, data.headings.estimates));
  if (!data.estimates.length) estimates.append(element('p', 'none', data.headings.none));
  const estimateList = element('ul');
  for (const estimate of data.estimates) {
    const row = element('li', estimate.warning ? 'estimate warn' : 'estimate');
    row.append(element('code', undefined, estimate.text));
    if (estimate.warning) row.append(element('span', 'warning', estimate.warning));
    row.append(placeLink(estimate.place));
    estimateList.append(row);
  }
  estimates.append(estimateList);
  root.replaceChildren(...(data.llm ? [header, llmSection(data.llm), criteria, findings, estimates] : [header, criteria, findings, estimates]));
  root.removeAttribute('aria-busy');
}

/** The LLM critic beside the offline scores: a table, then its quotes (each opens the line), follow-ups and fixes. */
function llmSection(llm: ScorecardLlm): HTMLElement {
  const section = element('section', 'llm');
  section.setAttribute('aria-label', llm.heading);
  section.append(element('h2', undefined, llm.heading), element('p', 'total', llm.summary), element('p', 'note', llm.note));
  if (llm.dropped) section.append(element('p', 'dropped', llm.dropped));
  const table = element('table', 'compare');
  const head = element('tr');
  for (const label of [llm.columns.criterion, llm.columns.offline, llm.columns.llm, llm.columns.agreement]) {
    const cell = element('th', undefined, label);
    cell.scope = 'col';
    head.append(cell);
  }
  const thead = element('thead');
  thead.append(head);
  const tbody = element('tbody');
  for (const criterion of llm.criteria) {
    const row = element('tr', criterion.agreement);
    const title = element('th', undefined, criterion.title);
    title.scope = 'row';
    row.append(
      title,
      element('td', 'num', `${criterion.offline} / ${criterion.max}`),
      element('td', 'num', `${criterion.llm} / ${criterion.max}`),
      element('td', 'agreement', criterion.agreementLabel),
    );
    tbody.append(row);
  }
  table.append(thead, tbody);
  section.append(table);
  for (const criterion of llm.criteria) {
    if (!criterion.evidence.length && !criterion.missing.length) continue;
    const card = element('article', 'criterion');
    const title = element('h3');
    title.append(element('span', undefined, criterion.title), element('span', 'score', `${criterion.llm} / ${criterion.max}`));
    const list = element('ul');
    for (const item of criterion.evidence) {
      const row = element('li', 'found');
      row.append(element('span', 'mark', '✓'), element('span', undefined, item.text), placeLink(item.place));
      list.append(row);
    }
    for (const item of criterion.missing) {
      const row = element('li', 'missing');
      row.append(element('span', 'mark', '✗'), element('span', undefined, item));
      list.append(row);
    }
    card.append(title, list);
    section.append(card);
  }
  const numbered = (heading: string, items: string[], className: string) => {
    const block = element('div', className);
    const list = element('ol');
    for (const item of items) list.append(element('li', undefined, item));
    block.append(element('h3', undefined, heading), list);
    return block;
  };
  section.append(numbered(llm.followUpsHeading, llm.followUps, 'follow-ups'), numbered(llm.fixesHeading, llm.fixes, 'fixes'));
  if (llm.droppedQuotes.length) section.append(numbered(llm.droppedHeading, llm.droppedQuotes, 'dropped-quotes'));
  return section;
}

window.addEventListener('message', (event: MessageEvent<HostToScorecardMessage>) => {
  if (event.data?.type === 'show') render(event.data.data);
});
vscode.postMessage({ type: 'ready' });
