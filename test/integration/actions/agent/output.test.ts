import type { IDataObject } from 'n8n-workflow';

import { SIMPLIFIED_FIELDS } from '../../../../nodes/HighLevelVoiceAi/helpers/simplify';
import { runNode } from '../../../harness/n8n';
import { credentialsFor, useSandbox } from '../../../harness/sandbox';
import { actionOp, agentOp, SANDBOX_AGENT, SANDBOX_SMS_ACTION } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

/**
 * Output (Simplified, Raw, Selected Fields) of every operation that outputs an agent or an agent
 * action, through n8n-core, with n8n's defaults for each node version.
 */

const CUSTOM_ACTION = 'action000000000000000003';

describe('Agent and Agent Action output through n8n-core', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());

	const run = async (parameters: IDataObject, typeVersion?: number) =>
		await runNode({ parameters, credentials: credentialsFor(sandboxOf()), typeVersion });

	/** Every agent operation that outputs an agent, with what it needs. */
	const AGENT_OPERATIONS: Array<[string, IDataObject]> = [
		['Create', agentOp('create', { agentFields: { agentName: 'New Front Desk' } })],
		['Get', agentOp('get')],
		['Get Many', agentOp('getAll', { returnAll: true })],
		['Update', agentOp('update')],
	];

	describe.each(AGENT_OPERATIONS)('Agent → %s', (_name, parameters) => {
		it('version 1 outputs the agent raw, as before Output existed', async () => {
			const { items, error } = await run(parameters);
			expect(error).toBeUndefined();
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				expect(item.json).toHaveProperty('agentPrompt');
				expect(item.json).toHaveProperty('sendPostCallNotificationTo');
			}
		});

		it('version 1.1 outputs it Simplified', async () => {
			const { items } = await run(parameters, 1.1);
			expect(items.length).toBeGreaterThan(0);
			for (const item of items) {
				const keys = Object.keys(item.json);
				// Create and Update answer without the agent's actions.
				expect(keys).toEqual(SIMPLIFIED_FIELDS.agent.filter((field) => keys.includes(field)));
				expect(keys.length).toBeGreaterThanOrEqual(9);
				expect(item.json).not.toHaveProperty('agentPrompt');
			}
		});

		it('Selected Fields: the fields picked, in that order', async () => {
			const { items } = await run(
				{ ...parameters, fields: 'selected', selectedAgentFields: ['agentName', 'id'] },
				1.1,
			);
			for (const item of items) expect(Object.keys(item.json)).toEqual(['agentName', 'id']);
		});

		it('Raw in version 1.1 is version 1’s output', async () => {
			const raw = await run({ ...parameters, fields: 'raw' }, 1.1);
			sandboxOf().reset();
			const legacy = await run(parameters);
			expect(raw.items).toEqual(legacy.items);
		});
	});

	it('Agent → Get, Simplified: its actions as a short list, secrets nowhere', async () => {
		const { items } = await run(agentOp('get', { fields: 'simplified' }));
		expect(items[0].json).toEqual({
			id: SANDBOX_AGENT,
			agentName: 'Riley (Front Desk)',
			businessName: 'Sunrise Dental',
			inboundNumber: '+15550100001',
			language: 'en-US',
			timezone: 'America/New_York',
			voiceId: '21m00Tcm4TlvDq8ikWAM',
			maxCallDuration: 300,
			welcomeMessage: 'Thanks for calling Sunrise Dental, this is Riley. How can I help?',
			actions: [
				{
					id: 'action000000000000000001',
					name: 'Transfer to Front Desk',
					actionType: 'CALL_TRANSFER',
				},
				{ id: SANDBOX_SMS_ACTION, name: 'Send Booking Link', actionType: 'SMS' },
				{ id: CUSTOM_ACTION, name: 'Look Up Balance', actionType: 'CUSTOM_ACTION' },
			],
		});
	});

	/** Every agent-action operation that outputs an action. */
	const ACTION_OPERATIONS: Array<[string, IDataObject]> = [
		['Create', actionOp('create')],
		['Get', actionOp('get')],
		['Update', actionOp('update')],
	];

	describe.each(ACTION_OPERATIONS)('Agent Action → %s', (_name, parameters) => {
		it('outputs the action raw by default in both versions (five fields need no simplifying)', async () => {
			for (const typeVersion of [1, 1.1]) {
				sandboxOf().reset();
				const { items, error } = await run(parameters, typeVersion);
				expect(error).toBeUndefined();
				expect(Object.keys(items[0].json)).toEqual([
					'id',
					'agentId',
					'actionType',
					'name',
					'actionParameters',
				]);
			}
		});

		it('Simplified: its ids, name, type, and when it runs', async () => {
			const { items } = await run({ ...parameters, fields: 'simplified' }, 1.1);
			expect(Object.keys(items[0].json)).toEqual(SIMPLIFIED_FIELDS.agentAction);
			expect(items[0].json).toMatchObject({ agentId: SANDBOX_AGENT, actionType: 'SMS' });
			expect(items[0].json).not.toHaveProperty('actionParameters');
		});

		it('Selected Fields', async () => {
			const { items } = await run(
				{ ...parameters, fields: 'selected', selectedAgentActionFields: ['name', 'id'] },
				1.1,
			);
			expect(Object.keys(items[0].json)).toEqual(['name', 'id']);
		});
	});

	it('Agent Action → Get, Selected Fields: a Custom Action’s parameters stay redacted', async () => {
		const { items } = await run(
			actionOp('get', {
				actionId: CUSTOM_ACTION,
				fields: 'selected',
				selectedAgentActionFields: ['actionParameters'],
			}),
		);
		expect(items[0].json.actionParameters).toMatchObject({
			apiDetails: { authenticationValue: '[REDACTED]' },
		});
		expect(JSON.stringify(items)).not.toContain('sk_live_sandbox_billing_secret');
	});
});
