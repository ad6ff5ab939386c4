import type { ViewTransform } from '../../src/core/diagramProtocol';

export type { ViewTransform };

export const MIN_ZOOM = 0.1;
export const MAX_ZOOM = 8;
export const ZOOM_STEP = 1.25;
const PAN_STEP = 40;
const MARGIN = 16;
const DRAG_THRESHOLD = 4;

const clampZoom = (k: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, k));

/**
 * Pan (drag, arrow keys, wheel) and zoom (ctrl/⌘ + wheel, which is also a trackpad pinch; buttons;
 * + - 0 keys) for the SVG inside `viewport`. The SVG is moved with a CSS transform, so re-rendering
 * after an edit keeps the user's view.
 */
export class PanZoom {
  private transform: ViewTransform = { x: 0, y: 0, k: 1 };
  /** A pressed pointer; it becomes a drag once it has moved a few pixels, so clicks still reach nodes. */
  private drag: { pointerId: number; x: number; y: number; moving: boolean } | undefined;

  constructor(
    private readonly viewport: HTMLElement,
    private readonly onChange: (transform: ViewTransform) => void,
  ) {
    viewport.addEventListener('wheel', (event) => this.onWheel(event), { passive: false });
    viewport.addEventListener('pointerdown', (event) => this.onPointerDown(event));
    viewport.addEventListener('pointermove', (event) => this.onPointerMove(event));
    viewport.addEventListener('pointerup', (event) => this.endDrag(event));
    viewport.addEventListener('pointercancel', (event) => this.endDrag(event));
    viewport.addEventListener('keydown', (event) => this.onKey(event));
  }

  get current(): ViewTransform {
    return { ...this.transform };
  }

  /**
   * True while the view is the fitted one the user has not changed: the diagram is then fitted again
   * after each render, so nodes added at its edge stay in sight. Any pan or zoom hands control over.
   */
  get autoFit(): boolean {
    return this.fitted;
  }
  private fitted = false;

  set(transform: ViewTransform): void {
    this.fitted = false;
    this.transform = { x: transform.x, y: transform.y, k: clampZoom(transform.k) };
    this.apply();
  }

  /** Zooms by `factor` keeping the point (px, py) of the viewport still; the centre by default. */
  zoomBy(factor: number, px = this.viewport.clientWidth / 2, py = this.viewport.clientHeight / 2): void {
    const k = clampZoom(this.transform.k * factor);
    const ratio = k / this.transform.k;
    this.set({ x: px - (px - this.transform.x) * ratio, y: py - (py - this.transform.y) * ratio, k });
  }

  panBy(dx: number, dy: number): void {
    this.set({ ...this.transform, x: this.transform.x + dx, y: this.transform.y + dy });
  }

  /** The whole diagram in view, centred, never enlarged past 100%. */
  fit(): void {
    const size = this.svgSize();
    if (!size) return;
    const width = Math.max(1, this.viewport.clientWidth - 2 * MARGIN);
    const height = Math.max(1, this.viewport.clientHeight - 2 * MARGIN);
    const k = clampZoom(Math.min(1, width / size.width, height / size.height));
    this.set({
      x: (this.viewport.clientWidth - size.width * k) / 2,
      y: Math.max(MARGIN, (this.viewport.clientHeight - size.height * k) / 2),
      k,
    });
    this.fitted = true;
  }

  /** Pans just enough to bring `element` fully into view (a node that was just added off-screen). */
  reveal(element: Element): void {
    const box = element.getBoundingClientRect();
    const view = this.viewport.getBoundingClientRect();
    let dx = 0;
    let dy = 0;
    if (box.right > view.right - MARGIN) dx = view.right - MARGIN - box.right;
    if (box.left + dx < view.left + MARGIN) dx = view.left + MARGIN - box.left;
    if (box.bottom > view.bottom - MARGIN) dy = view.bottom - MARGIN - box.bottom;
    if (box.top + dy < view.top + MARGIN) dy = view.top + MARGIN - box.top;
    if (dx || dy) this.panBy(dx, dy);
  }

  /** 100%, with the diagram's top centred. */
  actualSize(): void {
    const size = this.svgSize();
    this.set({ x: size ? (this.viewport.clientWidth - size.width) / 2 : 0, y: MARGIN, k: 1 });
  }

  /** Call after a new SVG was put into the viewport: gives it its natural size and the current transform. */
  attach(): void {
    const svg = this.svg();
    if (!svg) return;
    // mermaid sizes the SVG to its container (width 100%, max-width); we size it ourselves.
    const box = svg.viewBox.baseVal;
    if (box && box.width > 0) {
      svg.setAttribute('width', String(box.width));
      svg.setAttribute('height', String(box.height));
    }
    svg.style.maxWidth = 'none';
    this.apply();
  }

  private svg(): SVGSVGElement | null {
    return this.viewport.querySelector('svg');
  }

  private svgSize(): { width: number; height: number } | undefined {
    const box = this.svg()?.viewBox.baseVal;
    return box && box.width > 0 ? { width: box.width, height: box.height } : undefined;
  }

  private apply(): void {
    const svg = this.svg();
    const { x, y, k } = this.transform;
    if (svg) svg.style.transform = `translate(${x}px, ${y}px) scale(${k})`;
    this.onChange(this.current);
  }

  private onWheel(event: WheelEvent): void {
    event.preventDefault();
    const rect = this.viewport.getBoundingClientRect();
    if (event.ctrlKey || event.metaKey) {
      // Trackpad pinches arrive as ctrl + wheel with small deltas; mouse wheels with large ones.
      this.zoomBy(Math.exp(-event.deltaY * 0.002), event.clientX - rect.left, event.clientY - rect.top);
    } else {
      this.panBy(-event.deltaX, -event.deltaY);
    }
  }

  private onPointerDown(event: PointerEvent): void {
    if (event.button !== 0 || (event.target as Element).closest('input, select, button, form')) return;
    this.drag = { pointerId: event.pointerId, x: event.clientX, y: event.clientY, moving: false };
  }

  private onPointerMove(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointerId) return;
    const dx = event.clientX - this.drag.x;
    const dy = event.clientY - this.drag.y;
    if (!this.drag.moving) {
      if (Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
      this.drag.moving = true;
      this.viewport.setPointerCapture(event.pointerId);
      this.viewport.classList.add('dragging');
    }
    this.panBy(dx, dy);
    this.drag = { ...this.drag, x: event.clientX, y: event.clientY };
  }

  /** True while (and right after) a drag: the click that ends a drag is not a selection. */
  get dragged(): boolean {
    return this.lastDragEnd > performance.now() - 50;
  }
  private lastDragEnd = 0;

  private endDrag(event: PointerEvent): void {
    if (!this.drag || event.pointerId !== this.drag.pointerId) return;
    if (this.drag.moving) this.lastDragEnd = performance.now();
    this.drag = undefined;
    this.viewport.classList.remove('dragging');
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    if ((event.target as Element).closest('input, select, textarea, button')) return;
    const actions: Record<string, () => void> = {
      '+': () => this.zoomBy(ZOOM_STEP),
      '=': () => this.zoomBy(ZOOM_STEP),
      '-': () => this.zoomBy(1 / ZOOM_STEP),
      '0': () => this.actualSize(),
      f: () => this.fit(),
      ArrowLeft: () => this.panBy(PAN_STEP, 0),
      ArrowRight: () => this.panBy(-PAN_STEP, 0),
      ArrowUp: () => this.panBy(0, PAN_STEP),
      ArrowDown: () => this.panBy(0, -PAN_STEP),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  }
}
