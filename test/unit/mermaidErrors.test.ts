import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeMermaidError, documentLineOf } from '../../webview/diagram/mermaidErrors';

describe('documentLineOf', () => {
  it('maps parser lines back past %% comments and leading blank lines', () => {
    const text = '\n%% title\nflowchart LR\n  %% note\n  a --> b\n  b --> --> c\n';
    // mermaid sees: "flowchart LR", "  a --> b", "  b --> --> c"
    assert.equal(documentLineOf(text, 1), 3);
    assert.equal(documentLineOf(text, 2), 5);
    assert.equal(documentLineOf(text, 3), 6);
  });

  it('keeps %%{init}%% directives, which mermaid does not strip', () => {
    assert.equal(documentLineOf('%%{init: {}}%%\nflowchart LR\n', 2), 2);
  });
});

describe('describeMermaidError', () => {
  it('takes the line from a jison parse error hash', () => {
    const error = Object.assign(new Error('Parse error on line 2:\n...\nExpecting X'), { hash: { loc: { first_line: 2 } } });
    assert.deepEqual(describeMermaidError(error, '%% c\nflowchart LR\nbad'), {
      message: 'Parse error on line 2:\n...\nExpecting X',
      line: 3,
    });
  });

  it('gives the 1-based column of the token the parser stopped at', () => {
    // The parser accepted "a -->" (ending at column 7) and then met " -->" again.
    const error = Object.assign(new Error('Parse error on line 2:'), {
      hash: { text: ' -->', loc: { first_line: 2, last_line: 2, first_column: 3, last_column: 7 } },
    });
    assert.deepEqual(describeMermaidError(error, 'flowchart LR\n  a --> --> b'), { message: 'Parse error on line 2:', line: 2, column: 9 });
  });

  it('falls back to "line N" in the message, and to no line at all', () => {
    assert.equal(describeMermaidError(new Error('Lexical error on line 1. Unrecognized text.'), 'x').line, 1);
    assert.deepEqual(describeMermaidError(new Error('No diagram type detected'), 'x'), { message: 'No diagram type detected' });
    assert.deepEqual(describeMermaidError('boom', 'x'), { message: 'boom' });
  });
});
