import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import type { ListSearchMethod } from '../tables/hostileArbitraries';
import { listSearchDrawArb } from '../tables/hostileArbitraries';
import { drawsOf, runDraws, SEED, timeoutFor } from '../tables/hostileDraws';

// The pickers' list searches (methods/listSearch.ts) through n8n-core's LoadOptionsContext against
// the hostile HighLevel, with random search texts and page tokens. Invariants (hostileChecks.ts):
// the search ends within the bound, fails only with a NodeApiError or NodeOperationError in plain
// words, never shows a secret, and sends no token to another origin. A picker has no Options, so
// it runs with the transport's defaults (60 s Timeout, 3 retries, 5 minutes of rate-limit wait):
// its draws leave out hangs and trickles, which would cost minutes each (see ListSearchDraw).
const DRAWS = 12;

describe('Hostile HighLevel: the pickers’ list searches', () => {
	let logs: LogEntry[] = [];

	beforeAll(() => {
		logs = captureLogs();
	});

	const methods: Array<[ListSearchMethod, number]> = [
		['searchAgents', 30],
		['searchCalls', 31],
		['searchAgentActions', 32],
	];
	for (const [method, salt] of methods) {
		const draws = drawsOf(listSearchDrawArb(method), DRAWS, salt);
		test(
			`${method}: ${DRAWS} draws, seed ${SEED}`,
			async () => {
				expect(await runDraws(method, draws, logs)).toEqual([]);
			},
			timeoutFor(draws),
		);
	}
});
