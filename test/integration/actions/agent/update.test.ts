import { operationRunner } from '../../../harness/operations';
import { useSandbox } from '../../../harness/sandbox';
import { agentOp, SANDBOX_AGENT } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

describe('Agent → Update through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());

	const run = operationRunner(sandboxOf);

	const stored = (id: string) =>
		sandboxOf()
			.agents()
			.find((agent) => agent.id === id)!;

	it('sends only the fields added under Update Fields, with PATCH and the location in the query', async () => {
		const before = stored(SANDBOX_AGENT);
		const { items, error } = await run(
			agentOp('update', { updateFields: { agentName: 'Riley 2', maxCallDuration: 600 } }),
		);
		expect(error).toBeUndefined();
		expect(sandboxOf().requests).toEqual([
			expect.objectContaining({
				method: 'PATCH',
				path: `/voice-ai/agents/${SANDBOX_AGENT}`,
				query: { locationId: sandboxOf().locationId },
				body: { agentName: 'Riley 2', maxCallDuration: 600 },
			}),
		]);
		expect(items[0].json).toMatchObject({
			id: SANDBOX_AGENT,
			agentName: 'Riley 2',
			maxCallDuration: 600,
		});
		expect(stored(SANDBOX_AGENT)).toEqual({
			...before,
			agentName: 'Riley 2',
			maxCallDuration: 600,
		});
	});

	it('sets around-the-clock hours with Working Hours added but empty', async () => {
		await run(agentOp('update', { updateFields: { agentWorkingHours: {} } }));
		expect(sandboxOf().requests[0].body).toEqual({ agentWorkingHours: [] });
		expect(stored(SANDBOX_AGENT).agentWorkingHours).toEqual([]);
	});

	it('reads the agent from a plain-text ID and from the picker', async () => {
		for (const agentId of [SANDBOX_AGENT, { __rl: true, mode: 'list', value: SANDBOX_AGENT }]) {
			const { error } = await run(agentOp('update', { agentId }));
			expect(error).toBeUndefined();
		}
		expect(sandboxOf().requests.map((request) => request.path)).toEqual([
			`/voice-ai/agents/${SANDBOX_AGENT}`,
			`/voice-ai/agents/${SANDBOX_AGENT}`,
		]);
	});

	it('passes on, word for word, the rules HighLevel lists in a 422', async () => {
		// The agent speaks en-US, which the node cannot know without reading it: HighLevel judges.
		const { error } = await run(
			agentOp('update', {
				updateFields: { translation: { settings: { enabled: true, language: 'es' } } },
			}),
		);
		expect(error?.httpCode).toBe('422');
		expect(error?.message).toBe(
			`HighLevel could not process the request for agent ${SANDBOX_AGENT}: translation can only be enabled when the agent language is not en-US; translation.language must be the agent language or en-US`,
		);
	});

	it.each([['reset'], ['status:503'], ['applied-reset']])(
		'never repeats the update after %s',
		async (step) => {
			sandboxOf().script(`PATCH /voice-ai/agents/${SANDBOX_AGENT}`, [step]);
			const { error } = await run(agentOp('update', { options: { maxRetries: 3 } }));
			expect(error?.description).toContain(
				`HighLevel may or may not have applied the change to agent ${SANDBOX_AGENT}`,
			);
			expect(sandboxOf().requests).toHaveLength(1);
		},
	);

	it('names the write scope a read-only token lacks', async () => {
		const { error } = await run(agentOp('update'), { token: 'pit-read-only' });
		expect(error?.message).toBe('The token is missing the voice-ai-agents.write scope');
	});

	it('names an unknown agent', async () => {
		const { error } = await run(agentOp('update', { agentId: 'noSuchAgent1' }));
		expect(error?.message).toBe('HighLevel has no agent noSuchAgent1 in this location');
	});
});
