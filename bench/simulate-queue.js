#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:simulate`: npm run bench:queue's workload in virtual time, for worker counts the
 * machine cannot run for real. Each worker is a RateLimiter of the BUILT package (dist/) with its
 * own executions; all of them share one sliding window (test/harness/queueSimulation.js).
 *
 *   npm run bench:simulate -- [--workers 10] [--executions 20] [--burst 100] [--interval 10000]
 *                             [--latency 100] [--cpu 5] [--patience 300000] [--seeds 1,2,3]
 *
 * --cpu: milliseconds each worker's single event loop spends per request and again per answer
 * (n8n's own work; 5 reproduces how the real bench spreads a worker's bursts). A run of 20
 * executions takes seconds. Prints a line per seed and, last, one JSON line.
 */
const path = require('path');

const { simulateQueue, admittedBetween, jainIndex } = require('../test/harness/queueSimulation');
const { RateLimiter } = require(
	path.join(__dirname, '..', 'dist/nodes/HighLevelVoiceAi/transport/rateLimit'),
);

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = process.argv[index + 1];
	if (name === 'seeds') return value.split(',').map(Number);
	const number = Number(value);
	if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} needs a positive number`);
	return number;
}

const config = {
	workers: option('workers', 10),
	executions: option('executions', 20),
	burst: option('burst', 100),
	interval: option('interval', 10000),
	latency: option('latency', 100),
	cpu: option('cpu', 5),
	patience: option('patience', 300000),
	seeds: option('seeds', [1, 2, 3]),
};

/** The bench's workflow: 5 pages of Get Many one after another, then Get for 237 calls, 10 at once. */
function workload({ workers, executions }) {
	return Array.from({ length: workers }, (_, worker) => ({
		executions: Array.from(
			{ length: Math.floor(executions / workers) + (worker < executions % workers ? 1 : 0) },
			(_, index) => ({ pages: 5, gets: 237, concurrency: 10, startAt: 50 * index + 30 * worker }),
		),
	}));
}

const round = (value, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

(async () => {
	console.log(
		`Simulated queue mode: ${config.workers} worker(s), ${config.executions} executions, window ` +
			`${config.burst} / ${config.interval} ms, ${config.latency} ms latency, ${config.cpu} ms CPU per step.`,
	);
	const runs = [];
	for (const seed of config.seeds) {
		const latency = config.latency;
		const result = await simulateQueue({
			processes: workload(config),
			createLimiter: (options) => new RateLimiter(options),
			max: config.burst,
			intervalMs: config.interval,
			patienceMs: config.patience,
			latency: (random) => latency * (0.8 + random() * 0.4),
			sendDelay: (random) => 2 + random() * 20,
			cpuMs: config.cpu,
			seed,
		});
		const busyUntil = Math.min(...result.executions.map((execution) => execution.endedAt));
		const run = {
			seed,
			succeeded: result.succeeded,
			failed: result.failed,
			requests: result.total,
			status429: result.refused,
			share429: round(result.refused / result.total, 4),
			maxInWindow: result.maxInWindow,
			wallSeconds: round(result.wallMs / 1000, 1),
			budgetLowerBoundSeconds: round(result.lowerBoundMs / 1000, 1),
			wallVsBudgetLowerBound: round(result.wallMs / result.lowerBoundMs),
			longestWaitSeconds: round(result.longestWaitMs / 1000, 1),
			// How evenly the workers shared the window while all of them were busy (1 = equally).
			fairnessWhileAllBusy: round(
				jainIndex(admittedBetween(result, config.interval, busyUntil, config.workers)),
			),
		};
		runs.push(run);
		console.log(
			`seed ${seed}: ${run.succeeded}/${config.executions} succeeded, ${run.status429} of ${run.requests} ` +
				`requests answered 429 (${round(run.share429 * 100, 1)} %), wall ${run.wallSeconds} s ` +
				`(${run.wallVsBudgetLowerBound}x the budget's ${run.budgetLowerBoundSeconds} s), longest ` +
				`wait ${run.longestWaitSeconds} s, fairness ${run.fairnessWhileAllBusy}`,
		);
	}
	console.log(JSON.stringify({ config, runs }));
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
