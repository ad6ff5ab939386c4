import * as vscode from 'vscode';
import type { CatalogEntry } from '../core/catalog/catalogLoader';
import { lintDiagram, type Finding } from '../core/critic/designLinter';
import { buildDiagramGraph } from '../core/critic/diagramGraph';
import { checkEstimates, formatQuantity } from '../core/critic/estimates';
import { quickFixesFor } from '../core/critic/quickFixes';
import { lintContextOf } from '../core/critic/review';
import { findMermaidFences } from '../core/markdownFences';
import { contentLanguage } from '../config';
import { Disposable } from '../util/disposable';

const LINT_DELAY_MS = 300;
export const DESIGN_DIAGNOSTIC_SOURCE = 'System Design Coach';

/** One linted diagram of a document: a whole `.mmd`, or a ```mermaid block of Markdown. */
interface LintedDiagram {
  /** Offset of the diagram's text in the document. */
  offset: number;
  text: string;
  findings: Finding[];
}

/**
 * The design linter as Problems-panel diagnostics on `.mmd` files and on the mermaid blocks of
 * Markdown answers, with quick fixes where the fix is obvious. The practice folder a file sits in
 * (`system-design/<entry id>/`) tells the linter which problem it answers.
 */
export class DesignDiagnostics extends Disposable implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('sdcoach-design'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly linted = new Map<string, LintedDiagram[]>();

  constructor(private readonly entryFor: (uri: vscode.Uri) => CatalogEntry | undefined) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, LINT_DELAY_MS)));
    this.register(
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.collection.delete(document.uri);
        this.linted.delete(document.uri.toString());
      }),
    );
    this.register(
      vscode.languages.registerCodeActionsProvider([{ language: 'mermaid' }, { language: 'markdown' }], this, {
        providedCodeActionKinds: DesignDiagnostics.providedCodeActionKinds,
      }),
    );
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  override dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    super.dispose();
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (!this.isPracticeDocument(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lint(document);
      }, delay),
    );
  }

  /**
   * Only practice files are linted: answers and diagrams in a practice folder, or named as Start
   * Practice names them. Other Markdown and Mermaid (a project's docs) are not ours to judge.
   */
  private isPracticeDocument(document: vscode.TextDocument): boolean {
    const { scheme, path } = document.uri;
    if (scheme !== 'file' && scheme !== 'untitled' && scheme !== 'vscode-remote') return false;
    const diagram = document.languageId === 'mermaid' || /\.(mmd|mermaid)$/i.test(path);
    if (!diagram && document.languageId !== 'markdown') return false;
    return PRACTICE_FILE.test(path) || this.entryFor(document.uri) !== undefined;
  }

  /** Re-lints the open practice files (the catalogue, and so the entries, changed). */
  relintOpen(): void {
    for (const document of vscode.workspace.textDocuments) if (this.isPracticeDocument(document)) this.lint(document);
  }

  /** Lints now; also what tests call. */
  lint(document: vscode.TextDocument): vscode.Diagnostic[] {
    const entry = this.entryFor(document.uri);
    const context = entry ? lintContextOf(entry) : {};
    const text = document.getText();
    const diagrams: LintedDiagram[] =
      document.languageId === 'markdown'
        ? findMermaidFences(text).map((fence) => {
            const block = text.slice(fence.contentStart, fence.contentEnd);
            return { offset: fence.contentStart, text: block, findings: lintDiagram(buildDiagramGraph(block, 0), context) };
          })
        : [{ offset: 0, text, findings: lintDiagram(buildDiagramGraph(text), context) }];
    this.linted.set(document.uri.toString(), diagrams);
    const language = contentLanguage();
    const diagnostics = diagrams.flatMap((diagram) =>
      diagram.findings.map((finding) => {
        const line = document.positionAt(diagram.offset).line + finding.line;
        const range = document.lineAt(Math.min(line, document.lineCount - 1)).range;
        const diagnostic = new vscode.Diagnostic(range, finding.message[language], SEVERITY[finding.severity]);
        diagnostic.source = DESIGN_DIAGNOSTIC_SOURCE;
        diagnostic.code = finding.rule;
        return diagnostic;
      }),
    );
    if (document.languageId === 'markdown' && entry) diagnostics.push(...this.estimateDiagnostics(document, entry, language));
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  /** Arithmetic slips, unreadable lines and figures far from the reference, on their lines of the answer. */
  private estimateDiagnostics(document: vscode.TextDocument, entry: CatalogEntry, language: 'en' | 'zh-CN'): vscode.Diagnostic[] {
    const report = checkEstimates(document.getText(), entry.estimates ?? []);
    const diagnostics: vscode.Diagnostic[] = [];
    const at = (line: number, message: string, code: string, severity: vscode.DiagnosticSeverity) => {
      const diagnostic = new vscode.Diagnostic(document.lineAt(Math.min(line, document.lineCount - 1)).range, message, severity);
      diagnostic.source = DESIGN_DIAGNOSTIC_SOURCE;
      diagnostic.code = code;
      diagnostics.push(diagnostic);
    };
    for (const line of report.lines) {
      if (line.error) at(line.line, line.error[language], 'estimate-error', vscode.DiagnosticSeverity.Warning);
      else if (line.slip) {
        at(
          line.line,
          vscode.l10n.t('Arithmetic slip: you wrote {0}, the expression gives {1}.', formatQuantity(line.slip.stated, line.bytes), formatQuantity(line.slip.computed, line.bytes)),
          'estimate-slip',
          vscode.DiagnosticSeverity.Warning,
        );
      }
    }
    for (const comparison of report.comparisons) {
      if (comparison.verdict !== 'far' || comparison.line === undefined) continue;
      const bytes = comparison.unit === 'bytes' || comparison.unit === 'bytes-per-second';
      at(
        comparison.line,
        vscode.l10n.t('More than 10× from the reference figure for "{0}" ({1}). Check the assumptions.', comparison.title[language], formatQuantity(comparison.reference, bytes)),
        'estimate-far',
        vscode.DiagnosticSeverity.Information,
      );
    }
    return diagnostics;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const diagrams = this.linted.get(document.uri.toString()) ?? [];
    const language = contentLanguage();
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DESIGN_DIAGNOSTIC_SOURCE) continue;
      for (const diagram of diagrams) {
        const firstLine = document.positionAt(diagram.offset).line;
        const finding = diagram.findings.find((candidate) => candidate.rule === diagnostic.code && firstLine + candidate.line === diagnostic.range.start.line);
        if (!finding || document.getText().slice(diagram.offset, diagram.offset + diagram.text.length) !== diagram.text) continue;
        for (const fix of quickFixesFor(finding, diagram.text, language)) {
          const action = new vscode.CodeAction(fix.title[language], vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(
            document.uri,
            new vscode.Range(document.positionAt(diagram.offset + fix.edit.start), document.positionAt(diagram.offset + fix.edit.end)),
            fix.edit.text,
          );
          actions.push(action);
        }
      }
    }
    return actions;
  }
}

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

const PRACTICE_FILE = /\/(answer\.md|architecture\.mmd)$/;
