'use strict';
// n8n 2.41.1 in queue mode: one main (`n8n start`: editor, REST API, production webhooks, puts
// executions on the Bull queue) and N workers (`n8n worker`: take executions off the queue and
// run them), all sharing one user folder (where the packed package is installed), one
// PostgreSQL database, one Redis and one encryption key.

const fs = require('fs');
const path = require('path');

const n8n = require('../../scripts/real-n8n');
const { startOwned } = require('./processes');

const NODE_TYPE = `${n8n.PACKAGE_NAME}.highLevelVoiceAi`;
const WORKFLOW_ID = 'hlQueueBench01';
const WEBHOOK_PATH = 'highlevel-queue-bench';
const NODE_NAMES = { webhook: 'Webhook', list: 'Get Many Call Logs', get: 'Get Call Log' };

/**
 * Webhook → Get Many (Return All, one item per call) → Get (one item per executed action of each
 * call): the workflow. Responds as soon as the webhook is received, so the caller never
 * waits for the execution (and the bench times executions from the database, not from HTTP).
 */
function benchWorkflow(credential) {
	const credentials = { highLevelVoiceAiApi: { id: credential.id, name: credential.name } };
	return {
		id: WORKFLOW_ID,
		name: 'Queue bench: list every call, then get each call',
		active: false,
		nodes: [
			{
				parameters: {
					httpMethod: 'POST',
					path: WEBHOOK_PATH,
					responseMode: 'onReceived',
					options: {},
				},
				id: 'a7c10000-0000-4000-8000-000000000001',
				name: NODE_NAMES.webhook,
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 300],
				webhookId: 'a7c10000-0000-4000-8000-0000000000ff',
			},
			{
				parameters: {
					resource: 'callLog',
					operation: 'getAll',
					returnAll: true,
					filters: {},
					output: 'callLogs',
					options: {},
				},
				id: 'a7c10000-0000-4000-8000-000000000002',
				name: NODE_NAMES.list,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [240, 300],
				credentials,
			},
			{
				parameters: {
					resource: 'callLog',
					operation: 'get',
					callId: '={{ $json.id }}',
					output: 'actions',
					options: {},
				},
				id: 'a7c10000-0000-4000-8000-000000000003',
				name: NODE_NAMES.get,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 300],
				credentials,
			},
		],
		connections: {
			[NODE_NAMES.webhook]: { main: [[{ node: NODE_NAMES.list, type: 'main', index: 0 }]] },
			[NODE_NAMES.list]: { main: [[{ node: NODE_NAMES.get, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** What queue mode adds to every process's environment (main, workers, CLI commands). */
function queueEnv({ redis, postgres, logLevel }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: postgres.database,
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_PASSWORD: postgres.password,
		// Workers log "Worker started execution N" at info: that is how executions are attributed.
		N8N_LOG_LEVEL: logLevel,
		// The bench stops n8n after the executions are done, or on Ctrl-C: never wait 30 s for them.
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
	};
}

/**
 * Environments for main and each worker. Each process gets its own HTTP and task-runner broker
 * ports (every n8n process starts a broker; two on one port would collide), everything else is
 * shared. `real-n8n.js` supplies the common loopback-only, no-telemetry settings and the key.
 */
async function clusterInstances({ userFolder, workers, redis, postgres }) {
	const extra = queueEnv({ redis, postgres, logLevel: 'info' });
	const make = async (name) => {
		const instance = await n8n.createInstance(name, { userFolder });
		Object.assign(instance.env, extra);
		return instance;
	};
	const main = await make('queue-main');
	const workerInstances = [];
	for (let index = 0; index < workers; index++)
		workerInstances.push(await make(`queue-worker-${index + 1}`));
	return { main, workers: workerInstances };
}

/** The workflow and the sandbox credential in the shared database, the workflow published. */
async function importAndPublish(runtime, instance, { credential, workflow }) {
	const dir = path.join(instance.userFolder, 'bench-workflows');
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	await n8n.importFixtures(runtime, instance, { credentials: [credential], workflowsDir: dir });
	// n8n 2.x imports workflows unpublished ("active" is ignored); `publish:workflow` marks the
	// current version active in the database, and main activates it (registers the webhook) at boot.
	await n8n.n8nCliOrThrow(runtime, instance, ['publish:workflow', `--id=${workflow.id}`]);
}

const stripAnsi = (text) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** `n8n start` in queue mode; resolves once its REST API answers (as real-n8n.js's startN8n). */
async function startMain(runtime, instance, { logFile, timeoutMs = 180000 }) {
	const entry = startOwned('n8n main', runtime.node, [runtime.n8nBin, 'start'], {
		env: runtimeEnvOf(runtime, instance),
		logFile,
		stage: 1,
	});
	let exited;
	entry.exited.then((how) => (exited = how));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (exited)
			throw new Error(
				`n8n main exited while starting (${JSON.stringify(exited)}):\n${entry.output()}`,
			);
		try {
			const response = await fetch(`${instance.url}/rest/settings`);
			const type = response.headers.get('content-type') || '';
			if (response.ok && type.includes('json') && (await response.json()).data) return entry;
		} catch {
			// not listening yet
		}
		await n8n.sleep(250);
	}
	throw new Error(`n8n main was not ready after ${timeoutMs / 1000} s:\n${entry.output()}`);
}

/**
 * `n8n worker --concurrency=C`; resolves once it logs that it is ready. `onExecution(event, id)`
 * hears each "Worker started/finished execution <id>" line, which is how executions are attributed.
 */
async function startWorker(
	runtime,
	instance,
	{ index, concurrency, logFile, onExecution, timeoutMs = 180000 },
) {
	let ready;
	const isReady = new Promise((resolve) => (ready = resolve));
	const entry = startOwned(
		`n8n worker ${index}`,
		runtime.node,
		[runtime.n8nBin, 'worker', `--concurrency=${concurrency}`],
		{
			env: runtimeEnvOf(runtime, instance),
			logFile,
			stage: 1,
			onLine: (raw) => {
				const line = stripAnsi(raw);
				if (line.includes('n8n worker is now ready')) ready();
				const match = /Worker (started|finished) execution (\d+)/.exec(line);
				if (match && onExecution) onExecution(match[1], match[2]);
			},
		},
	);
	let timer;
	const outcome = await Promise.race([
		isReady.then(() => 'ready'),
		entry.exited.then((how) => `exited ${JSON.stringify(how)}`),
		new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs, 'timed out'))),
	]);
	clearTimeout(timer);
	if (outcome !== 'ready')
		throw new Error(`n8n worker ${index} ${outcome} while starting:\n${entry.output()}`);
	return entry;
}

/** n8n starts its task runner as `node` from PATH: Node 24 first on PATH, as real-n8n.js does. */
function runtimeEnvOf(runtime, instance) {
	return {
		...instance.env,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${instance.env.PATH}`,
	};
}

/**
 * Waits until main serves the production webhook, without starting an execution: a GET to a
 * POST-only webhook is answered "not registered for GET" once it is registered, and "not
 * registered" (no method hint) before.
 */
async function waitForWebhook(url, { timeoutMs = 60000 } = {}) {
	const deadline = Date.now() + timeoutMs;
	let last = '';
	while (Date.now() < deadline) {
		try {
			const response = await fetch(url, { method: 'GET' });
			last = `${response.status} ${await response.text()}`;
			if (response.ok || /not registered for GET|Did you mean to make a POST/i.test(last)) return;
		} catch (error) {
			last = String(error);
		}
		await n8n.sleep(500);
	}
	throw new Error(`the production webhook ${url} never became available; last answer: ${last}`);
}

module.exports = {
	NODE_NAMES,
	WEBHOOK_PATH,
	WORKFLOW_ID,
	benchWorkflow,
	clusterInstances,
	importAndPublish,
	startMain,
	startWorker,
	waitForWebhook,
};
