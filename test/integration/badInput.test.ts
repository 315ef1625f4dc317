import { runNode } from '../harness/n8n';
import type { Sandbox } from '../harness/sandbox';
import { credentialsFor, startSandbox } from '../harness/sandbox';
import type { BadInputCase } from '../tables/badInput';
import { BAD_INPUT, get } from '../tables/badInput';
import { captureLogs } from '../tables/captureLogs';

const SEED_CALL = '507f1f77bcf86cd799439011';

describe('Bad input: refused before any request, naming the field and the item', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		// Keeps n8n's error log of every refused row out of the test output.
		captureLogs();
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	it('has at least 15 cases', () => {
		expect(BAD_INPUT.length).toBeGreaterThanOrEqual(15);
	});

	const run = async (row: BadInputCase, onError?: 'continueRegularOutput') =>
		await runNode({
			parameters: row.parameters,
			credentials: credentialsFor(sandbox, row.credentials),
			onError,
			typeVersion: row.typeVersion,
		});

	test.each(BAD_INPUT.filter((row) => !row.refusedByN8n))('$case', async (row) => {
		const { error, items } = await run(row);
		expect(error).toBeDefined();
		expect(error!.name).toBe('NodeOperationError');
		expect(error!.message).toContain(row.field);
		expect(error!.message).toMatch(/ \[item 0\]$/);
		expect(error!.message.replace(/ \[item 0\]$/, '')).toMatch(row.message);
		// The UX guide: the message says what happened, the description how to fix it.
		expect(error!.description).toEqual(expect.any(String));
		expect(error!.context?.itemIndex).toBe(0);
		expect(items).toEqual([]);

		// With Continue On Fail: one error item, paired to the input, and still no request.
		const continued = await run(row, 'continueRegularOutput');
		expect(continued.error).toBeUndefined();
		expect(continued.items).toEqual([
			{
				json: { error: error!.message, description: error!.description },
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.requests).toEqual([]);
	});

	test.each(BAD_INPUT.filter((row) => row.refusedByN8n))(
		'$case: n8n refuses to start the workflow',
		async (row) => {
			await expect(run(row)).rejects.toThrow(row.message);
			await expect(run(row)).rejects.toThrow(row.field);
			expect(sandbox.requests).toEqual([]);
		},
	);

	it('names the failing item and lets the other items go on with Continue On Fail', async () => {
		const { items, error } = await runNode({
			parameters: get({ callId: '={{ $json.callId }}', options: { maxConcurrency: 1 } }),
			input: [{ callId: SEED_CALL }, { callId: '../x' }, { callId: SEED_CALL }],
			credentials: credentialsFor(sandbox),
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		const errors = items.filter((item) => 'error' in item.json);
		expect(errors).toEqual([
			{
				json: {
					error: 'Call ID "../x" contains characters an id cannot have [item 1]',
					description: expect.stringContaining('HighLevel ids contain only'),
				},
				pairedItem: { item: 1 },
			},
		]);
		expect(items.filter((item) => item.pairedItem && !('error' in item.json))).toHaveLength(16);
		expect(sandbox.requests.map((request) => request.path)).toEqual([
			`/voice-ai/dashboard/call-logs/${SEED_CALL}`,
			`/voice-ai/dashboard/call-logs/${SEED_CALL}`,
		]);
	});

	it('without Continue On Fail, stops at the bad item and names it', async () => {
		const { error } = await runNode({
			parameters: get({ callId: '={{ $json.callId }}', options: { maxConcurrency: 1 } }),
			input: [{ callId: SEED_CALL }, { callId: 'a/b' }],
			credentials: credentialsFor(sandbox),
		});
		expect(error?.message).toBe('Call ID "a/b" contains characters an id cannot have [item 1]');
		expect(error?.context?.itemIndex).toBe(1);
		expect(sandbox.requests.every((request) => !request.path.includes('a/b'))).toBe(true);
	});
});
