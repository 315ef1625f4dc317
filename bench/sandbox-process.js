'use strict';
// Runs the HighLevel look-alike in its own process for the benchmark, so the server's work does
// not share the event loop (or the memory figure) with the n8n execution being measured.
// Options come as JSON in argv[2]; the parent talks to it over IPC.

const { startSandbox } = require('../sandbox/server');

(async () => {
	const sandbox = await startSandbox(JSON.parse(process.argv[2] || '{}'));
	process.on('message', async ({ id, command, args }) => {
		let result;
		if (command === 'stats') {
			result = {
				stats: { ...sandbox.stats },
				arrivals: sandbox.requests.map((request) => request.at),
			};
		} else if (command === 'reset') {
			sandbox.reset();
		} else if (command === 'close') {
			await sandbox.close();
			process.send({ id });
			process.exit(0);
		}
		process.send({ id, result });
	});
	process.send({
		ready: true,
		url: sandbox.url,
		token: sandbox.token,
		locationId: sandbox.locationId,
		total: sandbox.dataset.callLogs.length,
		callIds: sandbox.dataset.callLogs.map((call) => call.id),
	});
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
