import { runNode } from '../../../harness/n8n';
import {
	credentialsFor,
	SEED_ACTION_ORDER,
	SEED_CALL_ID,
	useSandbox,
} from '../../../harness/sandbox';

const SEED_CALL = SEED_CALL_ID;
const SEED_ORDER = SEED_ACTION_ORDER;

const getCallLog = (
	options: Record<string, unknown> = {},
	extra: Record<string, unknown> = {},
) => ({
	resource: 'callLog',
	operation: 'get',
	callId: '={{ $json.callId }}',
	options,
	...extra,
});

describe('Get Call Log through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();

	const run = async (
		parameters: Record<string, unknown>,
		input: Array<Record<string, unknown>>,
		onError?: 'continueRegularOutput',
	) => await runNode({ parameters, input, credentials: credentialsFor(sandboxOf()), onError });

	it('emits one item per executed action, in order, with the call context', async () => {
		const { items, error } = await run(getCallLog(), [{ callId: SEED_CALL }]);
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.actionType)).toEqual(SEED_ORDER);
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				callId: SEED_CALL,
				agentId: '507f1f77bcf86cd799439013',
				contactId: '507f1f77bcf86cd799439012',
				fromNumber: '+1234567890',
				callCreatedAt: '2024-01-15T10:30:00.000Z',
			});
		}
	});

	it('sends the Bearer token, the Version header and the locationId to the call-log path', async () => {
		await run(getCallLog(), [{ callId: `  ${SEED_CALL} ` }]);
		expect(sandboxOf().requests).toHaveLength(1);
		const [request] = sandboxOf().requests;
		expect(request.method).toBe('GET');
		expect(request.path).toBe(`/voice-ai/dashboard/call-logs/${SEED_CALL}`);
		expect(request.headers.authorization).toBe(`Bearer ${sandboxOf().token}`);
		expect(request.headers.version).toBe('2021-04-15');
		expect(request.query).toEqual({ locationId: sandboxOf().locationId });
	});

	describe('Call ID, a picker now, read the same whichever way it was saved', () => {
		it.each([
			['plain text, as workflows saved before the picker hold it', SEED_CALL],
			['plain text from an expression, as saved before the picker', '={{ $json.callId }}'],
			[
				'the picker, from the list',
				{ __rl: true, mode: 'list', value: SEED_CALL, cachedResultName: 'x' },
			],
			['the picker, by ID', { __rl: true, mode: 'id', value: SEED_CALL }],
			[
				'the picker, by ID from an expression',
				{ __rl: true, mode: 'id', value: '={{ $json.callId }}' },
			],
		])('%s', async (_label, callId) => {
			const { items, error } = await run(getCallLog({}, { callId }), [{ callId: SEED_CALL }]);
			expect(error).toBeUndefined();
			expect(items.map((item) => item.json.actionType)).toEqual(SEED_ORDER);
			expect(sandboxOf().requests.map((request) => request.path)).toEqual([
				`/voice-ai/dashboard/call-logs/${SEED_CALL}`,
			]);
		});
	});

	it('sends the API version chosen in the credential', async () => {
		await runNode({
			parameters: getCallLog(),
			input: [{ callId: SEED_CALL }],
			credentials: credentialsFor(sandboxOf(), { apiVersion: 'v3' }),
		});
		expect(sandboxOf().requests[0].headers.version).toBe('v3');
	});

	it('treats each input item as one call and pairs every output item with its input', async () => {
		const calls = sandboxOf().dataset.callLogs.slice(0, 3);
		const { items } = await run(
			getCallLog(),
			calls.map((call) => ({ callId: call.id })),
		);
		const expected = calls.flatMap((call, index) =>
			(call.executedCallActions as Array<{ actionId: string }>).map((action) => ({
				callId: call.id,
				actionId: action.actionId,
				item: index,
			})),
		);
		expect(
			items.map((item) => ({
				callId: item.json.callId,
				actionId: item.json.actionId,
				item: (item.pairedItem as { item: number }).item,
			})),
		).toEqual(expected);
	});

	it('outputs the whole call log as one item when asked', async () => {
		const { items } = await run(getCallLog({}, { output: 'callLogs' }), [{ callId: SEED_CALL }]);
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: SEED_CALL,
			transcript: expect.stringContaining('bot:'),
		});
		expect(JSON.stringify(items[0].json)).not.toContain('token123');
	});

	it('filters by action type', async () => {
		const { items } = await run(getCallLog({ actionTypes: ['APPOINTMENT_BOOKING', 'SMS'] }), [
			{ callId: SEED_CALL },
		]);
		expect(items.map((item) => item.json.actionType)).toEqual(['SMS', 'APPOINTMENT_BOOKING']);
	});

	it('redacts CUSTOM_ACTION secrets by default and only shows them when asked', async () => {
		const redacted = await run(getCallLog(), [{ callId: SEED_CALL }]);
		expect(JSON.stringify(redacted.items)).not.toContain('token123');
		expect(redacted.items[5].json.actionParameters).toMatchObject({
			apiDetails: { authenticationValue: '[REDACTED]', authenticationRequired: true },
		});
		const plain = await run(getCallLog({ redactSecrets: false }), [{ callId: SEED_CALL }]);
		expect(JSON.stringify(plain.items[5].json)).toContain('token123');
	});

	describe('a call with no executed actions', () => {
		it('yields one item for the call by default, so it is not silently lost', async () => {
			const { items, error } = await run(getCallLog(), [{ callId: 'oddNoActions' }]);
			expect(error).toBeUndefined();
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({
				callId: 'oddNoActions',
				actionType: null,
				actionId: null,
			});
		});

		it('yields nothing with "Output Nothing", and says so in a hint', async () => {
			const { items, hints } = await run(getCallLog({ whenNoActions: 'skip' }), [
				{ callId: 'oddNullActions' },
			]);
			expect(items).toEqual([]);
			expect(hints.map((hint) => hint.message)).toEqual([
				'Call oddNullActions: output nothing because the call has no matching executed actions',
			]);
		});

		it('fails the item with "Stop With an Error", as an error item with Continue On Fail', async () => {
			const stopped = await run(getCallLog({ whenNoActions: 'error' }), [
				{ callId: 'oddMissingActions' },
			]);
			expect(stopped.error?.message).toBe(
				'Call oddMissingActions has no executed actions [item 0]',
			);

			const continued = await run(
				getCallLog({ whenNoActions: 'error' }),
				[{ callId: 'oddNoActions' }, { callId: SEED_CALL }],
				'continueRegularOutput',
			);
			expect(continued.items[0]).toEqual({
				json: expect.objectContaining({
					error: 'Call oddNoActions has no executed actions [item 0]',
				}),
				pairedItem: { item: 0 },
			});
			expect(continued.items.slice(1).map((item) => item.pairedItem)).toEqual(
				SEED_ORDER.map(() => ({ item: 1 })),
			);
		});
	});

	it('keeps working on odd shapes and says what it skipped', async () => {
		const { items, hints, error } = await run(getCallLog(), [
			{ callId: 'oddMixedEntries' },
			{ callId: 'oddUnderscoreId' },
		]);
		expect(error).toBeUndefined();
		expect(
			items.map((item) => [item.json.actionType, item.json.actionId, item.pairedItem]),
		).toEqual([
			['FUTURE_ACTION_TYPE', 'act_future_1', { item: 0 }],
			['KNOWLEDGE_BASE', 'act_noparams_1', { item: 0 }],
			['SMS', 'act_underscore_1', { item: 1 }],
		]);
		expect(hints.map((hint) => hint.message)).toEqual([
			'Call oddMixedEntries: skipped 3 entries of executedCallActions that were not objects',
		]);
	});

	it('with Continue On Fail, a failing call yields one error item and the others go on', async () => {
		const { items, error } = await run(
			getCallLog(),
			[
				{ callId: SEED_CALL },
				{ callId: 'no-such-call' },
				{ callId: '' },
				{ callId: 'oddNoActions' },
			],
			'continueRegularOutput',
		);
		expect(error).toBeUndefined();
		const byInput = (index: number) =>
			items.filter((item) => (item.pairedItem as { item: number }).item === index);
		expect(byInput(0)).toHaveLength(8);
		expect(byInput(1)).toEqual([
			{
				json: expect.objectContaining({
					error: 'HighLevel has no call log no-such-call in this location',
					httpCode: '400',
				}),
				pairedItem: { item: 1 },
			},
		]);
		expect(byInput(2)).toEqual([
			{
				json: expect.objectContaining({ error: 'Call ID is empty [item 2]' }),
				pairedItem: { item: 2 },
			},
		]);
		expect(byInput(3).map((item) => item.json.callId)).toEqual(['oddNoActions']);
		// The empty id was refused before any request: only three reached HighLevel.
		expect(
			sandboxOf()
				.requests.map((request) => request.path.split('/').pop())
				.sort(),
		).toEqual([SEED_CALL, 'no-such-call', 'oddNoActions'].sort());
	});

	it('without Continue On Fail, the first failing item stops the run with its item named', async () => {
		const { error, items } = await run(getCallLog(), [
			{ callId: SEED_CALL },
			{ callId: 'no-such-call' },
		]);
		expect(items).toEqual([]);
		expect(error?.message).toBe('HighLevel has no call log no-such-call in this location');
		expect(error?.context?.itemIndex).toBe(1);
	});
});
