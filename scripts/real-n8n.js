'use strict';
// The one place that knows how to run this package inside a real n8n on this machine: Node and
// n8n both come from the npm registry (n8n 2.38+ needs Node 24, n8n 1.x runs on Node 22; the
// system Node may be either), cached outside the repository so only the first run pays for an
// install. Several n8n versions live side by side in the cache, each with the Node it needs;
// N8N_VERSION picks one (default: the newest tested). Used by `npm start`, `npm run test:e2e`
// and the screenshot script.

const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

/**
 * The n8n versions the package is tested on, newest first: the newest 2.x, the last 1.x, and the
 * oldest it supports. 1.85.3 is the oldest n8n on the npm registry whose n8n-workflow (1.83.0)
 * exports NodeConnectionTypes, which the node's description needs; 1.82.3's (1.80.1) does not.
 */
const TESTED_N8N_VERSIONS = ['2.41.1', '1.123.81', '1.85.3'];
const NEWEST_N8N_VERSION = TESTED_N8N_VERSIONS[0];
const OLDEST_N8N_VERSION = TESTED_N8N_VERSIONS[TESTED_N8N_VERSIONS.length - 1];
/**
 * The version `npm start` and `npm run test:e2e` run: N8N_VERSION, an exact version (1.123.81) or
 * `newest` / `oldest` of the tested ones; the newest when unset.
 */
const N8N_VERSION =
	{ newest: NEWEST_N8N_VERSION, oldest: OLDEST_N8N_VERSION }[process.env.N8N_VERSION] ||
	process.env.N8N_VERSION ||
	NEWEST_N8N_VERSION;
if (!/^\d+\.\d+\.\d+$/.test(N8N_VERSION))
	throw new Error(`N8N_VERSION must be an exact n8n version such as 2.41.1, not "${N8N_VERSION}"`);

const majorOf = (version) => Number(version.split('.')[0]);

/**
 * The Node each n8n version runs on here: n8n 2.38 and later require Node 24; older versions run
 * on Node 22, which n8n's late 1.x images ship and their engines accept (1.94: 18.17-22,
 * 1.123: 20.19-24.x).
 */
function nodeVersionFor(n8nVersion) {
	const [major, minor] = n8nVersion.split('.').map(Number);
	return major > 2 || (major === 2 && minor >= 38) ? '24.21.0' : '22.23.5';
}
const NODE_VERSION = nodeVersionFor(N8N_VERSION);
const PROJECT_DIR = path.resolve(__dirname, '..');
const PACKAGE_NAME = require('../package.json').name;
const CACHE_DIR =
	process.env.HIGHLEVEL_N8N_CACHE || path.join(os.homedir(), '.cache', PACKAGE_NAME);
/**
 * n8n's data for each purpose (npm start, e2e, ...), one folder per checkout. Outside the project:
 * n8n copies its editor's bundled JavaScript into its user folder, and `npm run lint` (eslint .)
 * would lint those thousands of files.
 */
const LOCAL_DIR = path.join(
	CACHE_DIR,
	'instances',
	`${path.basename(PROJECT_DIR)}-${crypto.createHash('sha256').update(PROJECT_DIR).digest('hex').slice(0, 8)}`,
);
/** Stable so credentials imported on one run still decrypt on the next. Local data only. */
const ENCRYPTION_KEY = 'highlevel-voice-ai-local-n8n-key';

const log = (message) => console.log(`[n8n] ${message}`);

/** Runs a command to completion; rejects with the end of its output when it fails. */
function run(command, args, { cwd, env } = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd,
			env: env || process.env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) resolve(output);
			else
				reject(
					new Error(
						`${path.basename(command)} ${args.join(' ')} failed (exit ${code})\n${output.slice(-4000)}`,
					),
				);
		});
	});
}

/**
 * Fills `target` once. The work happens in a private temporary folder that is renamed into place
 * only when complete, so an interrupted install never leaves a half-built cache behind.
 */
async function installOnce(target, label, populate) {
	if (fs.existsSync(path.join(target, '.complete'))) return target;
	const started = Date.now();
	log(`${label}: not cached yet, installing into ${target} (first run only)...`);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	removeAbandonedStaging(target);
	const staging = `${target}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging);
	try {
		await populate(staging);
		fs.writeFileSync(path.join(staging, '.complete'), new Date().toISOString());
		// A target without `.complete` is a leftover of a crashed older layout: replace it.
		fs.rmSync(target, { recursive: true, force: true });
		fs.renameSync(staging, target);
	} catch (error) {
		fs.rmSync(staging, { recursive: true, force: true });
		// Another process may have finished the same install meanwhile; that is as good.
		if (!fs.existsSync(path.join(target, '.complete'))) throw error;
	}
	log(`${label}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return target;
}

/** Deletes staging folders of installs whose process is gone (interrupted by Ctrl-C or a crash). */
function removeAbandonedStaging(target) {
	const prefix = `${path.basename(target)}.partial-`;
	for (const name of fs.readdirSync(path.dirname(target))) {
		if (!name.startsWith(prefix)) continue;
		const pid = Number(name.slice(prefix.length));
		if (pid !== process.pid && !isAlive(pid))
			fs.rmSync(path.join(path.dirname(target), name), { recursive: true, force: true });
	}
}

function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

/** npm with no project config, no audit, no registry chatter beyond the install itself. */
function npmEnv(extra = {}) {
	return {
		...process.env,
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_loglevel: 'error',
		...extra,
	};
}

/**
 * Node `version` from the npm registry (`node-<platform>-<arch>` ships the binary and its
 * headers); the running Node when it is already of the same major version.
 */
async function ensureNode(version = NODE_VERSION) {
	const major = (semver) => semver.split('.')[0];
	if (
		major(process.versions.node) === major(version) &&
		!process.env.HIGHLEVEL_N8N_FORCE_NODE_PACKAGE
	) {
		return {
			bin: process.execPath,
			headers: path.resolve(process.execPath, '..', '..'),
			version: process.versions.node,
		};
	}
	const packageName = `node-${process.platform}-${process.arch}`;
	const dir = await installOnce(
		path.join(CACHE_DIR, `node-${version}`),
		`Node ${version}`,
		async (staging) => {
			fs.writeFileSync(path.join(staging, 'package.json'), '{"private":true}\n');
			await run('npm', ['install', '--no-save', '--ignore-scripts', `${packageName}@${version}`], {
				cwd: staging,
				env: npmEnv(),
			});
		},
	);
	const home = path.join(dir, 'node_modules', packageName);
	return { bin: path.join(home, 'bin', 'node'), headers: home, version };
}

/**
 * n8n 1.x's built-in nodes depend on SheetJS 0.20.2 as a tarball on SheetJS's own server, which
 * only the npm registry's copy of the same release (@e965/xlsx) can replace here. It serves n8n's
 * spreadsheet nodes, not this package. n8n 2.x needs no substitute.
 */
function registrySubstitutes(n8nVersion) {
	return majorOf(n8nVersion) < 2 ? { xlsx: 'npm:@e965/xlsx@0.20.2' } : {};
}

/**
 * n8n `version` from the npm registry, in a folder of its own. `--ignore-scripts` skips a Kafka
 * dependency's install script that downloads from another host; sqlite3 (n8n's default
 * database) is then compiled for the Node that runs this n8n version.
 */
async function ensureN8n(node, version) {
	const dir = await installOnce(
		path.join(CACHE_DIR, `n8n-${version}`),
		`n8n ${version}`,
		async (staging) => {
			// Run npm itself on that Node so engine checks and the native build agree with the runtime.
			const env = npmEnv({
				PATH: `${path.dirname(node.bin)}${path.delimiter}${process.env.PATH}`,
				npm_config_nodedir: node.headers,
			});
			fs.writeFileSync(
				path.join(staging, 'package.json'),
				`${JSON.stringify({ private: true, overrides: registrySubstitutes(version) }, null, 2)}\n`,
			);
			await run('npm', ['install', '--no-save', '--ignore-scripts', `n8n@${version}`], {
				cwd: staging,
				env,
			});
			log(`n8n ${version}: compiling sqlite3 for Node ${node.version}...`);
			await run('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false'], {
				cwd: staging,
				env: { ...env, npm_config_build_from_source: 'true' },
			});
			await run(node.bin, ['-e', "require('sqlite3')"], { cwd: staging });
		},
	);
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

/** n8n `version` (default: N8N_VERSION) and the Node it needs, installed on first use. */
async function ensureRuntime(version = N8N_VERSION) {
	const node = await ensureNode(nodeVersionFor(version));
	const n8nBin = await ensureN8n(node, version);
	return { node: node.bin, nodeVersion: node.version, n8nBin, n8nVersion: version };
}

/**
 * Builds this package with `npm run build` (a clean build, so nothing stale is packed), packs it
 * like a release, and unpacks it where n8n's Community Nodes installer puts packages:
 * `<user folder>/.n8n/nodes/node_modules/<name>`.
 */
async function installPackage(userFolder) {
	await run('npm', ['run', '--silent', 'build'], { cwd: PROJECT_DIR, env: npmEnv() });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hl-pack-'));
	try {
		const tarball = (
			await run('npm', ['pack', '--silent', '--pack-destination', packDir], {
				cwd: PROJECT_DIR,
				env: npmEnv(),
			})
		)
			.trim()
			.split('\n')
			.pop();
		const nodesDir = path.join(userFolder, '.n8n', 'nodes');
		const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		await run('tar', ['-xzf', path.join(packDir, tarball), '-C', target, '--strip-components=1']);
		assertOnlyN8nsWorkflowPackage(target);
		const version = require('../package.json').version;
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			`${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: version } }, null, 2)}\n`,
		);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * The installed package must get `n8n-workflow` from the n8n that loads it (n8n adds its own
 * node_modules to the search path), as in a user's n8n. A copy found by walking up from the
 * install folder (this project's devDependency, when n8n's data lived inside the project) would
 * win over n8n's and hide incompatibilities with older n8n versions.
 */
function assertOnlyN8nsWorkflowPackage(installDir) {
	let found;
	try {
		found = require.resolve('n8n-workflow', { paths: [installDir] });
	} catch {
		return;
	}
	throw new Error(`${installDir} would load ${found} instead of n8n's own n8n-workflow`);
}

/** A free loopback port; `preferred` first when it is free. */
function freePort(preferred = 0) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(freePort(0)));
		server.listen(preferred, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * An n8n instance description: where its data lives, its ports, and the environment it needs.
 * Other versions than the newest keep their data apart (`<name>-<version>`): a database that a
 * newer n8n has migrated cannot be opened by an older one. `userFolder` replaces that default
 * (the queue bench keeps its data in a temporary folder that it deletes at exit).
 */
async function createInstance(
	name,
	{ port, fresh = false, n8nVersion = N8N_VERSION, userFolder: chosenFolder } = {},
) {
	const folder = n8nVersion === NEWEST_N8N_VERSION ? name : `${name}-${n8nVersion}`;
	const userFolder = chosenFolder || path.join(LOCAL_DIR, folder);
	if (fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	const n8nPort = await freePort(port || 0);
	const brokerPort = await freePort(0);
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(n8nPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${n8nPort}`,
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_SECURE_COOKIE: 'false',
		// Nothing leaves the machine: no telemetry, version checks, templates or package lists.
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		// n8n 1.x has no such module and refuses to start when asked to disable an unknown one.
		...(majorOf(n8nVersion) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_HIRING_BANNER_ENABLED: 'false',
		// This module is what loads community packages from the user folder: it must stay on.
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		DB_SQLITE_POOL_SIZE: '1',
		NODE_OPTIONS: '',
	};
	return { name, userFolder, port: n8nPort, brokerPort, url: `http://127.0.0.1:${n8nPort}`, env };
}

/** n8n starts its task runner as `node` from PATH: make that the same Node as n8n's. */
function runtimeEnv(runtime, instance, extraEnv = {}) {
	return {
		...instance.env,
		PATH: `${path.dirname(runtime.node)}${path.delimiter}${instance.env.PATH}`,
		...extraEnv,
	};
}

/**
 * Runs one n8n CLI command (import, execute, ...) to completion; resolves with code and output.
 * `n8n execute` prints its result through the logger at level info, hence `extraEnv`.
 */
async function n8nCli(runtime, instance, args, extraEnv = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(runtime.node, [runtime.n8nBin, ...args], {
			env: runtimeEnv(runtime, instance, extraEnv),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
	});
}

async function n8nCliOrThrow(runtime, instance, args) {
	const result = await n8nCli(runtime, instance, args);
	if (result.code !== 0)
		throw new Error(
			`n8n ${args.join(' ')} failed (exit ${result.code})\n${(result.stdout + result.stderr).slice(-4000)}`,
		);
	return result;
}

/** Imports credentials (an array) and a folder of workflow files, in two n8n processes. */
async function importFixtures(runtime, instance, { credentials, workflowsDir }) {
	const file = path.join(instance.userFolder, 'credentials.import.json');
	fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
	try {
		await n8nCliOrThrow(runtime, instance, ['import:credentials', `--input=${file}`]);
	} finally {
		// The import file holds tokens in plain text; n8n keeps its own encrypted copy.
		fs.rmSync(file, { force: true });
	}
	await n8nCliOrThrow(runtime, instance, [
		'import:workflow',
		'--separate',
		`--input=${workflowsDir}`,
	]);
}

/** The credential every example workflow refers to (by this id and name). */
const EXAMPLE_CREDENTIAL = { id: 'hlVoiceAiSandbox01', name: 'HighLevel Voice AI account' };
const EXAMPLES_DIR = path.join(PROJECT_DIR, 'examples');

/** A `highLevelVoiceAiApi` credential in the shape `n8n import:credentials` reads. */
function voiceAiCredential({
	id = EXAMPLE_CREDENTIAL.id,
	name = EXAMPLE_CREDENTIAL.name,
	token,
	locationId,
	baseUrl,
	apiVersion = '2021-04-15',
}) {
	return {
		id,
		name,
		type: 'highLevelVoiceAiApi',
		// Base URL and API Version count only with Advanced Settings on (n8n drops hidden fields).
		data: { token, locationId, advanced: true, baseUrl, apiVersion },
	};
}

/** A hash of what was last imported, so a warm `npm start` skips imports that would change nothing. */
function fingerprint(...parts) {
	const hash = crypto.createHash('sha256');
	for (const part of parts) hash.update(typeof part === 'string' ? part : JSON.stringify(part));
	return hash.digest('hex');
}

/** Starts `n8n start`; resolves once its REST API answers. The child is returned for stopping. */
async function startN8n(runtime, instance, { onOutput, onSpawn, timeoutMs = 120000 } = {}) {
	const child = spawn(runtime.node, [runtime.n8nBin, 'start'], {
		env: runtimeEnv(runtime, instance),
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	const collect = (chunk) => {
		output += chunk;
		if (onOutput) onOutput(String(chunk));
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	// Lets the caller stop n8n even while it is still booting (Ctrl-C right after start).
	if (onSpawn) onSpawn({ child, exited });
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const result = await Promise.race([exited.then((how) => ({ exited: how })), sleep(250)]);
		if (result && result.exited)
			throw new Error(
				`n8n exited before it was ready (${JSON.stringify(result.exited)})\n${output.slice(-4000)}`,
			);
		try {
			// Early in the boot the editor's HTML answers every path: wait for the REST API's JSON.
			const response = await fetch(`${instance.url}/rest/settings`);
			const body =
				response.ok && (response.headers.get('content-type') || '').includes('json')
					? await response.json()
					: undefined;
			if (body && body.data) return { child, exited, output: () => output };
		} catch {
			// not listening yet
		}
	}
	await stopProcess(child, exited);
	throw new Error(`n8n was not ready after ${timeoutMs / 1000} s\n${output.slice(-4000)}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM, then SIGKILL if n8n has not shut down within `graceMs`. */
async function stopProcess(child, exited, graceMs = 15000) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	let timer;
	const done = await Promise.race([
		exited.then(() => true),
		new Promise((resolve) => (timer = setTimeout(resolve, graceMs, false))),
	]);
	clearTimeout(timer);
	if (!done) {
		child.kill('SIGKILL');
		await exited;
	}
}

/** The documented local login. n8n asks for an owner account before anything else. */
const OWNER = {
	email: 'owner@example.com',
	password: 'Sandbox-n8n-1',
	firstName: 'Local',
	lastName: 'Owner',
};

/** Creates the owner on a fresh instance; does nothing when one exists. */
async function ensureOwner(instance) {
	const settings = await (await fetch(`${instance.url}/rest/settings`)).json();
	const showSetup =
		settings.data &&
		settings.data.userManagement &&
		settings.data.userManagement.showSetupOnFirstLoad;
	if (!showSetup) return false;
	const response = await fetch(`${instance.url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(OWNER),
	});
	if (!response.ok)
		throw new Error(`owner setup failed: HTTP ${response.status} ${await response.text()}`);
	return true;
}

/** Logs in as the owner; resolves with the session cookie for REST calls. */
async function login(instance) {
	const response = await fetch(`${instance.url}/rest/login`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }),
	});
	if (!response.ok)
		throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
	return (response.headers.get('set-cookie') || '').split(';')[0];
}

module.exports = {
	TESTED_N8N_VERSIONS,
	NEWEST_N8N_VERSION,
	OLDEST_N8N_VERSION,
	N8N_VERSION,
	NODE_VERSION,
	nodeVersionFor,
	PROJECT_DIR,
	PACKAGE_NAME,
	CACHE_DIR,
	LOCAL_DIR,
	OWNER,
	EXAMPLE_CREDENTIAL,
	EXAMPLES_DIR,
	voiceAiCredential,
	ensureNode,
	ensureRuntime,
	installPackage,
	createInstance,
	freePort,
	n8nCli,
	n8nCliOrThrow,
	importFixtures,
	fingerprint,
	startN8n,
	stopProcess,
	ensureOwner,
	login,
	sleep,
};
