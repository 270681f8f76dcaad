// Mocha's spec reporter, plus the slowest test files (hooks included, so the 15-minute budget can be watched) and
// one plain closing line ("tests: N passed, N failed, N skipped") that CI reads whatever the runner. CommonJS
// because mocha loads reporters with require().
'use strict';
const path = require('node:path');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_HOOK_END, EVENT_TEST_END } = Mocha.Runner.constants;

/** How many of the slowest files the summary names. */
const SLOWEST = 8;

class SpecWithSummary extends Spec {
  constructor(runner, options) {
    super(runner, options);
    // A file's time is the sum of its hooks' and tests' durations: the same in a serial run and in a parallel one,
    // where a worker's events are replayed only when its file is done.
    const elapsedByFile = new Map();
    const count = (runnable) => {
      if (runnable.file === undefined || typeof runnable.duration !== 'number') return;
      const file = path.relative(process.cwd(), runnable.file);
      elapsedByFile.set(file, (elapsedByFile.get(file) ?? 0) + runnable.duration);
    };
    runner.on(EVENT_HOOK_END, count);
    runner.on(EVENT_TEST_END, count);
    runner.once(EVENT_RUN_END, () => {
      const slowest = [...elapsedByFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, SLOWEST);
      if (slowest.length > 0) {
        process.stdout.write('slowest files:\n');
        for (const [file, ms] of slowest) process.stdout.write(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}\n`);
      }
      const { passes, failures, pending } = this.stats;
      process.stdout.write(`tests: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SpecWithSummary;
