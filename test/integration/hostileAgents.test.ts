import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import type { RecordAction } from '../tables/hostileArbitraries';
import { getManyDrawArb, recordDrawArb } from '../tables/hostileArbitraries';
import { drawsOf, runDraws, SEED, timeoutFor } from '../tables/hostileDraws';

// Every Agent operation through real n8n-core against the hostile HighLevel (see hostile.test.ts):
// random answers to each request (status, headers, body, encoding, timing; agents with their id
// as `id` or `_id`), and every invariant of test/tables/hostileChecks.ts on every draw, the
// write-safety one included: a create, update or delete reaches the server at most once per item
// unless a burst 429 said nothing was applied.
const GET_DRAWS = 20;
const GET_MANY_DRAWS = 15;
const WRITE_DRAWS = 20;
const DELETE_DRAWS = 15;

describe('Hostile HighLevel: every Agent operation, every invariant on every draw', () => {
	let logs: LogEntry[] = [];

	beforeAll(() => {
		logs = captureLogs();
	});

	const perItem: Array<[string, RecordAction, number, number]> = [
		['Get', 'get', GET_DRAWS, 10],
		['Create', 'create', WRITE_DRAWS, 11],
		['Update (PATCH)', 'update', WRITE_DRAWS, 12],
		['Delete (204)', 'delete', DELETE_DRAWS, 13],
	];
	for (const [name, action, count, salt] of perItem) {
		const draws = drawsOf(recordDrawArb('agent', action), count, salt);
		test(
			`Agent → ${name}, 1–3 items: ${count} draws, seed ${SEED}`,
			async () => {
				expect(await runDraws(`Agent${action}`, draws, logs)).toEqual([]);
			},
			timeoutFor(draws),
		);
	}

	const limited = drawsOf(getManyDrawArb(false, 'agent'), GET_MANY_DRAWS, 14);
	test(
		`Agent → Get Many with Limit: ${GET_MANY_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('AgentLimit', limited, logs)).toEqual([]);
		},
		timeoutFor(limited),
	);

	const all = drawsOf(getManyDrawArb(true, 'agent'), GET_MANY_DRAWS, 15);
	test(
		`Agent → Get Many with Return All: ${GET_MANY_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('AgentAll', all, logs)).toEqual([]);
		},
		timeoutFor(all),
	);
});
