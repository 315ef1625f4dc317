import { runListSearch } from '../../harness/n8n';
import type { Sandbox } from '../../harness/sandbox';
import { credentialsFor, useSandbox } from '../../harness/sandbox';
import { SANDBOX_AGENT } from '../../tables/badInput';

/** The calls as the sandbox serves them without sortBy: newest first. */
const newestFirst = (sandbox: Sandbox) =>
	[...sandbox.dataset.callLogs].sort(
		(a, b) => Date.parse(b.createdAt as string) - Date.parse(a.createdAt as string),
	);

describe('Pickers: list searches through n8n-core’s LoadOptionsContext (60 agents)', () => {
	const sandboxOf = useSandbox({ data: { agentCount: 60 } });

	const search = async (
		method: string,
		extra: {
			filter?: string;
			paginationToken?: string;
			parameters?: Record<string, unknown>;
			token?: string;
			timezone?: string;
		} = {},
	) =>
		await runListSearch({
			method,
			credentials: credentialsFor(sandboxOf(), extra.token ? { token: extra.token } : {}),
			filter: extra.filter,
			paginationToken: extra.paginationToken,
			parameters: extra.parameters,
			timezone: extra.timezone,
		});

	describe('Agent', () => {
		it('lists 50 agents by name, then the rest on the second page', async () => {
			const first = await search('searchAgents');
			expect(first.results).toHaveLength(50);
			expect(first.results[0]).toEqual({ name: 'Riley (Front Desk)', value: SANDBOX_AGENT });
			expect(first.paginationToken).toBe('2');

			const second = await search('searchAgents', { paginationToken: first.paginationToken });
			expect(second.results.map((result) => result.name)).toEqual(
				Array.from({ length: 10 }, (_, index) => `Agent 0${51 + index}`),
			);
			expect(second.paginationToken).toBeUndefined();
			expect(sandboxOf().requests.map((request) => request.query)).toEqual([
				{ locationId: sandboxOf().locationId, page: '1', pageSize: '50' },
				{ locationId: sandboxOf().locationId, page: '2', pageSize: '50' },
			]);
		});

		it('searches by name through HighLevel’s query', async () => {
			const { results, paginationToken } = await search('searchAgents', { filter: ' morgan ' });
			expect(results).toEqual([{ name: 'Morgan (Sales)', value: 'agent0000000000000000002' }]);
			expect(paginationToken).toBeUndefined();
			expect(sandboxOf().requests[0].query.query).toBe('morgan');
		});

		it('names the scope a token lacks', async () => {
			await expect(search('searchAgents', { token: 'pit-call-logs-only' })).rejects.toThrow(
				'The token is missing the voice-ai-agents.readonly scope',
			);
		});

		it('reports a rejected token in plain words', async () => {
			await expect(search('searchAgents', { token: 'pit-wrong' })).rejects.toThrow(
				'HighLevel rejected the token: it is invalid, expired or revoked',
			);
		});
	});

	describe('Call', () => {
		it('lists recent calls newest first, labelled with time, caller and agent, page after page', async () => {
			const calls = newestFirst(sandboxOf());
			const first = await search('searchCalls');
			expect(first.results.map((result) => result.value)).toEqual(
				calls.slice(0, 50).map((call) => call.id),
			);
			const call = calls[0];
			expect(first.results[0].name).toBe(
				`${(call.createdAt as string).slice(0, 10)} ${(call.createdAt as string).slice(11, 16)} · ${call.fromNumber} · Riley (Front Desk)`,
			);
			expect(first.paginationToken).toBe('2');

			const second = await search('searchCalls', { paginationToken: '2' });
			expect(second.results.map((result) => result.value)).toEqual(
				calls.slice(50, 100).map((call) => call.id),
			);
			const lastPage = String(Math.ceil(calls.length / 50));
			const last = await search('searchCalls', { paginationToken: lastPage });
			expect(last.paginationToken).toBeUndefined();
			expect(last.results).toHaveLength(calls.length - 50 * (Number(lastPage) - 1));

			const callPages = sandboxOf()
				.requests.filter((request) => request.path === '/voice-ai/dashboard/call-logs')
				.map((request) => request.query);
			expect(callPages[0]).toEqual({
				locationId: sandboxOf().locationId,
				sortBy: 'createdAt',
				sort: 'descend',
				page: '1',
				pageSize: '50',
			});
		});

		it('shows times in the workflow’s timezone', async () => {
			const call = newestFirst(sandboxOf())[0];
			const { results } = await search('searchCalls', { timezone: 'Asia/Tokyo' });
			const tokyo = new Date(Date.parse(call.createdAt as string) + 9 * 3600_000).toISOString();
			expect(results[0].name.startsWith(`${tokyo.slice(0, 10)} ${tokyo.slice(11, 16)} · `)).toBe(
				true,
			);
		});

		it('searches the labels, reading further pages until something matches', async () => {
			const calls = newestFirst(sandboxOf());
			const avery = await search('searchCalls', { filter: 'avery' });
			expect(avery.results.length).toBeGreaterThan(5);
			expect(avery.results.every((result) => result.name.includes('Avery (After Hours)'))).toBe(
				true,
			);
			expect(avery.paginationToken).toBe('2');

			const rare = calls[120];
			sandboxOf().reset();
			const found = await search('searchCalls', { filter: rare.id });
			expect(found.results).toEqual([{ name: expect.any(String), value: rare.id }]);
			expect(
				sandboxOf().requests.filter((request) => request.path === '/voice-ai/dashboard/call-logs'),
			).toHaveLength(3);
		});

		it('labels with agent IDs when the token may not list agents, rather than failing', async () => {
			const { results } = await search('searchCalls', { token: 'pit-call-logs-only' });
			expect(results[0].name).toContain(`agent ${SANDBOX_AGENT}`);
		});
	});

	describe('Action', () => {
		const parameters = (agentId: unknown) => ({
			resource: 'agentAction',
			operation: 'get',
			agentId,
			actionId: { __rl: true, mode: 'list', value: '' },
		});

		it('lists the actions of the agent chosen in the node, with their types', async () => {
			const { results } = await search('searchAgentActions', {
				parameters: parameters({ __rl: true, mode: 'list', value: SANDBOX_AGENT }),
			});
			expect(results).toEqual([
				{ name: 'Transfer to Front Desk (Call Transfer)', value: 'action000000000000000001' },
				{ name: 'Send Booking Link (SMS)', value: 'action000000000000000002' },
				{ name: 'Look Up Balance (Custom Action (API Call))', value: 'action000000000000000003' },
			]);
		});

		it('filters by name, and reads an agent saved as plain text', async () => {
			const { results } = await search('searchAgentActions', {
				parameters: parameters(SANDBOX_AGENT),
				filter: 'booking',
			});
			expect(results.map((result) => result.value)).toEqual(['action000000000000000002']);
		});

		it('asks for the agent first when none is chosen', async () => {
			await expect(
				search('searchAgentActions', {
					parameters: parameters({ __rl: true, mode: 'list', value: '' }),
				}),
			).rejects.toThrow('Choose the agent first');
			expect(sandboxOf().requests).toEqual([]);
		});
	});
});
