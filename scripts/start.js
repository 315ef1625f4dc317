'use strict';
// `npm start`: a real n8n on 127.0.0.1 with this package installed as a community package, the
// HighLevel sandbox, a credential pointing at it and the example workflows, ready to click
// "Execute workflow". Set HIGHLEVEL_TOKEN and HIGHLEVEL_LOCATION_ID to use the real HighLevel API
// instead (no sandbox then). n8n's data stays in the cache (real-n8n.js, LOCAL_DIR/start) between
// runs; Ctrl-C stops all.

const fs = require('fs');
const path = require('path');

const n8n = require('./real-n8n');
const { startSandbox } = require('../sandbox/server');

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const EXAMPLE_CALL_ID = '507f1f77bcf86cd799439011';
const HIGHLEVEL_API_URL = process.env.HIGHLEVEL_BASE_URL || 'https://services.leadconnectorhq.com';

/** Where the credential points: the real API when a token is given, else a fresh sandbox. */
async function chooseBackend() {
	const token = process.env.HIGHLEVEL_TOKEN;
	if (token) {
		if (!process.env.HIGHLEVEL_LOCATION_ID)
			throw new Error(
				'HIGHLEVEL_TOKEN is set but HIGHLEVEL_LOCATION_ID is not: both are needed for the real HighLevel API.',
			);
		return {
			label: `the real HighLevel API (${HIGHLEVEL_API_URL})`,
			credential: n8n.voiceAiCredential({
				token,
				locationId: process.env.HIGHLEVEL_LOCATION_ID,
				baseUrl: HIGHLEVEL_API_URL,
				apiVersion: process.env.HIGHLEVEL_API_VERSION || '2021-04-15',
			}),
			callId: process.env.HIGHLEVEL_CALL_ID || EXAMPLE_CALL_ID,
		};
	}
	const sandbox = await startSandbox({
		port: await n8n.freePort(Number(process.env.SANDBOX_PORT) || 5680),
		recordRequests: false,
		// A new call every minute, so that the New Call trigger example has something to find.
		liveFeedMs: Number(process.env.SANDBOX_LIVE_FEED_MS) || 60_000,
	});
	return {
		label: `the HighLevel sandbox at ${sandbox.url} (token ${sandbox.token}, location ${sandbox.locationId})`,
		sandbox,
		credential: n8n.voiceAiCredential({
			token: sandbox.token,
			locationId: sandbox.locationId,
			baseUrl: sandbox.url,
		}),
		callId: process.env.HIGHLEVEL_CALL_ID || EXAMPLE_CALL_ID,
	};
}

/** Copies the examples for import, pointing them at the chosen call. */
function stageExamples(instance, callId) {
	const dir = path.join(instance.userFolder, 'examples');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	const workflows = fs
		.readdirSync(n8n.EXAMPLES_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const text = fs
				.readFileSync(path.join(n8n.EXAMPLES_DIR, file), 'utf8')
				.split(EXAMPLE_CALL_ID)
				.join(callId);
			fs.writeFileSync(path.join(dir, file), text);
			return JSON.parse(text);
		});
	return { dir, workflows };
}

async function main() {
	let n8nProcess;
	let backend;
	let stopping = false;
	const runningFile = path.join(n8n.LOCAL_DIR, 'start', 'running.json');
	const stop = async (exitCode) => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n and the sandbox...');
		if (n8nProcess) await n8n.stopProcess(n8nProcess.child, n8nProcess.exited);
		if (backend && backend.sandbox) await backend.sandbox.close();
		fs.rmSync(runningFile, { force: true });
		console.log('Stopped.');
		process.exit(exitCode);
	};
	process.on('SIGINT', () => stop(0));
	process.on('SIGTERM', () => stop(0));

	try {
		const runtime = await n8n.ensureRuntime();
		backend = await chooseBackend();
		const instance = await n8n.createInstance('start', {
			port: Number(process.env.N8N_PORT) || 5678,
		});
		await n8n.installPackage(instance.userFolder);

		// Imports cost a few seconds each; repeat them only when the credential or examples changed.
		const examples = stageExamples(instance, backend.callId);
		const stampFile = path.join(instance.userFolder, 'imported.sha256');
		const stamp = n8n.fingerprint(backend.credential, examples.workflows);
		if (!fs.existsSync(stampFile) || fs.readFileSync(stampFile, 'utf8') !== stamp) {
			console.log('[n8n] importing the credential and the example workflows...');
			await n8n.importFixtures(runtime, instance, {
				credentials: [backend.credential],
				workflowsDir: examples.dir,
			});
			fs.writeFileSync(stampFile, stamp);
		}

		// n8n's boot-time notices (deprecations, the optional Python runner) only confuse a newcomer;
		// they are shown if n8n fails to start. Later warnings and errors pass through.
		let ready = false;
		await n8n.startN8n(runtime, instance, {
			onOutput: (text) => ready && !stopping && process.stdout.write(text),
			onSpawn: (spawned) => (n8nProcess = spawned),
		});
		ready = true;
		n8nProcess.exited.then(({ code, signal }) => {
			if (!stopping) {
				console.error(`n8n stopped unexpectedly (exit ${code}${signal ? `, ${signal}` : ''}).`);
				stop(1);
			}
		});
		await n8n.ensureOwner(instance);
		fs.mkdirSync(path.dirname(runningFile), { recursive: true });
		fs.writeFileSync(
			runningFile,
			JSON.stringify(
				{ url: instance.url, pid: process.pid, workflows: examples.workflows.map((w) => w.id) },
				null,
				2,
			),
		);

		console.log(`
n8n ${n8n.N8N_VERSION} with ${n8n.PACKAGE_NAME} is ready in ${seconds()}: ${instance.url}
  Log in as ${n8n.OWNER.email} / ${n8n.OWNER.password}
  Example workflows (open one and click "Execute workflow"):
${examples.workflows.map((w) => `    ${instance.url}/workflow/${w.id}   ${w.name}`).join('\n')}
  Credential "${backend.credential.name}" points at ${backend.label}
Press Ctrl-C to stop n8n${backend.sandbox ? ' and the sandbox' : ''}.`);
	} catch (error) {
		// A Ctrl-C during the boot makes n8n exit early: that is a stop, not a failure.
		if (stopping) return;
		console.error(`\nnpm start failed: ${error.message}`);
		await stop(1);
	}
}

main();
