import { runNode } from '../../../harness/n8n';
import { credentialsFor, useSandbox } from '../../../harness/sandbox';
import { agentOp } from '../../../tables/badInput';

describe('Agent → Get Many through n8n-core against the sandbox (60 agents)', () => {
	const sandboxOf = useSandbox({ data: { agentCount: 60 } });

	const run = async (parameters: Record<string, unknown>) =>
		await runNode({ parameters, credentials: credentialsFor(sandboxOf()) });

	it('returns up to 50 agents by default, in one request, one item each with `id`', async () => {
		const { items, error } = await run(agentOp('getAll'));
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.id)).toEqual(
			sandboxOf()
				.dataset.agents.slice(0, 50)
				.map((agent) => agent.id),
		);
		expect(items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
		expect(sandboxOf().requests.map((request) => request.query)).toEqual([
			{ locationId: sandboxOf().locationId, page: '1', pageSize: '50' },
		]);
	});

	it('asks for no more than the limit', async () => {
		const { items } = await run(agentOp('getAll', { limit: 7 }));
		expect(items).toHaveLength(7);
		expect(sandboxOf().requests.map((request) => request.query.pageSize)).toEqual(['7']);
	});

	it('reads every page with Return All, the location on each', async () => {
		const { items } = await run(agentOp('getAll', { returnAll: true }));
		expect(items).toHaveLength(60);
		expect(new Set(items.map((item) => item.json.id)).size).toBe(60);
		expect(sandboxOf().requests.map((request) => request.query)).toEqual([
			{ locationId: sandboxOf().locationId, page: '1', pageSize: '50' },
			{ locationId: sandboxOf().locationId, page: '2', pageSize: '50' },
		]);
	});

	it('sends the search to HighLevel and returns what it matched', async () => {
		const { items } = await run(
			agentOp('getAll', { returnAll: true, filters: { query: ' Agent 05 ' } }),
		);
		expect(items.map((item) => item.json.agentName)).toEqual(
			Array.from({ length: 10 }, (_, index) => `Agent 05${index}`),
		);
		expect(sandboxOf().requests[0].query.query).toBe('Agent 05');
	});

	it('treats a blank search as none', async () => {
		await run(agentOp('getAll', { filters: { query: '   ' } }));
		expect(sandboxOf().requests[0].query).not.toHaveProperty('query');
	});

	it('returns nothing, with a hint, when no agent matches', async () => {
		const { items, error, hints } = await run(agentOp('getAll', { filters: { query: 'nobody' } }));
		expect(error).toBeUndefined();
		expect(items).toEqual([]);
		expect(hints.map((hint) => hint.message)).toEqual(['No agent matches "nobody"']);
	});

	it('redacts custom-action secrets in the agents’ actions', async () => {
		const { items } = await run(agentOp('getAll', { limit: 1 }));
		expect(JSON.stringify(items)).not.toContain('sk_live_sandbox_billing_secret');
	});
});
