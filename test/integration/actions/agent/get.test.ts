import { operationRunner } from '../../../harness/operations';
import { useSandbox } from '../../../harness/sandbox';
import { agentOp, SANDBOX_AGENT } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

describe('Agent → Get through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());

	const run = operationRunner(sandboxOf);

	it('outputs the agent with its settings and actions, `id` first although HighLevel answered `_id`', async () => {
		const { items, error } = await run(agentOp('get'));
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const agent = items[0].json;
		expect(Object.keys(agent)[0]).toBe('id');
		expect(agent.id).toBe(SANDBOX_AGENT);
		expect(agent).not.toHaveProperty('_id');
		expect(agent).toMatchObject({
			agentName: 'Riley (Front Desk)',
			maxCallDuration: 300,
			timezone: 'America/New_York',
			actions: [
				{ id: 'action000000000000000001', actionType: 'CALL_TRANSFER' },
				{ id: 'action000000000000000002', actionType: 'SMS' },
				{ id: 'action000000000000000003', actionType: 'CUSTOM_ACTION' },
			],
		});
		expect(items[0].pairedItem).toEqual({ item: 0 });
	});

	it('always sends the locationId (HighLevel answers 403 without it) with one GET', async () => {
		await run(agentOp('get'));
		expect(sandboxOf().requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: `/voice-ai/agents/${SANDBOX_AGENT}`,
				query: { locationId: sandboxOf().locationId },
			}),
		]);
	});

	it.each([
		['a plain-text ID (as an expression would give it)', SANDBOX_AGENT],
		[
			'the picker, from the list',
			{ __rl: true, mode: 'list', value: SANDBOX_AGENT, cachedResultName: 'Riley' },
		],
		['the picker, by ID', { __rl: true, mode: 'id', value: SANDBOX_AGENT }],
		[
			'the picker, by ID from an expression',
			{ __rl: true, mode: 'id', value: '={{ $json.agent }}' },
		],
	])('reads the agent from %s', async (_label, agentId) => {
		const { items, error } = await run(agentOp('get', { agentId }), {
			input: [{ agent: SANDBOX_AGENT }],
		});
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe(SANDBOX_AGENT);
	});

	it('redacts the secrets of custom actions unless asked not to', async () => {
		const redacted = await run(agentOp('get'));
		const text = JSON.stringify(redacted.items);
		expect(text).not.toContain('sk_live_sandbox_billing_secret');
		expect(text).not.toContain('sandbox-billing-api-key');
		expect(text).toContain('[REDACTED]');
		const plain = await run(agentOp('get', { options: { redactSecrets: false } }));
		expect(JSON.stringify(plain.items)).toContain('Bearer sk_live_sandbox_billing_secret');
	});

	it('names an unknown agent', async () => {
		const { error } = await run(agentOp('get', { agentId: 'noSuchAgent1' }));
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe('HighLevel has no agent noSuchAgent1 in this location');
		expect(error?.httpCode).toBe('400');
	});

	it('names the scope a token lacks', async () => {
		const { error } = await run(agentOp('get'), { token: 'pit-call-logs-only' });
		expect(error?.message).toBe('The token is missing the voice-ai-agents.readonly scope');
		expect(error?.description).toContain('"View Voice AI Agents" (voice-ai-agents.readonly)');
	});

	it('with Continue On Fail, pairs one error item with the failing input and goes on', async () => {
		const { items, error } = await run(agentOp('get', { agentId: '={{ $json.agent }}' }), {
			input: [
				{ agent: SANDBOX_AGENT },
				{ agent: 'noSuchAgent1' },
				{ agent: 'agent0000000000000000002' },
			],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			[SANDBOX_AGENT, { item: 0 }],
			['HighLevel has no agent noSuchAgent1 in this location', { item: 1 }],
			['agent0000000000000000002', { item: 2 }],
		]);
	});
});
