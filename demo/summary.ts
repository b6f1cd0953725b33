/**
 * `summary.json`: every number behind the demo's table and report, as plain JSON
 * (`"format": "cyclical-lr/demo@2"`).
 *
 * @module
 */
import type { Analysis } from "./analyze.ts";
import { agreement } from "./analyze.ts";
import type { DemoSettings } from "./settings.ts";
import type { Findings, Plan } from "./experiment.ts";
import type { Split } from "./mnist.ts";
import type { Timing } from "./timing.ts";
import { BATCH, evalPoints } from "./train.ts";

/** What the summary is made of. */
export interface SummaryInput {
  readonly settings: DemoSettings;
  readonly plan: Plan;
  readonly data: Split;
  readonly findings: Findings;
  readonly analysis: Analysis;
  readonly verdicts: readonly string[];
  readonly timing: Timing;
}

/**
 * The summary.
 *
 * @param input The run.
 * @returns A JSON value.
 */
export function summaryOf(input: SummaryInput): Record<string, unknown> {
  const { settings: s, plan, data, findings, analysis: a } = input;
  return {
    format: "cyclical-lr/demo@2",
    settings: {
      ...s,
      stepSize: plan.stepSize,
      iterationsPerEpoch: Math.floor(data.train.count / BATCH),
      batch: BATCH,
      seedList: plan.seeds,
    },
    data: {
      train: data.train.count,
      validation: data.validation.count,
      test: data.test.count,
      zeroShare: data.zeroShare,
      splitSeed: s.seed,
    },
    rangeTests: findings.ranges.map((r) => ({
      seed: r.seed,
      stop: r.curve.stop,
      iterations: r.curve.lrs.length,
      options: r.options,
      defaultFailed: r.fallbackFrom ?? null,
      suggestion: r.suggestion.ok
        ? {
          ok: true,
          rule: r.suggestion.rule,
          baseLr: r.suggestion.baseLr,
          maxLr: r.suggestion.maxLr,
          reason: r.suggestion.reason,
        }
        : { ok: false, rule: r.suggestion.rule, reason: r.suggestion.reason },
      settings: r.curve.settings,
      validationAccuracy: r.curve.accuracy ?? null,
      loss: r.curve.loss ?? null,
    })),
    evalIterations: evalPoints(s.budget, s.evalEvery),
    policies: findings.results.map(({ contender, seeds, outcomes }) => ({
      name: contender.name,
      kind: contender.kind,
      rule: contender.rule,
      settings: outcomes.map((o) => o.settings),
      config: outcomes[0]?.config ?? null,
      runs: outcomes.map((o, k) => ({
        seed: seeds[k],
        accuracy: o.run.accuracy,
        loss: o.run.loss,
        validation: o.run.validation,
        divergedAt: o.run.divergedAt ?? null,
      })),
    })),
    table: a.rows.map((r) => ({
      name: r.name,
      kind: r.kind,
      settings: r.settings,
      best: r.name === a.best,
      finals: r.finals,
      mean: r.mean,
      sd: r.sd,
      validation: r.validation,
      reaches: r.reaches ?? null,
      paperSpeedup: r.paperSpeedup ?? null,
      fairSpeedup: r.fairSpeedup ?? null,
      agreement: r.kind === "fixed" ? null : agreement(r),
      perSeed: r.perSeed.map((f) => ({
        seed: f.seed,
        final: f.final,
        finalGain: f.finalGain,
        reaches: f.reaches ?? null,
        paperSpeedup: f.paperSpeedup ?? null,
        fairSpeedup: f.fairSpeedup ?? null,
        direction: f.direction,
      })),
      diverged: r.diverged,
    })),
    best: a.best,
    target: a.target,
    bestReaches: a.bestReaches ?? null,
    verdicts: input.verdicts,
    timing: input.timing,
  };
}
