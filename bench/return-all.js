'use strict';
// One Get Many (Return All) execution in a fresh process, so that its peak memory is its own.
// Credentials come as JSON in argv[2]; the result goes back to the parent over IPC.

const { loadPackage, runNode } = require('../test/harness/n8n');

(async () => {
	const credentials = JSON.parse(process.argv[2]);
	await loadPackage();
	const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
	const started = performance.now();
	const { items, error } = await runNode({
		parameters: { resource: 'callLog', operation: 'getAll', returnAll: true },
		credentials,
	});
	const seconds = (performance.now() - started) / 1000;
	process.send({
		seconds,
		items: items.length,
		uniqueIds: new Set(items.map((item) => item.json.id)).size,
		error: error && error.message,
		rssBeforeMb,
		// maxRSS is in kilobytes: the peak of this whole process, n8n-core included.
		peakRssMb: process.resourceUsage().maxRSS / 1024,
	});
})().catch((error) => {
	console.error(error);
	process.exit(1);
});
