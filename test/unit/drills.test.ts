import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cluePenalty, cluesLeft, MAX_CLUE_PENALTY, revealNext, scoreWithClues, startClues } from '../../src/core/drills/clueProgression';
import { matchDefects, type KnownDefect } from '../../src/core/drills/defectMatching';

describe('incident drills: clue progression', () => {
  it('starts with the alert shown; each further clue costs 3 points, capped at 15; never past the last clue', () => {
    let state = startClues(7);
    assert.deepEqual([state.revealed, cluesLeft(state), cluePenalty(state)], [1, 6, 0], 'the alert is free');
    state = revealNext(state);
    assert.equal(cluePenalty(state), 3);
    for (let i = 0; i < 10; i++) state = revealNext(state);
    assert.deepEqual([state.revealed, cluesLeft(state)], [7, 0], 'stops at the last clue');
    assert.equal(cluePenalty(state), MAX_CLUE_PENALTY);
    assert.equal(scoreWithClues(80, state), 65);
    assert.equal(scoreWithClues(10, state), 0, 'never below zero');
    assert.throws(() => startClues(0), RangeError);
  });
});

describe('code-review drills: matching marks to known defects', () => {
  const defects: KnownDefect[] = [
    { id: 'ctx-cancel', startLine: 12, endLine: 15, category: 'context-misuse' },
    { id: 'global-mutex', startLine: 30, endLine: 34, category: 'race' },
    { id: 'retry', startLine: 50, endLine: 58, category: 'retry-without-jitter' },
  ];

  it('an overlapping mark finds a defect; a wrong category gets half credit; a mark elsewhere is a false alarm', () => {
    const result = matchDefects(defects, [
      { startLine: 14, endLine: 14, category: 'context-misuse', note: 'rows read after cancel' },
      { startLine: 31, endLine: 40, category: 'resource-leak', note: 'lock held too long' },
      { startLine: 70, endLine: 71, note: 'looks odd' },
    ]);
    assert.deepEqual(
      result.found.map((match) => [match.defect.id, match.categoryRight]),
      [
        ['ctx-cancel', true],
        ['global-mutex', false],
      ],
    );
    assert.deepEqual(
      result.missed.map((defect) => defect.id),
      ['retry'],
    );
    assert.deepEqual(
      result.falseAlarms.map((mark) => mark.startLine),
      [70],
    );
    // (1 + 0.5 − 0.5) / 3
    assert.equal(result.score, 33);
  });

  it('each defect and each mark counts once: two marks on one defect leave one false alarm; the matching category wins', () => {
    const result = matchDefects(defects, [
      { startLine: 50, endLine: 58, category: 'race', note: 'broad mark' },
      { startLine: 55, endLine: 55, category: 'retry-without-jitter', note: 'fixed 100ms sleep' },
    ]);
    assert.equal(result.found.length, 1);
    assert.equal(result.found[0].mark.note, 'fixed 100ms sleep', 'the mark with the right category found it');
    assert.equal(result.falseAlarms.length, 1);
  });

  it('all found with the right categories scores 100; nothing marked scores 0', () => {
    const marks = defects.map((defect) => ({ startLine: defect.startLine, endLine: defect.endLine, category: defect.category, note: defect.id }));
    assert.equal(matchDefects(defects, marks).score, 100);
    assert.equal(matchDefects(defects, []).score, 0);
    assert.equal(matchDefects(defects, []).missed.length, 3);
  });
});
