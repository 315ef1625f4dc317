import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import type { RecordAction } from '../tables/hostileArbitraries';
import { recordDrawArb } from '../tables/hostileArbitraries';
import { drawsOf, runDraws, SEED, timeoutFor } from '../tables/hostileDraws';

// Every Agent Action operation through real n8n-core against the hostile HighLevel (see
// hostile.test.ts), every invariant of test/tables/hostileChecks.ts on every draw. Update reads the
// action (a GET, which may be retried) and then PUTs it whole (a write, which may not): two requests
// per item, each answered from its own random steps.
const GET_DRAWS = 15;
const CREATE_DRAWS = 15;
const UPDATE_DRAWS = 20;
const DELETE_DRAWS = 15;

describe('Hostile HighLevel: every Agent Action operation, every invariant on every draw', () => {
	let logs: LogEntry[] = [];

	beforeAll(() => {
		logs = captureLogs();
	});

	const cases: Array<[string, RecordAction, number, number]> = [
		['Get', 'get', GET_DRAWS, 20],
		['Create', 'create', CREATE_DRAWS, 21],
		['Update (GET, then PUT)', 'update', UPDATE_DRAWS, 22],
		['Delete (204)', 'delete', DELETE_DRAWS, 23],
	];
	for (const [name, action, count, salt] of cases) {
		const draws = drawsOf(recordDrawArb('agentAction', action), count, salt);
		test(
			`Agent Action → ${name}, 1–3 items: ${count} draws, seed ${SEED}`,
			async () => {
				expect(await runDraws(`Action${action}`, draws, logs)).toEqual([]);
			},
			timeoutFor(draws),
		);
	}
});
