#!/usr/bin/env node
'use strict';
/**
 * `npm run bench:queue`: this package in a REAL n8n 2.41.1 in queue mode, many executions on
 * several workers sharing one HighLevel rate-limit budget, all on 127.0.0.1.
 *
 *   npm run bench:queue -- [--workers 2] [--executions 20] [--concurrency 10] [--latency 100]
 *                          [--burst 100] [--interval 10000] [--calls 237] [--timeout SECONDS]
 *                          [--short] [--keep]
 *
 * What runs: Redis and a throwaway PostgreSQL cluster (Debian's `redis-server` and `postgresql`,
 * installed with apt-get when missing), the HighLevel sandbox in its own process with a sliding
 * window of --burst requests per --interval ms and --latency ms per answer, and n8n: one main
 * (`n8n start`, EXECUTIONS_MODE=queue, DB_TYPE=postgresdb) and --workers workers
 * (`n8n worker --concurrency=C`), sharing one user folder (the package built, packed and installed
 * there as the Community Nodes installer would), one database, one Redis and one encryption key.
 * The workflow: Webhook → HighLevel Voice AI (Call Log → Get Many, Return All, one item per call:
 * --calls calls, i.e. ceil(calls / 50) list pages) → HighLevel Voice AI (Call Log → Get, Call ID
 * {{ $json.id }}, one item per executed action): ceil(calls / 50) + calls requests per execution.
 * It is imported, published (`n8n publish:workflow`) and main registers its production webhook;
 * then --executions POSTs hit that webhook at once and the bench waits, reading PostgreSQL, until
 * every execution has finished.
 *
 * Output: progress lines, a table, and last ONE JSON line: executions succeeded/failed, items per
 * execution (expected vs got), requests and 429s seen by the sandbox, the errors executions
 * surfaced (counted), executions per worker (from the workers' "Worker started execution" log
 * lines), the wall time (webhook POSTs to the last execution's end) and the budget's lower bound
 * (requests / burst * interval; the first `burst` requests really ride on a full window). Targets
 * are shown as PASS/FAIL; the exit code is 0 whatever the figures, non-zero only on a crash.
 *
 * --short: a CI preset that finishes in a few minutes: 10 executions on 2 workers, 100 calls per
 *          execution, a 5 s window of 50 requests (budget lower bound 102 s; see SHORT below).
 *          Flags given explicitly override it.
 * --keep:  keep the temporary folder (n8n, PostgreSQL, Redis data and every process's log).
 *
 * Everything started is stopped at exit (also on Ctrl-C and errors) and the temporary folder
 * (under $TMPDIR) is removed. The first run installs Node 24 and n8n into ~/.cache (see
 * scripts/real-n8n.js) and may apt-get install Redis and PostgreSQL. Not part of `npm test`.
 */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { createRequire } = require('module');

const n8n = require('../scripts/real-n8n');
const { generateDataset } = require('../sandbox/data');
const { stopAll, ownFolder, tailOf } = require('./queue/processes');
const { ensureDebianPackages, startRedis, startPostgres } = require('./queue/services');
const { startSandboxProcess } = require('./queue/sandbox');
const cluster = require('./queue/cluster');
const { waitForExecutions, readExecutions } = require('./queue/executions');

const PAGE_SIZE = 50;
const DEFAULTS = {
	workers: 2,
	executions: 20,
	concurrency: 10,
	latency: 100,
	burst: 100,
	interval: 10000,
	calls: 237,
};
/**
 * The CI preset keeps what makes the full run fail today: HighLevel's rate (10 requests a second,
 * so n8n's CPU per request weighs as much as in the full run), twice as many requests wanted at
 * once as the window holds (10 executions x 10 concurrent vs 50), several executions per worker.
 * It shrinks the work instead: 100 calls (2 pages + 100 gets per execution), a 5 s window of 50.
 * A shorter window at the same burst (100 per 2 s) lets most runs succeed: 50 requests a second
 * on a busy 2-core machine is limited by n8n's CPU, not by the window.
 */
const SHORT = { workers: 2, executions: 10, burst: 50, interval: 5000, calls: 100 };

function readConfig(argv) {
	const flags = new Set(argv.filter((arg) => arg.startsWith('--')));
	const known = new Set([...Object.keys(DEFAULTS), 'timeout'].map((name) => `--${name}`));
	for (const flag of flags)
		if (!known.has(flag) && flag !== '--short' && flag !== '--keep')
			throw new Error(`unknown flag ${flag}`);
	const short = flags.has('--short');
	const value = (name) => {
		const index = argv.indexOf(`--${name}`);
		if (index < 0) return undefined;
		const number = Number(argv[index + 1]);
		if (!Number.isInteger(number) || number <= 0)
			throw new Error(`--${name} needs a positive whole number`);
		return number;
	};
	const config = { ...DEFAULTS, ...(short ? SHORT : {}) };
	for (const name of Object.keys(DEFAULTS)) config[name] = value(name) ?? config[name];
	const fixedCalls = generateDataset({ count: 0 }).callLogs.length;
	if (config.calls < fixedCalls)
		throw new Error(`--calls must be at least ${fixedCalls} (the sandbox's fixed call logs)`);
	config.timeout = value('timeout');
	config.short = short;
	config.keep = flags.has('--keep');
	return config;
}

const started = Date.now();
const seconds = (from, to = Date.now()) => Math.round((to - from) / 100) / 10;
const round = (number, digits = 2) => Math.round(number * 10 ** digits) / 10 ** digits;
const log = (message) => console.log(`[${seconds(started).toFixed(1).padStart(6)} s] ${message}`);

/** The workload the sandbox's data implies: items each node should output, requests per run. */
function expectedWorkload(config) {
	const fixedCalls = generateDataset({ count: 0 }).callLogs.length;
	const { callLogs } = generateDataset({ count: config.calls - fixedCalls });
	// One item per executed action (an entry that is an object), one for a call without any.
	const actionItems = (call) =>
		Math.max(
			1,
			Array.isArray(call.executedCallActions)
				? call.executedCallActions.filter(
						(action) => action !== null && typeof action === 'object' && !Array.isArray(action),
					).length
				: 0,
		);
	const pages = Math.ceil(callLogs.length / PAGE_SIZE);
	return {
		listItems: callLogs.length,
		getItems: callLogs.reduce((sum, call) => sum + actionItems(call), 0),
		requestsPerExecution: pages + callLogs.length,
	};
}

function printTable(rows) {
	const widths = rows[0].map((_, column) =>
		Math.max(...rows.map((row) => String(row[column] ?? '').length)),
	);
	for (const row of rows)
		console.log(
			row
				.map((cell, column) => String(cell ?? '').padEnd(widths[column]))
				.join('  ')
				.trimEnd(),
		);
}

function countBy(values) {
	const counts = {};
	for (const value of values) counts[value] = (counts[value] || 0) + 1;
	return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

async function main(config) {
	const workload = expectedWorkload(config);
	const workloadLowerBound =
		(config.executions * workload.requestsPerExecution * config.interval) / config.burst / 1000;
	const timeoutMs =
		(config.timeout ?? Math.max(600, Math.ceil(3 * workloadLowerBound) + 180)) * 1000;
	console.log(
		`HighLevel Voice AI queue bench: n8n ${n8n.N8N_VERSION} queue mode, main + ${config.workers} worker(s) ` +
			`(concurrency ${config.concurrency}), ${config.executions} executions at once; sandbox window ` +
			`${config.burst} requests / ${config.interval} ms, ${config.latency} ms latency, ${config.calls} calls ` +
			`(${workload.requestsPerExecution} requests per execution; budget lower bound ${round(workloadLowerBound, 1)} s).\n`,
	);

	const tmp = ownFolder(fs.mkdtempSync(path.join(os.tmpdir(), 'hl-queue-bench-')));
	// PostgreSQL runs as the `postgres` user when we are root: it must be able to reach its folder.
	fs.chmodSync(tmp, 0o711);
	const logs = path.join(tmp, 'logs');
	fs.mkdirSync(logs);
	logsDir = logs;
	const logFile = (name) => path.join(logs, `${name}.log`);

	const installed = await ensureDebianPackages(log);
	if (installed.length > 0) log(`installed ${installed.join(', ')}`);
	const runtime = await n8n.ensureRuntime();
	// n8n's own PostgreSQL driver and the format its execution data is stored in.
	const fromN8n = createRequire(runtime.n8nBin);
	const pg = fromN8n('pg');
	const flatted = fromN8n('flatted');

	const setupStarted = Date.now();
	const userFolder = path.join(tmp, 'n8n');
	fs.mkdirSync(userFolder);
	const [redis, postgres, sandbox] = await Promise.all([
		n8n
			.freePort()
			.then((port) =>
				startRedis({ dir: path.join(tmp, 'redis'), port, logFile: logFile('redis') }),
			),
		n8n
			.freePort()
			.then((port) =>
				startPostgres({ dir: path.join(tmp, 'postgres'), port, logFile: logFile('postgres'), pg }),
			),
		startSandboxProcess(
			{
				latencyMs: config.latency,
				rateLimit: { max: config.burst, intervalMs: config.interval },
				data: { count: config.calls - generateDataset({ count: 0 }).callLogs.length },
			},
			{ logFile: logFile('sandbox') },
		),
		n8n
			.installPackage(userFolder)
			.then(() => log('package built, packed and installed into the user folder')),
	]);
	log(
		`Redis on ${redis.port}, PostgreSQL on ${postgres.port}, sandbox at ${sandbox.url} (${sandbox.total} calls)`,
	);
	if (sandbox.total !== workload.listItems)
		throw new Error(`the sandbox holds ${sandbox.total} calls, expected ${workload.listItems}`);

	const instances = await cluster.clusterInstances({
		userFolder,
		workers: config.workers,
		redis,
		postgres,
	});
	const credential = n8n.voiceAiCredential({
		token: sandbox.token,
		locationId: sandbox.locationId,
		baseUrl: sandbox.url,
	});
	await cluster.importAndPublish(runtime, instances.main, {
		credential,
		workflow: cluster.benchWorkflow(credential),
	});
	log('credential and workflow imported, workflow published');

	// Main and the workers boot side by side: the imports above already migrated the database.
	const executionWorker = new Map();
	await Promise.all([
		cluster
			.startMain(runtime, instances.main, { logFile: logFile('main') })
			.then(() => log(`n8n main ready at ${instances.main.url}`)),
		...instances.workers.map((instance, index) =>
			cluster.startWorker(runtime, instance, {
				index: index + 1,
				concurrency: config.concurrency,
				logFile: logFile(`worker-${index + 1}`),
				onExecution: (event, id) => {
					if (event === 'started') executionWorker.set(id, index + 1);
				},
			}),
		),
	]);
	log(`${config.workers} worker(s) ready`);
	const webhookUrl = `${instances.main.url}/webhook/${cluster.WEBHOOK_PATH}`;
	await cluster.waitForWebhook(webhookUrl);
	log(`production webhook registered: ${webhookUrl}`);
	const setupSeconds = seconds(setupStarted);

	// The measured part: all webhooks at once, then until every execution has finished.
	await sandbox.call('reset');
	const db = await postgres.connect();
	const firedAt = Date.now();
	const answers = await Promise.all(
		Array.from({ length: config.executions }, (_, index) =>
			fetch(webhookUrl, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ run: index + 1 }),
			}).then(
				async (response) =>
					`${response.status}${response.ok ? '' : ` ${(await response.text()).slice(0, 200)}`}`,
				(error) => `failed: ${error.message}`,
			),
		),
	);
	const webhookAnswers = countBy(answers);
	// A POST n8n did not accept started no execution: wait only for those it did.
	const accepted = answers.filter((answer) => answer === '200').length;
	log(
		`${config.executions} webhook POSTs answered in ${seconds(firedAt)} s: ${JSON.stringify(webhookAnswers)}`,
	);

	let lastProgress = 0;
	const { counts, timedOut } = await waitForExecutions(db, cluster.WORKFLOW_ID, accepted, {
		timeoutMs,
		onTick: async ({ counts: byStatus }) => {
			if (interrupted || Date.now() - lastProgress < 15000) return;
			lastProgress = Date.now();
			const { stats } = await sandbox.call('stats');
			log(
				`executions ${JSON.stringify(byStatus)}; sandbox ${stats.total} requests, ${stats.status429} answered 429`,
			);
		},
	});
	const doneAt = Date.now();
	if (timedOut)
		log(`gave up waiting after ${timeoutMs / 1000} s: ${JSON.stringify(counts.counts)}`);

	const executions = await readExecutions(db, cluster.WORKFLOW_ID, {
		flatted,
		nodeNames: cluster.NODE_NAMES,
	});
	await db.end();
	const { stats, arrivals } = await sandbox.call('stats');

	const finishedExecutions = executions.filter((execution) => execution.stoppedAt);
	const lastStop = Math.max(...finishedExecutions.map((execution) => execution.stoppedAt), firedAt);
	const wallSeconds = seconds(firedAt, timedOut ? doneAt : lastStop);
	const succeeded = executions.filter((execution) => execution.status === 'success').length;
	const failed = executions.filter((execution) =>
		['error', 'crashed', 'canceled'].includes(execution.status),
	).length;
	const surfacedErrors = countBy(executions.map((execution) => execution.error).filter(Boolean));
	const failedAtNode = countBy(
		executions
			.filter((execution) => execution.error)
			.map((execution) => execution.errorNode || '(none)'),
	);
	const surfaced429 = Object.entries(surfacedErrors)
		.filter(([message]) => /\[429\]$/.test(message))
		.reduce((sum, [, count]) => sum + count, 0);
	const completeItems = executions.filter(
		(execution) =>
			execution.listItems === workload.listItems && execution.getItems === workload.getItems,
	).length;
	const admitted = stats.total - stats.status429;
	const lowerBoundSeconds = (admitted * config.interval) / config.burst / 1000;
	const share429 = stats.total > 0 ? stats.status429 / stats.total : 0;
	const perWorker = instances.workers.map((_, index) => ({
		worker: index + 1,
		executions: [...executionWorker.values()].filter((worker) => worker === index + 1).length,
	}));
	const sortedArrivals = [...arrivals].sort((a, b) => a - b);
	const requestSpanSeconds =
		sortedArrivals.length > 1
			? seconds(sortedArrivals[0], sortedArrivals[sortedArrivals.length - 1])
			: 0;

	const pass = (ok) => (ok ? 'PASS' : 'FAIL');
	const rows = [
		['Figure', 'Value', 'Target', 'Result'],
		[
			'executions succeeded / failed',
			`${succeeded} / ${failed} of ${config.executions}`,
			`${config.executions} / 0`,
			pass(succeeded === config.executions),
		],
		[
			'  items per execution, Get Many (expected)',
			`${[...new Set(executions.map((execution) => execution.listItems ?? '-'))].join(', ')} (${workload.listItems})`,
			'',
			'',
		],
		[
			'  items per execution, Get (expected)',
			`${[...new Set(executions.map((execution) => execution.getItems ?? '-'))].join(', ')} (${workload.getItems})`,
			'',
			'',
		],
		[
			'  executions with every item',
			completeItems,
			config.executions,
			pass(completeItems === config.executions),
		],
		['429s surfaced to the user', surfaced429, '0', pass(surfaced429 === 0)],
		[
			'requests at the sandbox (expected for all runs)',
			`${stats.total} (${config.executions * workload.requestsPerExecution})`,
			'',
			'',
		],
		[
			'  answered 429 (share)',
			`${stats.status429} (${round(share429 * 100, 1)} %)`,
			'<= 5 %',
			pass(share429 <= 0.05),
		],
		['  most requests in one window (limit)', `${stats.maxInWindow} (${config.burst})`, '', ''],
		[
			'wall time, s (webhooks to last execution end)',
			// Failed executions end early: the wall time only means something when all succeed.
			succeeded === config.executions ? wallSeconds : `${wallSeconds} (not all succeeded)`,
			`<= ${round(1.2 * workloadLowerBound, 1)}`,
			pass(succeeded === config.executions && wallSeconds <= 1.2 * workloadLowerBound),
		],
		[
			'  budget lower bound, s: all runs (admitted requests)',
			`${round(workloadLowerBound, 1)} (${round(lowerBoundSeconds, 1)})`,
			'',
			'',
		],
		[
			'executions per worker',
			perWorker.map((entry) => `#${entry.worker}: ${entry.executions}`).join(', '),
			'',
			'',
		],
		['setup before the webhooks, s', setupSeconds, '', ''],
	];
	console.log('');
	printTable(rows);
	if (Object.keys(surfacedErrors).length > 0) {
		console.log('\nErrors the executions surfaced:');
		for (const [message, count] of Object.entries(surfacedErrors))
			console.log(`  ${String(count).padStart(4)} x ${message}`);
		console.log(
			`  in: ${Object.entries(failedAtNode)
				.map(([node, count]) => `${node} (${count})`)
				.join(', ')}`,
		);
	}
	const missed = rows.slice(1).filter((row) => row[3] === 'FAIL').length;
	console.log(`\n${missed === 0 ? 'All targets met.' : `${missed} target(s) missed.`}`);
	if (config.keep) console.log(`Kept ${tmp} (logs in ${logs}).`);
	console.log('');

	const result = {
		executions: config.executions,
		succeeded,
		failed,
		unfinished: config.executions - succeeded - failed,
		statuses: counts.counts,
		timedOut,
		webhookAnswers,
		itemsPerExecution: {
			expected: { getMany: workload.listItems, get: workload.getItems },
			got: executions.map((execution) => ({
				id: execution.id,
				status: execution.status,
				getMany: execution.listItems ?? null,
				get: execution.getItems ?? null,
			})),
			complete: completeItems,
		},
		requests: {
			total: stats.total,
			status429: stats.status429,
			share429: round(share429, 4),
			admitted,
			byStatus: stats.byStatus,
			maxInWindow: stats.maxInWindow,
			maxInFlight: stats.maxInFlight,
			expectedPerExecution: workload.requestsPerExecution,
			expectedTotal: config.executions * workload.requestsPerExecution,
			spanSeconds: requestSpanSeconds,
		},
		surfaced429,
		surfacedErrors,
		failedAtNode,
		perWorker,
		wallSeconds,
		budgetLowerBoundSeconds: round(workloadLowerBound, 1),
		admittedLowerBoundSeconds: round(lowerBoundSeconds, 1),
		wallVsBudgetLowerBound: round(wallSeconds / workloadLowerBound, 3),
		setupSeconds,
		config: {
			workers: config.workers,
			executions: config.executions,
			concurrency: config.concurrency,
			latencyMs: config.latency,
			burst: config.burst,
			intervalMs: config.interval,
			calls: config.calls,
			short: config.short,
			n8n: n8n.N8N_VERSION,
		},
	};
	// Stop before the JSON line so its "totalSeconds" covers the whole run a user waits for.
	await stopAll({ keepFolders: config.keep });
	result.totalSeconds = seconds(started);
	console.log(JSON.stringify(result));
}

/** Set once the run has a log folder: a crash shows the end of every process's log from it. */
let logsDir;

function printLogTails() {
	if (!logsDir || !fs.existsSync(logsDir)) return;
	for (const file of fs.readdirSync(logsDir).sort())
		console.error(`\n--- last lines of ${file} ---\n${tailOf(path.join(logsDir, file), 25)}`);
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, async () => {
		if (interrupted) return;
		interrupted = true;
		console.error(`\n${signal}: stopping n8n, the sandbox, PostgreSQL and Redis...`);
		await stopAll();
		process.exit(130);
	});
}

let config;
try {
	config = readConfig(process.argv.slice(2));
} catch (error) {
	console.error(`bench:queue: ${error.message}`);
	process.exit(2);
}
main(config).then(
	() => process.exit(0),
	async (error) => {
		if (interrupted) return;
		console.error(`\nbench:queue failed: ${error.stack || error}`);
		printLogTails();
		await stopAll({ keepFolders: config.keep });
		process.exit(1);
	},
);
