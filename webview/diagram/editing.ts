import type { PaletteEntry } from '../../src/core/diagramPalette';
import type { DiagramWebviewStrings } from '../../src/core/diagramProtocol';
import type { DiagramEdit } from '../../src/core/flowchart/flowchartEdits';
import type { FlowchartSource } from '../../src/core/flowchart/flowchartScanner';

type Selection = { kind: 'node'; id: string } | { kind: 'edge'; id: string } | undefined;

export interface EditingHost {
  canvas: HTMLElement;
  /** Plans the edit on the current text and sends it; `error` says why it could not. */
  apply(edit: DiagramEdit): { error?: string; select?: string };
  /** The flowchart as last received from the host (undefined: not a flowchart). */
  source(): FlowchartSource | undefined;
  /** True while (and just after) the user drags to pan: that click is not a selection. */
  dragged(): boolean;
  /** Pans so that the element is in view. */
  reveal(element: Element): void;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const format = (template: string, ...values: string[]) =>
  values.reduce((text, value, index) => text.replace(`{${index}}`, value), template);

/**
 * Visual editing on the rendered SVG: select with click or Tab, connect (C, then a target),
 * rename (double-click, F2 or Enter), delete (Delete), palette inserts, direction. Every action
 * becomes a DiagramEdit that the host applies to the document; the next render shows it.
 */
export class DiagramEditing {
  private strings!: DiagramWebviewStrings;
  private editable = false;
  private selection: Selection;
  /** The node or edge that had keyboard focus, given back to its new element after each render. */
  private focused: Selection;
  private connectFrom: string | undefined;
  /** A node the next render should select (one just inserted). */
  private pendingSelect: string | undefined;
  private readonly status = byId<HTMLElement>('status');
  private readonly palette = byId<HTMLElement>('palette');
  private readonly inlineEditor = byId<HTMLInputElement>('inline-editor');
  private readonly connectForm = byId<HTMLFormElement>('connect-form');
  private readonly direction = byId<HTMLSelectElement>('direction');
  private inlineCommit: ((value: string) => void) | undefined;
  private connectTarget: string | undefined;

  constructor(private readonly host: EditingHost) {
    const { canvas } = host;
    canvas.addEventListener('click', (event) => this.onClick(event));
    canvas.addEventListener('dblclick', (event) => this.onDoubleClick(event));
    canvas.addEventListener('keydown', (event) => this.onKey(event));
    canvas.addEventListener('focusin', (event) => {
      const target = this.targetOf(event.target);
      this.focused = target;
      if (target && !this.connectFrom) this.select(target);
    });
    canvas.addEventListener('focusout', (event) => {
      // Leaving the diagram (not a re-render that removed the focused node) forgets the focus.
      if (event.relatedTarget) this.focused = undefined;
    });
    byId('connect').addEventListener('click', () => this.startConnect());
    byId('toggle-palette').addEventListener('click', () => {
      this.paletteHidden = !this.paletteHidden;
      this.onPaletteToggled(this.paletteHidden);
      this.refreshControls();
    });
    byId('rename').addEventListener('click', () => this.renameSelection());
    byId('delete').addEventListener('click', () => this.deleteSelection());
    this.direction.addEventListener('change', () => {
      const value = this.direction.value as 'TB' | 'BT' | 'LR' | 'RL';
      this.run({ op: 'setDirection', direction: value });
    });
    this.inlineEditor.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.closeInlineEditor(true);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.closeInlineEditor(false);
      }
    });
    this.inlineEditor.addEventListener('blur', () => this.closeInlineEditor(true));
    this.connectForm.addEventListener('submit', (event) => {
      event.preventDefault();
      this.finishConnect();
    });
    this.connectForm.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        this.cancelConnect();
      }
    });
    byId('connect-cancel').addEventListener('click', () => this.cancelConnect());
  }

  /** Whether the palette is folded away (narrow panels); remembered in the webview state. */
  paletteHidden = false;
  onPaletteToggled: (hidden: boolean) => void = () => undefined;

  init(strings: DiagramWebviewStrings, palette: PaletteEntry[], editable: boolean): void {
    this.strings = strings;
    this.editable = editable;
    byId('palette-title').textContent = strings.palette;
    byId('palette-hint').textContent = strings.paletteHint;
    this.palette.setAttribute('aria-label', strings.palette);
    const items = byId('palette-items');
    items.setAttribute('aria-label', strings.palette);
    items.replaceChildren(
      ...palette.map((entry) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = `palette-item kind-${entry.kind}`;
        button.dataset.key = entry.key;
        button.textContent = entry.label;
        button.title = `${entry.label} (${entry.open}…${entry.close})`;
        button.addEventListener('click', () => {
          this.run({ op: 'addNode', stem: entry.key, label: entry.label, open: entry.open, close: entry.close });
        });
        return button;
      }),
    );
    byId('direction-label').textContent = strings.direction;
    for (const option of Array.from(this.direction.options)) {
      option.textContent = strings.directions[option.value as 'TB'];
    }
    const label = (id: string, text: string, key?: string) => {
      const element = byId(id);
      element.textContent = text;
      element.title = key ? `${text} (${key})` : text;
    };
    label('toggle-palette', strings.palette);
    label('connect', strings.connect, 'C');
    label('rename', strings.rename, 'F2');
    label('delete', strings.deleteSelection, 'Delete');
    label('export-svg', strings.exportSvg);
    label('export-png', strings.exportPng);
    label('copy-svg', strings.copySvg);
    byId('connect-label-text').textContent = strings.connectLabel;
    byId('connect-style-text').textContent = strings.connectStyle;
    const [sync, async] = Array.from(byId<HTMLSelectElement>('connect-style').options);
    sync.textContent = strings.styleSync;
    async.textContent = strings.styleAsync;
    byId('connect-ok').textContent = strings.connectConfirm;
    byId('connect-cancel').textContent = strings.cancel;
    this.refreshControls();
  }

  /** After each render: tags nodes and edges, makes them focusable, restores the selection. */
  decorate(svg: SVGSVGElement): void {
    const prefix = `${svg.id}-`;
    const nodePrefix = `${prefix}flowchart-`;
    const source = this.host.source();
    for (const node of Array.from(svg.querySelectorAll<SVGGElement>('g.node'))) {
      // `<render id>-flowchart-<node id>-<counter>`
      if (!node.id.startsWith(nodePrefix)) continue;
      const id = node.id.slice(nodePrefix.length).replace(/-\d+$/, '');
      node.dataset.nodeId = id;
      node.setAttribute('tabindex', '0');
      node.setAttribute('role', 'button');
      node.setAttribute('aria-label', format(this.strings.nodeName, source?.nodes.get(id)?.label ?? id, id));
    }
    const labels = new Map<string, string>();
    for (const edge of source?.edges ?? []) {
      labels.set(edge.renderId, format(this.strings.edgeName, source?.nodes.get(edge.from)?.label ?? edge.from, source?.nodes.get(edge.to)?.label ?? edge.to));
    }
    for (const path of Array.from(svg.querySelectorAll<SVGPathElement>('path.flowchart-link'))) {
      if (!path.id.startsWith(prefix)) continue;
      const id = path.id.slice(prefix.length);
      // A wide transparent twin takes the clicks a 1-pixel line would make hard to hit.
      const hit = path.cloneNode(false) as SVGPathElement;
      hit.removeAttribute('id');
      hit.removeAttribute('marker-end');
      hit.removeAttribute('marker-start');
      hit.removeAttribute('style');
      hit.setAttribute('class', 'edge-hit');
      hit.dataset.edgeId = id;
      hit.setAttribute('tabindex', '0');
      hit.setAttribute('role', 'button');
      hit.setAttribute('aria-label', labels.get(id) ?? id);
      path.dataset.edgeId = id;
      path.after(hit);
    }
    for (const label of Array.from(svg.querySelectorAll<SVGGElement>('g.edgeLabel g.label[data-id]'))) {
      label.dataset.edgeId = label.dataset.id;
    }
    if (this.pendingSelect && source?.nodes.has(this.pendingSelect)) {
      this.selection = { kind: 'node', id: this.pendingSelect };
      this.pendingSelect = undefined;
      const added = this.elementOf(this.selection);
      if (added) {
        this.host.reveal(added);
        added.focus({ preventScroll: true });
      }
    }
    if (this.selection && !this.elementOf(this.selection)) this.selection = undefined;
    const active = document.activeElement;
    if (this.focused && (!active || active === document.body)) {
      // The render replaced the focused element: keep keyboard users where they were.
      (this.elementOf(this.focused) ?? this.host.canvas).focus({ preventScroll: true });
    }
    this.paintSelection();
    this.refreshControls();
  }

  /** An edit chosen outside the webview (a command): same path as the user's own clicks. */
  perform(edit: DiagramEdit): void {
    this.run(edit);
  }

  /** The document changed: the direction control follows the header. */
  sourceChanged(): void {
    this.refreshControls();
  }

  private run(edit: DiagramEdit): void {
    if (!this.editable) return;
    const result = this.host.apply(edit);
    if (result.error) {
      this.say(result.error);
      return;
    }
    if (result.select) this.pendingSelect = result.select;
    if (edit.op === 'deleteNode' || edit.op === 'deleteEdge') this.selection = undefined;
  }

  private targetOf(target: EventTarget | null): Selection {
    const element = target instanceof Element ? target : undefined;
    const node = element?.closest<SVGGElement>('[data-node-id]');
    if (node?.dataset.nodeId) return { kind: 'node', id: node.dataset.nodeId };
    const edge = element?.closest<SVGElement>('[data-edge-id]');
    if (edge?.dataset.edgeId) return { kind: 'edge', id: edge.dataset.edgeId };
    return undefined;
  }

  private elementOf(selection: Selection): SVGElement | null {
    if (!selection) return null;
    return selection.kind === 'node'
      ? this.host.canvas.querySelector<SVGElement>(`[data-node-id="${CSS.escape(selection.id)}"]`)
      : this.host.canvas.querySelector<SVGElement>(`path.edge-hit[data-edge-id="${CSS.escape(selection.id)}"]`);
  }

  private onClick(event: MouseEvent): void {
    if (this.host.dragged()) return;
    const target = this.targetOf(event.target);
    if (this.connectFrom) {
      if (target?.kind === 'node') this.chooseConnectTarget(target.id);
      return;
    }
    this.select(target);
  }

  private onDoubleClick(event: MouseEvent): void {
    const target = this.targetOf(event.target);
    if (!target) return;
    this.select(target);
    this.renameSelection();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    let handled = true;
    if (this.connectFrom) {
      if (key === 'Escape') this.cancelConnect();
      else if ((key === 'Enter' || key === ' ') && this.targetOf(event.target)?.kind === 'node') {
        this.chooseConnectTarget((this.targetOf(event.target) as { id: string }).id);
      } else handled = false;
    } else if (key === 'Delete' || key === 'Backspace') this.deleteSelection();
    else if (key === 'F2' || (key === 'Enter' && this.selection)) this.renameSelection();
    else if ((key === 'c' || key === 'C') && this.selection?.kind === 'node') this.startConnect();
    else if (key === 'Escape' && this.selection) this.select(undefined);
    else handled = false;
    if (handled) {
      event.preventDefault();
      event.stopPropagation();
    }
  }

  private select(selection: Selection): void {
    this.selection = selection;
    this.paintSelection();
    this.refreshControls();
  }

  private paintSelection(): void {
    for (const element of Array.from(this.host.canvas.querySelectorAll('.sd-selected, .sd-connect-source'))) {
      element.classList.remove('sd-selected', 'sd-connect-source');
    }
    const element = this.elementOf(this.selection);
    if (element) {
      element.classList.add('sd-selected');
      if (this.selection?.kind === 'edge') {
        this.host.canvas.querySelector(`path.flowchart-link[data-edge-id="${CSS.escape(this.selection.id)}"]`)?.classList.add('sd-selected');
      }
    }
    if (this.connectFrom) {
      this.host.canvas.querySelector(`[data-node-id="${CSS.escape(this.connectFrom)}"]`)?.classList.add('sd-connect-source');
    }
  }

  private refreshControls(): void {
    if (!this.strings) return;
    const source = this.host.source();
    const flowchart = Boolean(source?.header) || (source !== undefined && source.text.trim() === '');
    const canEdit = this.editable && flowchart;
    this.palette.hidden = !this.editable || this.paletteHidden;
    byId('toggle-palette').setAttribute('aria-pressed', String(!this.palette.hidden));
    this.palette.classList.toggle('disabled', !canEdit);
    for (const button of Array.from(this.palette.querySelectorAll('button'))) button.disabled = !canEdit;
    byId('edit-tools').hidden = !this.editable;
    this.direction.disabled = !canEdit || !source?.header;
    const current = source?.header?.direction?.value;
    this.direction.value = current === 'TD' ? 'TB' : current && ['TB', 'BT', 'LR', 'RL'].includes(current) ? current : 'TB';
    byId<HTMLButtonElement>('connect').disabled = !canEdit || this.selection?.kind !== 'node';
    byId<HTMLButtonElement>('rename').disabled = !canEdit || !this.selection;
    byId<HTMLButtonElement>('delete').disabled = !canEdit || !this.selection;
    if (!this.editable) this.say(this.strings.readOnly);
    else if (!flowchart) this.say(this.strings.notEditable);
    else if (this.connectFrom) this.say(format(this.strings.statusConnecting, this.labelOf(this.connectFrom)));
    else if (this.selection?.kind === 'node') this.say(format(this.strings.statusSelectedNode, this.labelOf(this.selection.id)));
    else if (this.selection?.kind === 'edge') this.say(this.strings.statusSelectedEdge);
    else this.say(this.strings.statusIdle);
  }

  private say(text: string): void {
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  private labelOf(id: string): string {
    return this.host.source()?.nodes.get(id)?.label ?? id;
  }

  private startConnect(): void {
    if (!this.editable || this.selection?.kind !== 'node') return;
    this.connectFrom = this.selection.id;
    this.paintSelection();
    this.refreshControls();
  }

  private chooseConnectTarget(id: string): void {
    this.connectTarget = id;
    const anchor = this.host.canvas.querySelector(`[data-node-id="${CSS.escape(id)}"]`);
    const rect = anchor?.getBoundingClientRect();
    this.connectForm.hidden = false;
    this.place(this.connectForm, rect);
    const input = byId<HTMLInputElement>('connect-label');
    input.value = '';
    input.focus();
  }

  private finishConnect(): void {
    const from = this.connectFrom;
    const to = this.connectTarget;
    const label = byId<HTMLInputElement>('connect-label').value;
    const style = byId<HTMLSelectElement>('connect-style').value === 'async' ? 'async' : 'sync';
    this.cancelConnect();
    if (from && to) this.run({ op: 'connect', from, to, label, style });
  }

  private cancelConnect(): void {
    const from = this.connectFrom;
    this.connectFrom = undefined;
    this.connectTarget = undefined;
    this.connectForm.hidden = true;
    this.paintSelection();
    this.refreshControls();
    if (from) this.host.canvas.querySelector<SVGElement>(`[data-node-id="${CSS.escape(from)}"]`)?.focus();
  }

  private renameSelection(): void {
    const selection = this.selection;
    if (!this.editable || !selection) return;
    const element = this.elementOf(selection);
    const source = this.host.source();
    let anchor: Element | null | undefined = element;
    let current = '';
    if (selection.kind === 'node') {
      current = source?.nodes.get(selection.id)?.label ?? selection.id;
    } else {
      current = source?.edges.find((edge) => edge.renderId === selection.id)?.label ?? '';
      anchor = this.host.canvas.querySelector(`g.label[data-edge-id="${CSS.escape(selection.id)}"]`) ?? element;
    }
    this.openInlineEditor(anchor?.getBoundingClientRect(), current, (value) => {
      if (value === current) return;
      if (selection.kind === 'node') this.run({ op: 'renameNode', id: selection.id, label: value.trim() || selection.id });
      else this.run({ op: 'setEdgeLabel', edge: selection.id, label: value });
    });
  }

  private deleteSelection(): void {
    const selection = this.selection;
    if (!this.editable || !selection) return;
    this.run(selection.kind === 'node' ? { op: 'deleteNode', id: selection.id } : { op: 'deleteEdge', edge: selection.id });
    this.host.canvas.focus();
  }

  private openInlineEditor(rect: DOMRect | undefined, value: string, commit: (value: string) => void): void {
    this.inlineCommit = commit;
    this.inlineEditor.value = value;
    this.inlineEditor.hidden = false;
    this.place(this.inlineEditor, rect, true);
    this.inlineEditor.focus();
    this.inlineEditor.select();
  }

  private closeInlineEditor(commit: boolean): void {
    if (this.inlineEditor.hidden) return;
    const action = this.inlineCommit;
    this.inlineCommit = undefined;
    this.inlineEditor.hidden = true;
    if (commit && action) action(this.inlineEditor.value);
    const element = this.elementOf(this.selection);
    (element ?? this.host.canvas).focus();
  }

  /** Puts a floating control over (or just under) an element, kept inside the window. */
  private place(element: HTMLElement, rect: DOMRect | undefined, over = false): void {
    const box = rect ?? this.host.canvas.getBoundingClientRect();
    const width = over ? Math.max(160, box.width) : element.offsetWidth;
    const left = Math.min(Math.max(4, box.left + box.width / 2 - width / 2), window.innerWidth - width - 4);
    const top = over ? box.top + box.height / 2 - 14 : Math.min(box.bottom + 6, window.innerHeight - element.offsetHeight - 4);
    element.style.left = `${left}px`;
    element.style.top = `${Math.max(4, top)}px`;
    if (over) element.style.width = `${width}px`;
  }
}
