import type { INodeExecutionData } from 'n8n-workflow';

import type { Sandbox } from '../harness/sandbox';
import type { LogEntry } from '../tables/captureLogs';
import { captureLogs } from '../tables/captureLogs';
import { startSandbox } from '../harness/sandbox';
import type { FaultCase } from '../tables/faults';
import { FAULTS, runFault, SEED_CALL } from '../tables/faults';

const TOKEN = 'pit-sandbox-token';
const SEED_ACTIONS = 8;

const isError = (row: FaultCase) => row.message !== undefined;

/** The error item Continue On Fail emits for `row`'s failure on input `item`. */
function expectedErrorItem(row: FaultCase, item: number): INodeExecutionData {
	return {
		json: {
			error: expect.stringMatching(row.message!),
			description: row.description ? expect.stringMatching(row.description) : expect.any(String),
			...(row.httpCode && { httpCode: row.httpCode }),
		},
		pairedItem: { item },
	};
}

describe('Faults: plain-language NodeApiErrors, one error item per failed input', () => {
	let sandbox: Sandbox;
	let logged: LogEntry[] = [];

	beforeAll(async () => {
		logged = captureLogs();
		// A short burst window keeps the 429 rows' waits short.
		sandbox = await startSandbox({ rateLimit: { intervalMs: 200 } });
	});
	afterAll(async () => {
		await sandbox.close();
	});

	const requestsFor = (callId: string) =>
		sandbox.requests.filter((request) => request.path.endsWith(`/${callId}`)).length;

	test.each(FAULTS)('$case', async (row) => {
		logged.length = 0;
		const { error, items, hints } = await runFault(sandbox, row, TOKEN);
		expect(requestsFor(row.callId)).toBe(row.requests);
		if (isError(row)) {
			expect(error).toBeDefined();
			expect(error!.name).toBe('NodeApiError');
			expect(error!.message).toMatch(row.message!);
			expect(error!.description).toEqual(
				row.description ? expect.stringMatching(row.description) : expect.any(String),
			);
			expect(error!.httpCode ?? undefined).toBe(row.httpCode);
			expect(error!.context?.itemIndex).toBe(0);
			expect(items).toEqual([]);
		} else {
			expect(error).toBeUndefined();
			expect(items).toHaveLength(row.items!);
			for (const item of items) expect(item.json.callId).toBe(row.callId);
			expect(hints.map((hint) => hint.message)).toEqual(
				row.hint ? [expect.stringMatching(row.hint)] : [],
			);
			// What was skipped is also in n8n's log, for runs nobody watches.
			const warnings = logged.filter((entry) => entry.level === 'warn').map((e) => e.message);
			expect(warnings).toEqual(row.hint ? [expect.stringMatching(row.hint)] : []);
		}
	});

	test.each(FAULTS)('$case, with Continue On Fail between two healthy items', async (row) => {
		const { error, items } = await runFault(sandbox, row, TOKEN, {
			around: true,
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		const pairedTo = (item: number) =>
			items.filter((entry) => (entry.pairedItem as { item: number }).item === item);
		// Output stays in input order.
		expect(items.map((entry) => (entry.pairedItem as { item: number }).item)).toEqual(
			[...items.map((entry) => (entry.pairedItem as { item: number }).item)].sort(),
		);
		if (row.everyItem) {
			expect(items).toEqual([0, 1, 2].map((item) => expectedErrorItem(row, item)));
			return;
		}
		expect(pairedTo(1)).toEqual(isError(row) ? [expectedErrorItem(row, 1)] : expect.any(Array));
		if (!isError(row)) expect(pairedTo(1)).toHaveLength(row.items!);
		for (const item of [0, 2]) {
			expect(pairedTo(item)).toHaveLength(SEED_ACTIONS);
			for (const entry of pairedTo(item)) expect(entry.json.callId).toBe(SEED_CALL);
		}
	});
});
