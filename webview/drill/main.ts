import type { DrillChart, DrillEvidence, DrillGrade, DrillToHostMessage, DrillView, HostToDrillMessage } from '../../src/core/drills/drillProtocol';
import { describeMermaidError } from '../diagram/mermaidErrors';
import { currentThemeKind } from '../diagram/theme';
import { element } from '../dom';
import { mermaidSvg } from '../mermaidSvg';
import { getVsCodeApi } from '../vscodeApi';

/** Kept by VS Code for the panel serializer: which drill this panel shows. */
interface PanelState {
  entryId: string;
}

const vscode = getVsCodeApi<DrillToHostMessage, PanelState>();
const root = document.getElementById('drill') as HTMLElement;

let current: DrillView | undefined;
/** Clues on screen, so a newly revealed one gets the focus (and is announced) instead of re-rendering in silence. */
let shownClues = 0;
let drawing: Promise<void> = Promise.resolve();

function button(label: string, command: Extract<DrillToHostMessage, { type: 'command' }>['command'], primary = false, disabled = false): HTMLButtonElement {
  const node = element('button', primary ? 'primary' : undefined, label);
  node.type = 'button';
  node.dataset.command = command;
  node.disabled = disabled;
  node.addEventListener('click', () => vscode.postMessage({ type: 'command', command }));
  return node;
}

function chartBox(chart: DrillChart, title: string): HTMLElement {
  const box = element('figure', 'chart');
  const canvas = element('div', 'canvas');
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${current?.labels.chart.replace('{0}', title) ?? title} (${chart.unit})`);
  canvas.dataset.source = chart.source;
  const legend = element('ul', 'legend');
  for (const item of chart.legend) {
    const row = element('li');
    const swatch = element('span', 'swatch');
    swatch.style.background = item.color;
    row.append(swatch, element('span', undefined, item.name));
    legend.append(row);
  }
  box.append(canvas, legend);
  return box;
}

function dataTable(evidence: Extract<DrillEvidence, { kind: 'metric' }>, labels: DrillView['labels']): HTMLElement {
  const details = element('details', 'data');
  details.append(element('summary', undefined, labels.table));
  const table = element('table');
  const head = element('tr');
  head.append(element('th', undefined, labels.time), ...evidence.table.series.map((s) => element('th', undefined, `${s.name} (${s.unit})`)));
  table.append(head);
  evidence.table.x.forEach((x, index) => {
    const row = element('tr');
    row.append(element('td', undefined, x), ...evidence.table.series.map((s) => element('td', undefined, String(s.values[index]))));
    table.append(row);
  });
  details.append(table);
  return details;
}

function evidenceItem(evidence: DrillEvidence, labels: DrillView['labels']): HTMLLIElement {
  const item = element('li', evidence.kind);
  item.tabIndex = -1;
  const heading = element('h2');
  heading.append(element('span', 'kind', labels.kinds[evidence.kind]), evidence.title);
  item.append(heading);
  if (evidence.kind === 'metric') {
    for (const chart of evidence.charts) item.append(chartBox(chart, evidence.title));
    item.append(dataTable(evidence, labels));
  } else {
    item.append(element('pre', undefined, evidence.text));
  }
  if (evidence.note) item.append(element('p', 'note', evidence.note));
  return item;
}

function gradeSection(grade: DrillGrade, labels: DrillView['labels']): HTMLElement {
  const section = element('section', 'grade');
  section.setAttribute('aria-live', 'polite');
  section.append(element('h2', undefined, `${labels.gradeHeading} · ${grade.at}`));
  const line = element('p', 'scoreline');
  line.append(
    `${labels.rubric}: ${grade.rubric} / 100 · ${labels.penalty}: −${grade.penalty} · `,
    element('strong', 'final', `${labels.final}: ${grade.final} / 100`),
    ` (${grade.level})`,
  );
  const list = element('ul', 'criteria');
  for (const criterion of grade.criteria) {
    const row = element('li');
    row.append(element('span', undefined, criterion.title), element('span', 'score', `${criterion.score} / ${criterion.max}`));
    if (criterion.missing.length) row.append(element('span', 'missing', `${labels.missing}: ${criterion.missing.join(', ')}`));
    list.append(row);
  }
  section.append(line, list);
  return section;
}

function render(view: DrillView): void {
  const previous = shownClues;
  current = view;
  vscode.setState({ entryId: view.entryId });
  const header = element('header');
  header.append(element('h1', undefined, view.title), element('p', 'summary', view.summary));
  const progress = element('p', 'progress', view.progress);
  progress.setAttribute('role', 'status');
  const toolbar = element('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  const left = view.total - view.revealed;
  toolbar.append(
    button(left > 0 ? view.labels.nextClue : view.labels.noMoreClues, 'nextClue', true, left === 0),
    button(view.labels.answer, 'answer'),
    button(view.labels.grade, 'grade'),
    button(view.labels.statement, 'statement'),
    button(view.labels.reference, 'reference'),
  );
  const list = element('ol', 'evidence');
  const items = view.evidence.map((evidence) => evidenceItem(evidence, view.labels));
  list.append(...items);
  root.replaceChildren(header, progress, toolbar, list, ...(view.grade ? [gradeSection(view.grade, view.labels)] : []));
  root.removeAttribute('aria-busy');
  shownClues = view.evidence.length;
  // A clue just revealed: bring it into view and give it the focus, so keyboard and screen-reader users land on it.
  if (previous > 0 && shownClues > previous) {
    const fresh = items[previous];
    fresh.focus({ preventScroll: true });
    fresh.scrollIntoView({ block: 'nearest' });
  }
  schedule();
}

async function drawCharts(): Promise<void> {
  const canvases = [...root.querySelectorAll<HTMLElement>('.chart .canvas')].filter((canvas) => !canvas.dataset.drawn);
  if (!canvases.length) return;
  const theme = currentThemeKind(document.body);
  for (const canvas of canvases) {
    const source = canvas.dataset.source ?? '';
    try {
      // Cached per theme and source: revealing a clue does not redraw the charts above it.
      canvas.innerHTML = await mermaidSvg(source, theme, 'sdcoach-chart'); // mermaid's strict mode has sanitised the labels
      canvas.classList.remove('failed');
    } catch (error) {
      const { message } = describeMermaidError(error, source);
      canvas.textContent = message;
      canvas.closest('.chart')?.classList.add('failed');
      // The numbers stay readable in the table; the host tells the user what went wrong.
      canvas.closest('li')?.querySelector('details')?.setAttribute('open', '');
      vscode.postMessage({ type: 'chartFailed', title: canvas.closest('li')?.querySelector('h2')?.textContent ?? '', message });
    }
    canvas.dataset.drawn = theme;
  }
  root.dataset.charts = 'drawn';
}

function schedule(): void {
  delete root.dataset.charts;
  drawing = drawing.then(drawCharts, drawCharts);
}

window.addEventListener('message', (event: MessageEvent<HostToDrillMessage>) => {
  if (event.data?.type === 'show') render(event.data.view);
});
// Redraw in the new colours when the user switches theme.
new MutationObserver(() => {
  if (!current) return;
  root.querySelectorAll<HTMLElement>('.chart .canvas').forEach((canvas) => delete canvas.dataset.drawn);
  schedule();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });
vscode.postMessage({ type: 'ready' });
