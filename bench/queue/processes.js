'use strict';
// Every process the queue bench starts, and the temporary folders it creates, in one registry so
// that all of them are stopped and removed whatever ends the run: success, an error, Ctrl-C.

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

const owned = [];
const folders = [];

/**
 * Starts a long-running process whose output goes to `logFile`; `onLine` sees each output line.
 * `stop` says how to end it (signal, then SIGKILL after `graceMs`). `stopAll` stops the highest
 * `stage` first (n8n before the databases and the sandbox it talks to), a stage's processes
 * side by side.
 */
function startOwned(name, command, args, options = {}) {
	const { env, cwd, uid, gid } = options;
	const child = spawn(command, args, {
		env: env || process.env,
		cwd,
		uid,
		gid,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return adoptOwned(name, child, options);
}

/** Registers a child started elsewhere (e.g. with fork() for IPC) with piped stdout/stderr. */
function adoptOwned(name, child, { logFile, onLine, stop = {}, stage = 0 } = {}) {
	const log = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : undefined;
	let tail = '';
	let partial = '';
	const collect = (chunk) => {
		const text = String(chunk);
		if (log) log.write(text);
		tail = (tail + text).slice(-8000);
		if (!onLine) return;
		const lines = (partial + text).split('\n');
		partial = lines.pop();
		for (const line of lines) onLine(line);
	};
	child.stdout.on('data', collect);
	child.stderr.on('data', collect);
	const exited = new Promise((resolve) => {
		child.once('error', (error) => resolve({ code: null, signal: null, error }));
		child.once('exit', (code, signal) => resolve({ code, signal }));
	}).then((how) => {
		if (log) log.end();
		return how;
	});
	const entry = {
		name,
		child,
		exited,
		stage,
		signal: stop.signal || 'SIGTERM',
		graceMs: stop.graceMs || 15000,
		output: () => tail,
	};
	entry.stop = () => stopOwned(entry);
	owned.push(entry);
	return entry;
}

function isRunning(entry) {
	return (
		entry.child.pid !== undefined &&
		entry.child.exitCode === null &&
		entry.child.signalCode === null
	);
}

async function stopOwned(entry) {
	if (!isRunning(entry)) return entry.exited;
	entry.child.kill(entry.signal);
	let timer;
	const done = await Promise.race([
		entry.exited.then(() => true),
		new Promise((resolve) => (timer = setTimeout(resolve, entry.graceMs, false))),
	]);
	clearTimeout(timer);
	if (!done) {
		entry.child.kill('SIGKILL');
		// A process SIGKILL cannot end (stuck in the kernel) must not hang the bench's exit.
		await Promise.race([entry.exited, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
	}
}

/** A folder removed by `stopAll` (and, as a last resort, when the process exits). */
function ownFolder(folder) {
	folders.push(folder);
	return folder;
}

let stopping;
/** Stops every owned process, newest first, then deletes the owned folders. Idempotent. */
function stopAll({ keepFolders = false } = {}) {
	if (!stopping) {
		if (keepFolders) folders.length = 0;
		stopping = (async () => {
			const byStage = new Map();
			for (const entry of owned) {
				if (!byStage.has(entry.stage)) byStage.set(entry.stage, []);
				byStage.get(entry.stage).push(entry);
			}
			const stages = [...byStage.keys()].sort((a, b) => b - a);
			for (const stage of stages) await Promise.all(byStage.get(stage).map(stopOwned));
			removeFolders();
		})();
	}
	return stopping;
}

function removeFolders() {
	for (const folder of folders.splice(0)) fs.rmSync(folder, { recursive: true, force: true });
}

/** When everything else failed (an uncaught error, process.exit): kill what is left, synchronously. */
process.on('exit', () => {
	for (const entry of owned) if (isRunning(entry)) entry.child.kill('SIGKILL');
	try {
		removeFolders();
	} catch {
		// nothing more can be done while exiting
	}
});

/** Lines of a log file (for error reports), the last `count`. */
function tailOf(file, count = 40) {
	try {
		return fs.readFileSync(file, 'utf8').split('\n').slice(-count).join('\n');
	} catch {
		return `(no log at ${path.basename(file)})`;
	}
}

module.exports = { startOwned, adoptOwned, stopAll, ownFolder, isRunning, tailOf };
