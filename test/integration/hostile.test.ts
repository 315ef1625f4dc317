import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import { getDrawArb, getManyDrawArb, getWithRecordingDrawArb } from '../tables/hostileArbitraries';
import { drawsOf, runDraws, SEED, timeoutFor } from '../tables/hostileDraws';

// Property runs of the node through real n8n-core against a hostile HighLevel (test/harness/
// hostile.js): every draw is a random plan of answers (status, headers, body, encoding, timing),
// and every invariant of test/tables/hostileChecks.ts is checked on every draw. Rate-limit headers
// that ask the node to wait are drawn in hostileRateLimit.test.ts (their bound is a minute each);
// the other operations and the triggers have files of their own (hostileAgents, hostileActions,
// hostileListSearch, hostileTriggers, hostileWebhook).
//
// Draws per property: small enough for the file to take about 2–3 minutes on a 2-core machine
// once the node is right (a draw that hangs costs its whole bound, 11–58 s).
const GET_DRAWS = 60;
const GET_MANY_DRAWS = 40;
const RECORDING_DRAWS = 25;

describe('Hostile HighLevel: every invariant on every draw', () => {
	let logs: LogEntry[] = [];

	beforeAll(() => {
		logs = captureLogs();
	});

	const get = drawsOf(getDrawArb, GET_DRAWS, 0);
	test(
		`Call Log → Get, 1–3 items: ${GET_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('Get', get, logs)).toEqual([]);
		},
		timeoutFor(get),
	);

	const limited = drawsOf(getManyDrawArb(false), GET_MANY_DRAWS, 1);
	test(
		`Call Log → Get Many with Limit: ${GET_MANY_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('Limit', limited, logs)).toEqual([]);
		},
		timeoutFor(limited),
	);

	const all = drawsOf(getManyDrawArb(true), GET_MANY_DRAWS, 2);
	test(
		`Call Log → Get Many with Return All: ${GET_MANY_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('All', all, logs)).toEqual([]);
		},
		timeoutFor(all),
	);

	const recording = drawsOf(getWithRecordingDrawArb, RECORDING_DRAWS, 4);
	test(
		`Call Log → Get with Download Recording, 1–3 items: ${RECORDING_DRAWS} draws, seed ${SEED}`,
		async () => {
			expect(await runDraws('Recording', recording, logs)).toEqual([]);
		},
		timeoutFor(recording),
	);
});
