import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadCatalog, type CatalogEntry } from '../../src/core/catalog/catalogLoader';
import { reviewAnswer } from '../../src/core/critic/review';
import {
  elapsedMs,
  end,
  formatClock,
  nextPhase,
  parseSession,
  pause,
  phaseTimes,
  remainingMs,
  reply,
  resume,
  startInterview,
  tick,
  type InterviewState,
} from '../../src/core/interview/interviewMachine';
import { middlewareOf, phasePlan, INTERVIEW_LENGTHS } from '../../src/core/interview/interviewPlan';
import { interviewReportMarkdown, transcriptMarkdown, verdictOf } from '../../src/core/interview/interviewReport';
import { isDue, ratingFor, scheduleReview } from '../../src/core/interview/spacedReview';
import { progressMarkdown, sparkline } from '../../src/core/interview/progressReport';
import { nodeCatalogSource } from '../../src/nodeCatalogSource';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

describe('mock interview state machine (fake clock)', async () => {
  const catalog = await loadCatalog(nodeCatalogSource(fileURLToPath(new URL('../../catalog/', import.meta.url))));
  const entry = (id: string) => catalog.entries.find((candidate) => candidate.id === id) as CatalogEntry;
  const shortener = entry('url-shortener');
  const incident = catalog.entries.find((candidate) => candidate.kind === 'incident')!;
  const start = (minutes: 30 | 45 | 60 = 45, from = shortener) => startInterview({ id: 'test', entry: from, level: 'senior', minutes, language: 'en', now: T0 });
  /** Ticks every simulated second from `from` to `to`, collecting the effects. */
  const run = (state: InterviewState, from: number, to: number) => {
    const effects = [];
    for (let now = from; now <= to; now += 1000) {
      const next = tick(state, now);
      state = next.state;
      effects.push(...next.effects.map((effect) => ({ ...effect, at: now - T0 })));
    }
    return { state, effects };
  };

  it('phase budgets add up to the length, for every kind and length, with the kind’s phases', () => {
    for (const kind of ['design', 'incident', 'topic', 'code-review'] as const) {
      for (const minutes of INTERVIEW_LENGTHS) {
        const total = phasePlan(kind, minutes).reduce((sum, phase) => sum + phase.budgetMs, 0);
        assert.equal(total, minutes * MIN, `${kind} ${minutes}`);
      }
    }
    assert.deepEqual(
      phasePlan('design', 45).map((phase) => phase.id),
      ['requirements', 'estimates', 'api-data-model', 'high-level-design', 'deep-dive', 'wrap-up'],
    );
    assert.deepEqual(
      phasePlan('incident', 30).map((phase) => phase.id),
      ['triage', 'diagnosis', 'mitigation', 'fix', 'prevention'],
    );
  });

  it('schedules follow-ups inside the design phases, the requirement change at 40%, a failure at 60% and the stretch at 80%', () => {
    const state = start(45);
    const at = Object.fromEntries(state.events.map((event) => [event.id, event.atMs / MIN]));
    assert.equal(at['requirement-change'], 18);
    assert.equal(at['scale-stretch'], 36);
    assert.equal(middlewareOf(shortener), 'mysql');
    assert.equal(at['failure-mysql'], 27);
    const followUps = state.events.filter((event) => event.kind === 'follow-up');
    assert.equal(followUps.length, 3);
    // High-level design starts at 16 min and deep dive ends at 41 min (45-minute preset).
    for (const event of followUps) assert.ok(event.atMs > 16 * MIN && event.atMs < 41 * MIN, `${event.id} at ${event.atMs / MIN}`);
    assert.equal(startInterview({ id: 'i', entry: incident, level: 'mid', minutes: 30, language: 'en', now: T0 }).events.some((event) => event.kind === 'failure'), false, 'incidents get no injected failure');
  });

  it('fires each event once, in order, and each notice once; nothing while paused', () => {
    let state = start(30);
    const first = run(state, T0, T0 + 31 * MIN);
    const fired = first.effects.filter((effect) => effect.type === 'event').map((effect) => (effect as { event: { id: string } }).event.id);
    assert.deepEqual(fired, state.events.map((event) => event.id), 'every event, in schedule order, once');
    assert.equal(first.effects.filter((effect) => effect.type === 'fiveMinutesLeft').length, 1);
    assert.equal(first.effects.find((effect) => effect.type === 'fiveMinutesLeft')?.at, 25 * MIN);
    assert.equal(first.effects.filter((effect) => effect.type === 'timeUp').length, 1);
    assert.equal(first.effects.find((effect) => effect.type === 'timeUp')?.at, 30 * MIN);
    // Requirements (4 min budget) was never left: one over-budget notice, just after 4:00.
    const over = first.effects.filter((effect) => effect.type === 'phaseOverBudget');
    assert.deepEqual(
      over.map((effect) => [effect.at, (effect as { phase: string }).phase]),
      [[4 * MIN + 1000, 'requirements']],
    );
    // The interviewer's messages are in the transcript, at their time.
    assert.equal(first.state.messages.filter((message) => message.from === 'interviewer').length, state.events.length);

    state = pause(start(30), T0 + 5 * MIN);
    assert.deepEqual(run(state, T0 + 5 * MIN, T0 + 40 * MIN).effects, [], 'paused: the clock stands still');
    assert.equal(elapsedMs(state, T0 + 40 * MIN), 5 * MIN);
  });

  it('pause and resume: paused time does not count, and events move with it', () => {
    let state = start(45);
    state = pause(state, T0 + 10 * MIN);
    state = resume(state, T0 + 25 * MIN);
    assert.equal(elapsedMs(state, T0 + 25 * MIN), 10 * MIN);
    assert.equal(remainingMs(state, T0 + 30 * MIN), 30 * MIN);
    const { effects } = run(state, T0 + 25 * MIN, T0 + 34 * MIN);
    // The requirement change is due at 18 interview minutes = 33 wall minutes.
    const change = effects.find((effect) => effect.type === 'event' && (effect as { event: { id: string } }).event.id === 'requirement-change');
    assert.equal(change?.at, 33 * MIN);
  });

  it('resumes after a restart from wall-clock time: events due while closed fire once, none twice', () => {
    let state = start(45);
    state = run(state, T0, T0 + 20 * MIN).state; // requirement change (18 min) has fired
    const saved = JSON.stringify(state);
    // VS Code is closed for 10 minutes, then the session is read back.
    const restored = parseSession(saved)!;
    assert.ok(restored);
    assert.equal(elapsedMs(restored, T0 + 30 * MIN), 30 * MIN, 'the clock kept running while closed');
    const after = tick(restored, T0 + 30 * MIN);
    const ids = after.effects.filter((effect) => effect.type === 'event').map((effect) => (effect as { event: { id: string } }).event.id);
    assert.ok(!ids.includes('requirement-change'), 'already fired before the restart');
    assert.ok(ids.includes('failure-mysql'), 'fell due while closed (27 min): fires now');
    assert.deepEqual(tick(after.state, T0 + 30 * MIN).effects, [], 'and only once');
    assert.equal(parseSession('{"version": 99}'), undefined);
    assert.equal(parseSession('not json'), undefined);
  });

  it('next phase logs the time spent; the report compares it with the budget', () => {
    let state = start(45);
    const moves: string[] = [];
    for (const minute of [7, 12, 20, 30, 42]) {
      const next = nextPhase(state, T0 + minute * MIN);
      state = next.state;
      moves.push(...next.effects.map((effect) => (effect.type === 'phaseChanged' ? `${effect.from}→${effect.to}` : effect.type)));
    }
    assert.deepEqual(moves, ['requirements→estimates', 'estimates→api-data-model', 'api-data-model→high-level-design', 'high-level-design→deep-dive', 'deep-dive→wrap-up']);
    assert.deepEqual(nextPhase(state, T0 + 43 * MIN).effects, [], 'the last phase has no next');
    state = end(state, T0 + 46 * MIN, 'finished');
    assert.deepEqual(
      phaseTimes(state, T0 + 99 * MIN).map((phase) => [phase.id, phase.spentMs / MIN, phase.budgetMs / MIN]),
      [
        ['requirements', 7, 5],
        ['estimates', 5, 5],
        ['api-data-model', 8, 6],
        ['high-level-design', 10, 11],
        ['deep-dive', 12, 14],
        ['wrap-up', 4, 4],
      ],
    );
    assert.equal(elapsedMs(state, T0 + 99 * MIN), 46 * MIN, 'ended: the clock stops');
  });

  it('replies belong to the last interviewer event; the report quotes them under it, with the verdict and its thresholds', () => {
    let state = start(30);
    state = run(state, T0, T0 + 13 * MIN).state; // the requirement change fires at 12:00
    state = reply(state, 'Per-domain uniqueness: the shard key becomes (domain, code).', T0 + 13 * MIN);
    state = reply(state, '   ', T0 + 13 * MIN);
    state = end(state, T0 + 20 * MIN, 'abandoned');
    assert.equal(state.messages.filter((message) => message.from === 'candidate').length, 1, 'blank replies are ignored');
    assert.equal(state.messages.at(-1)?.eventId, 'requirement-change');
    const review = reviewAnswer({ entry: shortener, answer: '# URL shortener\n\nBase62 codes, 302 redirects, Redis cache-aside.\n' });
    const report = interviewReportMarkdown({ state, entry: shortener, review, language: 'en', now: T0 + 21 * MIN });
    assert.match(report, /^# Mock interview: Design a URL shortener\n\n2026-11-26 09:00 UTC · senior · 30 min · ended early/);
    assert.match(report, new RegExp(`## Verdict: ${review.total >= 50 ? 'Lean No Hire' : 'No Hire'}`));
    assert.match(report, /For a senior interview: Strong Hire ≥ 80 · Hire ≥ 65 · Lean No Hire ≥ 50 · No Hire below 50\./);
    assert.match(report, /### 12:00 · Requirement change\n\n> Sales sells a premium tier/);
    assert.match(report, /\*\*Your answer \(13:00\):\*\* Per-domain uniqueness/);
    assert.match(report, /\| Requirements \| 4:00 \| 20:00 \| \+16:00 over \|/);
    assert.match(report, /## The two fixes that matter most\n\n1\. .+\n2\. .+/);
    for (const criterion of review.criteria) assert.ok(report.includes(`| ${criterion.title.en} | ${criterion.score} / ${criterion.max} |`));
    const transcript = transcriptMarkdown(state, shortener, 'zh-CN');
    assert.match(transcript, /^# 对话记录: 设计一个短链服务/);
    assert.match(transcript, /\*\*13:00 你:\*\* Per-domain uniqueness/);
  });

  it('verdict thresholds depend on the level', () => {
    assert.equal(verdictOf(80, 'senior'), 'strong-hire');
    assert.equal(verdictOf(79, 'senior'), 'hire');
    assert.equal(verdictOf(80, 'staff'), 'hire');
    assert.equal(verdictOf(45, 'mid'), 'lean-no-hire');
    assert.equal(verdictOf(39, 'mid'), 'no-hire');
  });

  it('formats the clock, overtime included', () => {
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(65_500), '1:05');
    assert.equal(formatClock(-42_000), '-0:42');
  });

  it('spaced review (FSRS): the score rates the entry; better sessions push the next review further out; never due the same day', () => {
    const now = new Date(T0);
    const day = 86_400_000;
    const days = (score: number) => (Date.parse(scheduleReview(undefined, score, now).due) - T0) / day;
    assert.deepEqual([30, 50, 70, 90].map((score) => ratingFor(score)), [1, 2, 3, 4], 'Again, Hard, Good, Easy');
    const intervals = [30, 50, 70, 90].map(days);
    assert.ok(intervals.every((interval) => interval >= 1), `at least a day: ${intervals.join(', ')}`);
    assert.ok(intervals[3] > intervals[2] && intervals[2] >= intervals[1], `Easy > Good ≥ Hard: ${intervals.join(', ')}`);
    const first = scheduleReview(undefined, 70, now);
    assert.equal(isDue(first, now), false);
    assert.equal(isDue(first, new Date(Date.parse(first.due))), true);
    // A second good session, when due, schedules further out than the first did.
    const second = scheduleReview(first, 70, new Date(first.due));
    assert.ok(Date.parse(second.due) - Date.parse(first.due) > Date.parse(first.due) - T0, 'the interval grows');
    // A failed session brings it back soon.
    const lapse = scheduleReview(second, 20, new Date(second.due));
    assert.ok(Date.parse(lapse.due) - Date.parse(second.due) <= 2 * day);
    assert.equal(JSON.parse(JSON.stringify(second)).due, second.due, 'stored as plain JSON');
  });

  it('progress: the score of every graded session on a chart, and a trend per dimension per entry', () => {
    const criteria = (estimates: number, ids: number) => [
      { id: 'estimates', title: { en: 'Estimates', 'zh-CN': '估算' }, score: estimates, max: 10 },
      { id: 'id-generation', title: { en: 'Code generation', 'zh-CN': '短码生成' }, score: ids, max: 25 },
    ];
    const session = (day: number, score: number, estimates: number, ids: number) => ({
      entryId: 'url-shortener',
      startedAt: Date.UTC(2026, 10, day, 9),
      result: { score, verdict: 'hire', offlineScore: score, criteria: criteria(estimates, ids) },
    });
    const markdown = progressMarkdown([session(24, 70, 8, 20), session(20, 40, 2, 10)], () => shortener.title, 'en');
    assert.match(markdown, /```mermaid\nxychart-beta\n {2}x-axis \["1 11-20", "2 11-24"\]\n {2}y-axis "Score" 0 --> 100\n {2}line \[40, 70\]\n```/);
    assert.match(markdown, /## Design a URL shortener — 2 session\(s\)\n\nScore: 40 → 70/);
    assert.match(markdown, /\| Estimates \| `▂▇` \| 20% → 80% \|/);
    assert.match(markdown, /\| Code generation \| `▄▇` \| 40% → 80% \|/);
    assert.equal(sparkline([0, 0.5, 1]), '▁▅█');
    assert.match(progressMarkdown([], () => undefined, 'zh-CN'), /还没有评过分的模拟面试/);
  });
});
