import { runNode } from '../../../harness/n8n';
import { credentialsFor, useSandbox } from '../../../harness/sandbox';
import { actionOp, SANDBOX_AGENT, SANDBOX_SMS_ACTION } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

const CUSTOM_ACTION = 'action000000000000000003';

describe('Agent Action → Get through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());

	const run = async (parameters: Record<string, unknown>, token?: string) =>
		await runNode({ parameters, credentials: credentialsFor(sandboxOf(), token ? { token } : {}) });

	it('outputs the action with the agent it belongs to', async () => {
		const { items, error } = await run(actionOp('get'));
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: {
					id: SANDBOX_SMS_ACTION,
					agentId: SANDBOX_AGENT,
					actionType: 'SMS',
					name: 'Send Booking Link',
					actionParameters: {
						triggerPrompt: 'When the caller wants to book online',
						triggerMessage: "I'll text you our booking link.",
						messageBody: 'Book your visit here: https://sunrise.example/book',
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sandboxOf().requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: `/voice-ai/actions/${SANDBOX_SMS_ACTION}`,
				query: { locationId: sandboxOf().locationId },
			}),
		]);
	});

	it('needs no agent: without one, the output simply does not name it', async () => {
		const { items, error } = await run(
			actionOp('get', { agentId: { __rl: true, mode: 'list', value: '' } }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json).not.toHaveProperty('agentId');
		expect(items[0].json.id).toBe(SANDBOX_SMS_ACTION);
	});

	it('reads the action from the picker too', async () => {
		const { items } = await run(
			actionOp('get', { actionId: { __rl: true, mode: 'list', value: SANDBOX_SMS_ACTION } }),
		);
		expect(items[0].json.id).toBe(SANDBOX_SMS_ACTION);
	});

	it('redacts a custom action’s secrets unless asked not to', async () => {
		const redacted = await run(actionOp('get', { actionId: CUSTOM_ACTION }));
		expect(redacted.items[0].json.actionParameters).toMatchObject({
			apiDetails: {
				authenticationRequired: true,
				authenticationValue: '[REDACTED]',
				headers: [{ key: 'X-Api-Key', value: '[REDACTED]' }],
			},
		});
		const plain = await run(
			actionOp('get', { actionId: CUSTOM_ACTION, options: { redactSecrets: false } }),
		);
		expect(JSON.stringify(plain.items)).toContain('Bearer sk_live_sandbox_billing_secret');
	});

	it('names an unknown action and the scope a token lacks', async () => {
		const unknown = await run(actionOp('get', { actionId: 'noSuchAction1' }));
		expect(unknown.error?.message).toBe(
			'HighLevel has no agent action noSuchAction1 in this location',
		);
		const noScope = await run(actionOp('get'), 'pit-no-agent-goals');
		expect(noScope.error?.message).toBe(
			'The token is missing the voice-ai-agent-goals.readonly scope',
		);
		expect(noScope.error?.description).toContain('"View Voice AI Agent Goals"');
	});
});
