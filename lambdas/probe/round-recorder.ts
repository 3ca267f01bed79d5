/**
 * Records the steps of one round the way elastic/synthetics does: try → ok / failure kind /
 * duration → carry on. The first failure is the round's failure; later ones stay on their steps.
 */
import { classifyError } from '../core/classify';
import type { Failure, FailureKind, StepName, StepResult } from '../core/types';
import { redactText } from '../core/redact';
import type { BrowserName } from '../core/browsers';
import { CheckFailedError, errorSummary } from './bounded';

/** What the engine tells a caller while a round runs (the CLI prints these as progress lines). */
export interface ProgressEvent {
  readonly target: string;
  /** The round's browser (absent from recorders made without one, e.g. in tests). */
  readonly browser?: BrowserName;
  readonly type: 'round_start' | 'step_start' | 'step_end' | 'round_end';
  readonly attempt: number;
  readonly step?: StepName;
  readonly ok?: boolean;
  readonly durationMs?: number;
  readonly message?: string;
}

/** Judges a completed step: a failure when the page answered but not as it should. */
export type Judge<T> = (value: T) => { kind: FailureKind; message: string } | undefined;

export interface RoundRecorderOptions {
  readonly target: string;
  readonly browser?: BrowserName;
  readonly attempt: number;
  readonly secrets: readonly string[];
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly now?: () => number;
}

/** The steps and first failure of one round, plus progress events to the caller. */
export class RoundRecorder {
  readonly steps: StepResult[] = [];
  failure: Failure | null = null;
  private readonly now: () => number;

  constructor(private readonly options: RoundRecorderOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Runs one step. A throw becomes a failed step (kind from CheckFailedError, else classified with
   * `fallback`) and `undefined` is returned; the caller decides whether the journey goes on.
   * `judge` may fail a step that completed (the page answered, but badly) while keeping its value.
   */
  async run<T>(name: StepName, fallback: FailureKind, act: () => Promise<T>, judge?: Judge<T>): Promise<T | undefined> {
    const startedAt = this.now();
    this.emit({ type: 'step_start', step: name });
    try {
      const value = await act();
      const verdict = judge?.(value);
      const durationMs = this.now() - startedAt;
      if (verdict) {
        const message = redactText(verdict.message, this.options.secrets);
        this.record({ name, ok: false, durationMs, failureKind: verdict.kind, message });
      } else {
        this.record({ name, ok: true, durationMs });
      }
      return value;
    } catch (error) {
      const kind = error instanceof CheckFailedError ? error.kind : classifyError(toErrorLike(error), fallback);
      this.record({
        name,
        ok: false,
        durationMs: this.now() - startedAt,
        failureKind: kind,
        message: errorSummary(error, this.options.secrets),
      });
      return undefined;
    }
  }

  /** Records a step that failed without running (e.g. the browser would not start). */
  failWithoutRun(name: StepName, kind: FailureKind, message: string): void {
    this.record({ name, ok: false, durationMs: 0, failureKind: kind, message: redactText(message, this.options.secrets) });
  }

  /** Tells the caller that a round starts or ended. */
  announce(type: 'round_start' | 'round_end', message?: string): void {
    this.emit({ type, message });
  }

  /** True when the round may go on: no failure yet. */
  get healthy(): boolean {
    return this.failure === null;
  }

  private record(step: StepResult): void {
    this.steps.push(step);
    if (!step.ok && step.failureKind && step.message !== undefined) {
      this.failure ??= { kind: step.failureKind, step: step.name, message: step.message };
    }
    this.emit({ type: 'step_end', step: step.name, ok: step.ok, durationMs: step.durationMs, message: step.message });
  }

  private emit(event: Omit<ProgressEvent, 'target' | 'browser' | 'attempt'>): void {
    try {
      const { target, browser, attempt } = this.options;
      this.options.onProgress?.({ target, ...(browser ? { browser } : {}), attempt, ...event });
    } catch {
      // a broken progress printer must not break the round
    }
  }
}

function toErrorLike(error: unknown): { name?: string; message: string } {
  return error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
}
