'use strict';
// The HighLevel look-alike in its own process (bench/sandbox-process.js), so that serving a few
// thousand requests never shares an event loop with the bench's polling and bookkeeping.

const { fork } = require('child_process');
const path = require('path');

const { adoptOwned } = require('./processes');

/**
 * Starts the sandbox with `options` (see sandbox/server.js). `call('stats')` returns its counters
 * and the arrival time of every request; the process is stopped with the others at exit.
 */
async function startSandboxProcess(options, { logFile } = {}) {
	const script = path.join(__dirname, '..', 'sandbox-process.js');
	// fork() for the IPC channel; registered like every other process so it is stopped at exit.
	const child = fork(script, [JSON.stringify(options)], {
		stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
	});
	const entry = adoptOwned('sandbox', child, { logFile });
	const pending = new Map();
	let nextId = 0;
	let failedToStart;
	const info = await new Promise((resolve, reject) => {
		failedToStart = (code) => reject(new Error(`the sandbox exited with code ${code}`));
		child.once('exit', failedToStart);
		child.on('message', (message) => {
			if (message.ready) return resolve(message);
			const settle = pending.get(message.id);
			pending.delete(message.id);
			if (settle) settle(message.result);
		});
	});
	child.removeListener('exit', failedToStart);
	const call = (command) =>
		new Promise((resolve, reject) => {
			if (!child.connected) return reject(new Error('the sandbox is not running'));
			const id = nextId++;
			pending.set(id, resolve);
			child.send({ id, command });
		});
	return { ...info, call, entry };
}

module.exports = { startSandboxProcess };
