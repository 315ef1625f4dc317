import { operationRunner } from '../../../harness/operations';
import { useSandbox } from '../../../harness/sandbox';
import { agentOp, SANDBOX_AGENT } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

describe('Agent → Delete through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());

	const run = operationRunner(sandboxOf);

	it('deletes the agent and its actions; HighLevel’s 204 becomes one item saying so', async () => {
		const { items, error } = await run(agentOp('delete'));
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{ json: { deleted: true, id: SANDBOX_AGENT }, pairedItem: { item: 0 } },
		]);
		expect(sandboxOf().stats.byStatus).toEqual({ 204: 1 });
		expect(sandboxOf().requests).toEqual([
			expect.objectContaining({
				method: 'DELETE',
				path: `/voice-ai/agents/${SANDBOX_AGENT}`,
				query: { locationId: sandboxOf().locationId },
			}),
		]);
		expect(
			sandboxOf()
				.agents()
				.map((agent) => agent.id),
		).not.toContain(SANDBOX_AGENT);
		expect(
			sandboxOf()
				.actions()
				.filter((action) => action.agentId === SANDBOX_AGENT),
		).toEqual([]);
	});

	it.each([['reset'], ['status:503'], ['applied-reset']])(
		'never repeats the delete after %s',
		async (step) => {
			sandboxOf().script(`DELETE /voice-ai/agents/${SANDBOX_AGENT}`, [step]);
			const { error } = await run(agentOp('delete', { options: { maxRetries: 3 } }));
			expect(error?.description).toContain(
				`HighLevel may or may not have applied the change to agent ${SANDBOX_AGENT}`,
			);
			expect(sandboxOf().requests).toHaveLength(1);
		},
	);

	it('names the write scope a read-only token lacks', async () => {
		const { error } = await run(agentOp('delete'), { token: 'pit-read-only' });
		expect(error?.message).toBe('The token is missing the voice-ai-agents.write scope');
		expect(
			sandboxOf()
				.agents()
				.map((agent) => agent.id),
		).toContain(SANDBOX_AGENT);
	});

	it('with Continue On Fail, pairs the error with the agent that is not there', async () => {
		const { items, error } = await run(agentOp('delete', { agentId: '={{ $json.agent }}' }), {
			input: [{ agent: 'noSuchAgent1' }, { agent: 'agent0000000000000000002' }],
			onError: 'continueRegularOutput',
		});
		expect(error).toBeUndefined();
		expect(items).toEqual([
			{
				json: expect.objectContaining({
					error: 'HighLevel has no agent noSuchAgent1 in this location',
					httpCode: '400',
				}),
				pairedItem: { item: 0 },
			},
			{ json: { deleted: true, id: 'agent0000000000000000002' }, pairedItem: { item: 1 } },
		]);
	});
});
