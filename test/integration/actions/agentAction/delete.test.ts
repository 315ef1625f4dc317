import { operationRunner } from '../../../harness/operations';
import { useSandbox } from '../../../harness/sandbox';
import { actionOp, SANDBOX_AGENT, SANDBOX_SMS_ACTION } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

describe('Agent Action → Delete through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());

	const run = operationRunner(sandboxOf);

	it('deletes with the location and the agent in the query; HighLevel’s 204 becomes one item', async () => {
		const { items, error } = await run(actionOp('delete'));
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: { deleted: true, id: SANDBOX_SMS_ACTION, agentId: SANDBOX_AGENT },
				pairedItem: { item: 0 },
			},
		]);
		expect(sandboxOf().requests).toEqual([
			expect.objectContaining({
				method: 'DELETE',
				path: `/voice-ai/actions/${SANDBOX_SMS_ACTION}`,
				query: { locationId: sandboxOf().locationId, agentId: SANDBOX_AGENT },
			}),
		]);
		expect(sandboxOf().stats.byStatus).toEqual({ 204: 1 });
		expect(
			sandboxOf()
				.actions()
				.map((action) => action.id),
		).not.toContain(SANDBOX_SMS_ACTION);
	});

	it('names an action the agent does not have', async () => {
		const { error } = await run(actionOp('delete', { agentId: 'agent0000000000000000002' }));
		expect(error?.message).toBe(
			`HighLevel has no agent action ${SANDBOX_SMS_ACTION} in this location`,
		);
		expect(
			sandboxOf()
				.actions()
				.map((action) => action.id),
		).toContain(SANDBOX_SMS_ACTION);
	});

	it.each([['reset'], ['status:503'], ['applied-reset']])(
		'never repeats the delete after %s',
		async (step) => {
			sandboxOf().script(`DELETE /voice-ai/actions/${SANDBOX_SMS_ACTION}`, [step]);
			const { error } = await run(actionOp('delete', { options: { maxRetries: 3 } }));
			expect(error?.description).toContain(
				`HighLevel may or may not have applied the change to agent action ${SANDBOX_SMS_ACTION}`,
			);
			expect(sandboxOf().requests).toHaveLength(1);
		},
	);

	it('names the scope a token lacks', async () => {
		const { error } = await run(actionOp('delete'), { token: 'pit-no-agent-goals' });
		expect(error?.message).toBe('The token is missing the voice-ai-agent-goals.write scope');
	});

	it('with Continue On Fail, one error item for the failing input, the others deleted', async () => {
		const { items, error } = await run(actionOp('delete', { actionId: '={{ $json.action }}' }), {
			input: [
				{ action: SANDBOX_SMS_ACTION },
				{ action: 'noSuchAction1' },
				{ action: 'action000000000000000001' },
			],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.id ?? item.json.error, item.pairedItem])).toEqual([
			[SANDBOX_SMS_ACTION, { item: 0 }],
			['HighLevel has no agent action noSuchAction1 in this location', { item: 1 }],
			['action000000000000000001', { item: 2 }],
		]);
	});
});
