import { describe, expect, it } from 'vitest';
import { createDeadline } from '../../lambdas/core/deadline';

describe('createDeadline', () => {
  it('caps a step budget by what is left of the round', () => {
    // Prepare
    let now = 1_000;
    const deadline = createDeadline(5_000, () => now);
    // Act
    now += 4_000;
    // Assess
    expect(deadline.remainingMs()).toBe(1_000);
    expect(deadline.budget(3_000)).toBe(1_000);
    expect(deadline.budget(500)).toBe(500);
    expect(deadline.expired()).toBe(false);
    now += 2_000;
    expect(deadline.remainingMs()).toBe(0);
    expect(deadline.expired()).toBe(true);
  });
});
