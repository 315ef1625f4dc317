import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import { pollDrawArb } from '../tables/hostileArbitraries';
import { drawsOf, runDraws, SEED, timeoutFor } from '../tables/hostileDraws';

// The New Call polling trigger through n8n-core's PollContext against the hostile HighLevel: an
// activation poll, or a poll after a clean one that recorded the calls already there. Invariants
// (hostileChecks.ts): the poll ends within the bound; it returns items or null, or throws a plain
// NodeApiError/NodeOperationError; it never swallows a failed page (a poll that returns read every
// page it needed) and a failed poll leaves the stored state where it was; it emits each new call
// once, remembered in the state it stores; no secret anywhere; no token to another origin. The
// webhook trigger's hostile caller is in hostileWebhook.test.ts.
const POLL_DRAWS = 25;

describe('Hostile HighLevel: the polling trigger', () => {
	let logs: LogEntry[] = [];

	beforeAll(() => {
		logs = captureLogs();
	});

	const draws = drawsOf(pollDrawArb, POLL_DRAWS, 40);
	test(
		`New Call poll, first or later: ${POLL_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('Poll', draws, logs)).toEqual([]);
		},
		timeoutFor(draws),
	);
});
