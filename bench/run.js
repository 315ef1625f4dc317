#!/usr/bin/env node
'use strict';
/**
 * `npm run bench`: how fast and how polite the HighLevel Voice AI node is, measured through real
 * n8n-core against the local HighLevel look-alike (each in its own process).
 *
 *   node bench/run.js [--ids 300] [--latency 100] [--burst 100] [--interval 2000]
 *                     [--calls 10000] [--actions 1000] [--transcript-kb 1024] [--concurrency N]
 *
 * Prints a table with PASS/FAIL per target and, last, one JSON line. Exits 0 whatever the
 * figures are; only a crash exits non-zero.
 */
const path = require('path');
const { fork } = require('child_process');
const { performance } = require('perf_hooks');

const { runNode, PACKAGE_ROOT } = require('../test/harness/n8n');
const { generateCallLogs, generateDataset } = require('../sandbox/data');

function option(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = Number(process.argv[index + 1]);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number`);
	return value;
}

const config = {
	ids: option('ids', 300),
	latencyMs: option('latency', 100),
	burst: option('burst', 100),
	intervalMs: option('interval', 2000),
	returnAllCalls: option('calls', 10000),
	transformActions: option('actions', 1000),
	transcriptKb: option('transcript-kb', 1024),
	// Unset: the node's default, as a user who tunes nothing gets it.
	concurrency: option('concurrency', undefined),
};
const { DEFAULT_TRANSPORT_OPTIONS } = require(
	path.join(PACKAGE_ROOT, 'dist/nodes/HighLevelVoiceAi/transport'),
);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Starts the look-alike in a child process; `call(command)` talks to it. */
async function startSandboxProcess(options) {
	const child = fork(path.join(__dirname, 'sandbox-process.js'), [JSON.stringify(options)], {
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	const pending = new Map();
	let nextId = 0;
	const info = await new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`The sandbox exited with code ${code}`)));
		child.on('message', (message) => {
			if (message.ready) return resolve(message);
			pending.get(message.id)?.(message.result);
			pending.delete(message.id);
		});
	});
	child.removeAllListeners('exit');
	const call = (command) =>
		new Promise((resolve) => {
			const id = nextId++;
			pending.set(id, resolve);
			child.send({ id, command });
		});
	const credentials = {
		token: info.token,
		locationId: info.locationId,
		// Base URL and API Version only count with the credential's advanced settings on.
		advanced: true,
		apiVersion: '2021-04-15',
		baseUrl: info.url,
	};
	return { ...info, credentials, call, close: () => call('close') };
}

/**
 * How close to the burst limit the client ran once the initial budget was spent. A client that
 * respects a sliding window of `max` per `interval` needs at least one interval between request k
 * and request k+max, so interval / mean(t[k+max] − t[k]) is 1.0 at best and compares runs of any
 * length fairly. The whole-run rate (requests / span / limit) is also given; it exceeds 1.0 on
 * short runs because the first `max` requests ride on a full budget.
 */
function utilization(arrivals, max, intervalMs) {
	const sorted = [...arrivals].sort((a, b) => a - b);
	const span = (sorted[sorted.length - 1] - sorted[0]) / 1000;
	const limitPerSecond = max / (intervalMs / 1000);
	const wholeRun = span > 0 ? sorted.length / span / limitPerSecond : NaN;
	let gaps = 0;
	let pairs = 0;
	for (let k = 0; k + max < sorted.length; k++) {
		gaps += sorted[k + max] - sorted[k];
		pairs++;
	}
	return { sustained: pairs > 0 ? intervalMs / (gaps / pairs) : NaN, wholeRun, span, pairs };
}

/** Runs Get Call Log over the ids; counts items that are missing, failed, or misplaced. */
async function getCallLogs(sandbox, ids, expectedPerId, concurrency) {
	const started = performance.now();
	const { items, error } = await runNode({
		parameters: {
			resource: 'callLog',
			operation: 'get',
			callId: '={{ $json.callId }}',
			options: concurrency === undefined ? {} : { maxConcurrency: concurrency },
		},
		input: ids.map((callId) => ({ callId })),
		credentials: sandbox.credentials,
		onError: 'continueRegularOutput',
	});
	const seconds = (performance.now() - started) / 1000;
	const good = new Array(ids.length).fill(0);
	let surfaced429 = error && String(error.httpCode) === '429' ? 1 : 0;
	for (const item of items) {
		if (item.json.error !== undefined) {
			if (String(item.json.httpCode) === '429') surfaced429++;
			continue;
		}
		const index = item.pairedItem && item.pairedItem.item;
		if (ids[index] === item.json.callId) good[index]++;
	}
	const lostItems = ids.reduce(
		(lost, _, index) => lost + Math.max(0, expectedPerId[index] - good[index]),
		0,
	);
	return { seconds, items: items.length, lostItems, surfaced429, error: error && error.message };
}

async function benchGetCallLog() {
	const sandbox = await startSandboxProcess({
		latencyMs: config.latencyMs,
		rateLimit: { max: config.burst, intervalMs: config.intervalMs },
		data: { count: config.ids },
	});
	try {
		const ids = sandbox.callIds.slice(0, config.ids);
		// The node's default output: one item per executed action, or one for a call without any.
		const byId = new Map(generateCallLogs({ count: config.ids }).map((call) => [call.id, call]));
		const expectedPerId = ids.map((id) => Math.max(1, byId.get(id).executedCallActions.length));
		const settle = () => sleep(config.intervalMs + config.latencyMs + 500);

		// Warm-up: loads the package and JIT-compiles the code path, then lets the window clear.
		await getCallLogs(sandbox, ids.slice(0, 5), expectedPerId.slice(0, 5), config.concurrency);
		await settle();
		await sandbox.call('reset');

		const concurrent = await getCallLogs(sandbox, ids, expectedPerId, config.concurrency);
		const { stats, arrivals } = await sandbox.call('stats');
		const rate = utilization(arrivals, config.burst, config.intervalMs);
		await settle();
		await sandbox.call('reset');

		const sequential = await getCallLogs(sandbox, ids, expectedPerId, 1);
		return { concurrent, sequential, stats, rate };
	} finally {
		await sandbox.close();
	}
}

async function benchReturnAll() {
	// The look-alike adds a few fixed calls (a seed and odd shapes) to the generated ones.
	const fixedCalls = generateDataset({ count: 0 }).callLogs.length;
	const sandbox = await startSandboxProcess({
		latencyMs: config.latencyMs,
		rateLimit: { max: config.burst, intervalMs: config.intervalMs },
		data: { count: Math.max(0, config.returnAllCalls - fixedCalls) },
		recordRequests: false,
	});
	try {
		const child = fork(
			path.join(__dirname, 'return-all.js'),
			[JSON.stringify(sandbox.credentials)],
			{
				stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
			},
		);
		const result = await new Promise((resolve, reject) => {
			child.once('message', resolve);
			child.once('exit', (code) =>
				reject(new Error(`The Return All run exited with code ${code}`)),
			);
		});
		child.removeAllListeners('exit');
		child.kill();
		const { stats } = await sandbox.call('stats');
		return { ...result, total: sandbox.total, requests: stats.total, server429: stats.status429 };
	} finally {
		await sandbox.close();
	}
}

/**
 * Median milliseconds of each of two pieces of work, run alternately so that noise from other
 * processes on the machine weighs on both alike.
 */
function medianMs(first, second, repetitions) {
	for (let i = 0; i < 5; i++) {
		first();
		second();
	}
	const times = [[], []];
	for (let i = 0; i < repetitions; i++) {
		[first, second].forEach((work, which) => {
			const started = performance.now();
			work();
			times[which].push(performance.now() - started);
		});
	}
	return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]);
}

function benchTransform() {
	const { callLogToItems } = require(
		path.join(PACKAGE_ROOT, 'dist/nodes/HighLevelVoiceAi/helpers/callLog.js'),
	);
	// Real actions of every type (secrets included, so redaction has work to do), 1,000 of them.
	const actions = [];
	for (const call of generateCallLogs({ count: Math.ceil(config.transformActions / 2) + 50 })) {
		actions.push(...call.executedCallActions);
	}
	const call = {
		...generateCallLogs({ count: 1 })[0],
		executedCallActions: actions.slice(0, config.transformActions),
	};
	const line =
		'human: I would like to book a cleaning, and could you tell me about Saturday hours?\n';
	call.transcript = line.repeat(Math.ceil((config.transcriptKb * 1024) / line.length));
	const body = JSON.stringify(call);
	const parsed = JSON.parse(body);
	// The node's defaults: one item per action, secrets redacted.
	const settings = { mode: 'actions', actionTypes: [], redact: true, whenNoActions: 'emitCall' };
	const items = callLogToItems(parsed, settings).items.length;
	const [parseMs, transformMs] = medianMs(
		() => JSON.parse(body),
		() => callLogToItems(parsed, settings),
		41,
	);
	return {
		bodyMb: body.length / 2 ** 20,
		actions: call.executedCallActions.length,
		items,
		parseMs,
		transformMs,
	};
}

function printTable(rows) {
	const widths = [0, 1, 2, 3].map((column) =>
		Math.max(...rows.map((row) => String(row[column] ?? '').length)),
	);
	for (const row of rows) {
		console.log(
			row
				.map((cell, column) => String(cell ?? '').padEnd(widths[column]))
				.join('  ')
				.trimEnd(),
		);
	}
}

async function main() {
	console.log(
		`HighLevel Voice AI bench: ${config.ids} call ids, ${config.latencyMs} ms latency, burst ${config.burst} per ${config.intervalMs} ms, ` +
			`concurrency ${config.concurrency ?? `${DEFAULT_TRANSPORT_OPTIONS.maxConcurrency} (default)`}; Return All over ${config.returnAllCalls} calls; ` +
			`transform of ${config.transformActions} actions + ${config.transcriptKb} KB transcript.\n`,
	);
	// The transform first, while this process's heap is still small and quiet.
	const transform = benchTransform();
	const get = await benchGetCallLog();
	const all = await benchReturnAll();

	const limitPerSecond = config.burst / (config.intervalMs / 1000);
	const achievedPerSecond = config.ids / get.rate.span;
	const speedup = get.sequential.seconds / get.concurrent.seconds;
	const expectedRequests = Math.ceil(all.total / 50);
	const transformRatio = transform.transformMs / transform.parseMs;
	const pass = (ok) => (ok ? 'PASS' : 'FAIL');

	const rows = [
		['Figure', 'Value', 'Target', 'Result'],
		[
			'Get Call Log: sustained burst utilization',
			round(get.rate.sustained, 3),
			'>= 0.90',
			pass(get.rate.sustained >= 0.9),
		],
		[
			'  whole-run rate / limit (includes the initial full budget)',
			round(get.rate.wholeRun, 3),
			'',
			'',
		],
		[
			'  requests per second (limit)',
			`${round(achievedPerSecond, 1)} (${round(limitPerSecond, 1)})`,
			'',
			'',
		],
		[
			'  429s surfaced to the user',
			get.concurrent.surfaced429,
			'0',
			pass(get.concurrent.surfaced429 === 0),
		],
		[
			'  429s answered by the server (retried)',
			get.stats.status429,
			'0',
			pass(get.stats.status429 === 0),
		],
		[
			'  most requests the server saw in one window',
			get.stats.maxInWindow,
			`<= ${config.burst}`,
			pass(get.stats.maxInWindow <= config.burst),
		],
		['  items lost', get.concurrent.lostItems, '0', pass(get.concurrent.lostItems === 0)],
		[
			'  wall time, s (one at a time: s)',
			`${round(get.concurrent.seconds)} (${round(get.sequential.seconds)})`,
			'',
			'',
		],
		['  speed-up vs one at a time', round(speedup, 2), '>= 4', pass(speedup >= 4)],
		[
			'Return All: requests (ceil(N/50))',
			`${all.requests} (${expectedRequests})`,
			'equal',
			pass(all.requests === expectedRequests),
		],
		[
			'  calls returned (N)',
			`${all.uniqueIds} (${all.total})`,
			'equal',
			pass(all.uniqueIds === all.total && !all.error),
		],
		['  wall time, s', round(all.seconds), '', ''],
		[
			'  peak RSS, MB (after loading n8n)',
			`${round(all.peakRssMb, 0)} (${round(all.rssBeforeMb, 0)})`,
			'',
			'',
		],
		[
			`Transform: ${transform.actions} actions, ${round(transform.bodyMb, 2)} MB body, ms`,
			round(transform.transformMs, 2),
			'',
			'',
		],
		['  JSON.parse of the same body, ms', round(transform.parseMs, 2), '', ''],
		['  transform / JSON.parse', round(transformRatio, 2), '<= 2', pass(transformRatio <= 2)],
	];
	printTable(rows);
	if (get.concurrent.error || get.sequential.error || all.error) {
		console.log(
			`\nErrors: ${[get.concurrent.error, get.sequential.error, all.error].filter(Boolean).join('; ')}`,
		);
	}
	const failed = rows.slice(1).filter((row) => row[3] === 'FAIL').length;
	console.log(`\n${failed === 0 ? 'All targets met.' : `${failed} target(s) missed.`}\n`);

	console.log(
		JSON.stringify({
			burstUtilization: round(get.rate.sustained, 3),
			burstUtilizationWholeRun: round(get.rate.wholeRun, 3),
			requestsPerSecond: round(achievedPerSecond, 2),
			surfaced429: get.concurrent.surfaced429,
			server429: get.stats.status429,
			lostItems: get.concurrent.lostItems,
			speedupVsSequential: round(speedup, 2),
			concurrentSeconds: round(get.concurrent.seconds, 2),
			sequentialSeconds: round(get.sequential.seconds, 2),
			returnAllRequests: all.requests,
			returnAllExpected: expectedRequests,
			returnAllCalls: all.uniqueIds,
			returnAllSeconds: round(all.seconds, 2),
			returnAllPeakRssMb: round(all.peakRssMb, 1),
			transformMs: round(transform.transformMs, 3),
			jsonParseMs: round(transform.parseMs, 3),
			transformVsJsonParse: round(transformRatio, 3),
			config,
		}),
	);
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
