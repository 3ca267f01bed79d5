/**
 * Property: whatever event the Lambda handler is invoked with (JSON of any shape, a valid event with
 * random edits, or none at all with a baked config of any text), `resolveEvent` returns targets or
 * throws an InvalidEventError, nothing else, and every problem it lists starts with the path it is
 * about (`event.targets[0].loginUrl: …`, `SYNTHETICS_CONFIG.targets: …`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidEventError, resolveEvent } from '../../lambdas/runtime/event';
import { validRawTarget } from '../unit/config-fixtures';
import { applyEdits, edit, hostileJson, hostileString, ISSUE_PATH } from './arbitraries';
import { fuzzRuns } from './settings';

/**
 * `event.<path>: ` or `SYNTHETICS_CONFIG[.<path>]: ` at the start of a problem, the path as the
 * validator writes it (a quoted key may itself hold ": ", so the path is matched, not split off).
 */
const PROBLEM = new RegExp(`^(?:event|SYNTHETICS_CONFIG)(?:\\.?(${ISSUE_PATH.source.slice(1, -1)}))?: \\S`, 's');

function problemsOf(event: unknown, configJson: string | undefined): readonly string[] {
  try {
    resolveEvent(event, configJson);
    return [];
  } catch (error) {
    if (error instanceof InvalidEventError) return error.problems;
    throw error;
  }
}

function expectPaths(problems: readonly string[]): void {
  for (const problem of problems) {
    expect(PROBLEM.test(problem), problem.slice(0, 200)).toBe(true);
  }
}

const validEvent = { targets: [validRawTarget('a'), validRawTarget('b')], mode: 'scheduled' };

describe('fuzzed Lambda event parser', () => {
  it('edited events: targets or an InvalidEventError whose every problem starts with its path', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        expectPaths(problemsOf(applyEdits(validEvent, edits), undefined));
      }),
      fuzzRuns(300),
    );
  });

  it('arbitrary events: never anything but an InvalidEventError', () => {
    fc.assert(
      fc.property(
        fc.oneof(hostileJson, fc.constant(undefined)),
        fc.option(
          fc.oneof(
            hostileString,
            hostileJson.map((value) => JSON.stringify(value)),
          ),
        ),
        (event, baked) => {
          expectPaths(problemsOf(event, baked ?? undefined));
        },
      ),
      fuzzRuns(300),
    );
  });

  it('no targets in the event: the baked config of any text gives targets or problems with paths', () => {
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 3 }), (edits) => {
        const baked = JSON.stringify(applyEdits({ targets: validEvent.targets }, edits));
        expectPaths(problemsOf({ mode: 'smoke' }, baked));
      }),
      fuzzRuns(200),
    );
  });
});

describe('hostile event shapes', () => {
  it('a mode nested 100 000 arrays deep, a key of a megabyte and an empty key: problems with paths', () => {
    // Prepare: JSON.parse builds all of these; the Lambda runtime parses the event the same way.
    const depth = 100_000;
    const event = JSON.parse(
      `{"targets": [], "mode": ${'['.repeat(depth)}1${']'.repeat(depth)}, "${'k'.repeat(1_000_000)}": 1, "": 2}`,
    ) as unknown;
    // Act
    const problems = problemsOf(event, undefined);
    // Assess
    expectPaths(problems);
    expect(problems).toContain('event.mode: must be one of scheduled, smoke, got an array');
    expect(problems.some((problem) => problem.startsWith(`event["${'k'.repeat(64)}…"]: unknown key`))).toBe(true);
    expect(problems.some((problem) => problem.startsWith('event[""]: unknown key'))).toBe(true);
    expect(problems.join('').length).toBeLessThan(10_000);
  });
});
