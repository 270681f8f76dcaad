// Mocha's spec reporter, plus the slowest test files (hooks included, so the 20-minute budget can be watched) and
// one plain closing line ("tests: N passed, N failed, N skipped") that CI reads whatever the runner. CommonJS
// because mocha loads reporters with require().
'use strict';
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const Mocha = require('mocha');

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END, EVENT_SUITE_BEGIN, EVENT_SUITE_END } = Mocha.Runner.constants;

/** How many of the slowest files the summary names. */
const SLOWEST = 8;

class SpecWithSummary extends Spec {
  constructor(runner, options) {
    super(runner, options);
    const started = new Map();
    const elapsedByFile = new Map();
    runner.on(EVENT_SUITE_BEGIN, (suite) => {
      if (suite.file !== undefined && suite.parent !== undefined && suite.parent.root) started.set(suite, performance.now());
    });
    runner.on(EVENT_SUITE_END, (suite) => {
      const begin = started.get(suite);
      if (begin === undefined) return;
      const file = path.relative(process.cwd(), suite.file);
      elapsedByFile.set(file, (elapsedByFile.get(file) ?? 0) + (performance.now() - begin));
    });
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
