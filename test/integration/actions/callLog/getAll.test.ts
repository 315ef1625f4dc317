import { runNode } from '../../../harness/n8n';
import { credentialsFor, useSandbox } from '../../../harness/sandbox';

const getMany = (extra: Record<string, unknown> = {}) => ({
	resource: 'callLog',
	operation: 'getAll',
	...extra,
});

describe('Get Many call logs through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	let newestFirst: Array<Record<string, unknown> & { id: string }>;

	beforeAll(() => {
		newestFirst = [...sandboxOf().dataset.callLogs].sort(
			(a, b) => Date.parse(b.createdAt as string) - Date.parse(a.createdAt as string),
		);
	});

	const run = async (parameters: Record<string, unknown>) =>
		await runNode({ parameters, credentials: credentialsFor(sandboxOf()) });

	it('returns the newest 50 calls by default, one item each, in one request', async () => {
		const { items, error } = await run(getMany());
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(
			newestFirst.slice(0, 50).map((call) => call.id),
		);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sandboxOf().requests.map((request) => request.query)).toEqual([
			{ locationId: sandboxOf().locationId, page: '1', pageSize: '50' },
		]);
	});

	it.each([
		['with a Limit', { limit: 10 }],
		['with Return All', { returnAll: true }],
	])(
		'outputs nothing, without an error, when no call matches (%s), and says so',
		async (_label, paging) => {
			const { items, error, hints } = await run(
				getMany({ ...paging, filters: { agentId: 'agentWithoutCalls000001' } }),
			);
			expect(error).toBeUndefined();
			expect(items).toEqual([]);
			expect(hints.map((hint) => hint.message)).toEqual(['No call logs match these filters']);
			expect(sandboxOf().requests).toHaveLength(1);
		},
	);

	it('asks for no more than the limit', async () => {
		const { items } = await run(getMany({ limit: 7 }));
		expect(items).toHaveLength(7);
		expect(sandboxOf().requests.map((request) => request.query.pageSize)).toEqual(['7']);
	});

	it('reads every page with Return All: exactly one request per 50 calls, no call twice', async () => {
		const { items } = await run(getMany({ returnAll: true }));
		const total = sandboxOf().dataset.callLogs.length;
		expect(items.map((item) => item.json.id)).toEqual(newestFirst.map((call) => call.id));
		expect(sandboxOf().requests).toHaveLength(Math.ceil(total / 50));
		expect(
			sandboxOf()
				.requests.map((request) => Number(request.query.page))
				.sort((a, b) => a - b),
		).toEqual(Array.from({ length: Math.ceil(total / 50) }, (_, index) => index + 1));
	});

	it('sends the filters as HighLevel expects them', async () => {
		const { items, error } = await run(
			getMany({
				returnAll: true,
				filters: {
					agentId: 'agent0000000000000000002',
					contactIds: 'contact00000000000000001, contact00000000000000005',
					callType: 'LIVE',
					actionTypes: ['SMS', 'CALL_TRANSFER'],
					startDate: '2026-11-01T00:00:00.000Z',
					endDate: '2026-11-21T00:00:00.000Z',
					sortBy: 'duration',
					sortOrder: 'ascend',
				},
			}),
		);
		expect(error).toBeUndefined();
		expect(sandboxOf().requests[0].query).toEqual({
			locationId: sandboxOf().locationId,
			agentId: 'agent0000000000000000002',
			contactId: 'contact00000000000000001,contact00000000000000005',
			callType: 'LIVE',
			actionType: 'SMS,CALL_TRANSFER',
			startDate: String(Date.parse('2026-11-01T00:00:00.000Z')),
			endDate: String(Date.parse('2026-11-21T00:00:00.000Z')),
			sortBy: 'duration',
			sort: 'ascend',
			page: '1',
			pageSize: '50',
		});
		for (const item of items) expect(item.json.agentId).toBe('agent0000000000000000002');
	});

	it.each([
		['plain text, as workflows saved before the picker hold it', 'agent0000000000000000003'],
		['the picker, from the list', { __rl: true, mode: 'list', value: 'agent0000000000000000003' }],
		['the picker, by ID', { __rl: true, mode: 'id', value: 'agent0000000000000000003' }],
	])('reads the Agent filter from %s', async (_label, agentId) => {
		const { items, error } = await run(getMany({ limit: 5, filters: { agentId } }));
		expect(error).toBeUndefined();
		expect(sandboxOf().requests[0].query.agentId).toBe('agent0000000000000000003');
		expect(items).toHaveLength(5);
		for (const item of items) expect(item.json.agentId).toBe('agent0000000000000000003');
	});

	it('sends no agent filter for a picker left empty', async () => {
		await run(getMany({ limit: 1, filters: { agentId: { __rl: true, mode: 'list', value: '' } } }));
		expect(sandboxOf().requests[0].query).not.toHaveProperty('agentId');
	});

	it('returns what the filters select, in the order asked for', async () => {
		const { items } = await run(
			getMany({
				returnAll: true,
				filters: {
					agentId: 'agent0000000000000000002',
					callType: 'LIVE',
					sortBy: 'duration',
					sortOrder: 'ascend',
				},
			}),
		);
		expect(items.length).toBeGreaterThan(10);
		const durations = items.map((item) => item.json.duration as number);
		expect(durations).toEqual([...durations].sort((a, b) => a - b));
		for (const item of items) {
			expect(item.json.agentId).toBe('agent0000000000000000002');
			expect(item.json.trialCall).toBe(false);
		}
	});

	it('can output one item per executed action of every listed call', async () => {
		const { items } = await run(
			getMany({ limit: 3, output: 'actions', options: { actionTypes: ['SMS'] } }),
		);
		const expected = newestFirst.slice(0, 3).flatMap((call) => {
			const sms = (
				call.executedCallActions as Array<{ actionType: string; actionId: string }>
			).filter((action) => action.actionType === 'SMS');
			return sms.length > 0 ? sms.map((action) => [call.id, action.actionId]) : [[call.id, null]];
		});
		expect(items.map((item) => [item.json.callId, item.json.actionId])).toEqual(expected);
	});
});
