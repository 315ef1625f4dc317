#!/usr/bin/env node
'use strict';
// Runs the HighLevel sandbox on its own: `node sandbox/cli.js [--port 5680] [--latency 100]
// [--calls 240] [--burst 100 --interval 10000]`. Prints the address and the credential values.

const { startSandbox } = require('./server');

function arg(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

(async () => {
	const sandbox = await startSandbox({
		port: arg('port', 5680),
		latencyMs: arg('latency', 0),
		data: { count: arg('calls', 240) },
		rateLimit: { max: arg('burst', 100), intervalMs: arg('interval', 10000) },
	});
	console.log(`HighLevel sandbox listening on ${sandbox.url}`);
	console.log(`  Token: ${sandbox.token}   Location ID: ${sandbox.locationId}   Base URL: ${sandbox.url}`);
	console.log(`  Try: curl -H "Authorization: Bearer ${sandbox.token}" -H "Version: 2021-04-15" "${sandbox.url}/voice-ai/dashboard/call-logs/507f1f77bcf86cd799439011?locationId=${sandbox.locationId}"`);
	const stop = async () => {
		await sandbox.close();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
})();
