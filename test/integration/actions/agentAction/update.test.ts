import type { IDataObject } from 'n8n-workflow';

import { operationRunner } from '../../../harness/operations';
import { useSandbox } from '../../../harness/sandbox';
import { actionOp, SANDBOX_AGENT, SANDBOX_SMS_ACTION } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

const TRANSFER_ACTION = 'action000000000000000001';
const CUSTOM_ACTION = 'action000000000000000003';

describe('Agent Action → Update through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());
	beforeEach(() => sandboxOf().setOption('requireTransferBotType', false));

	const run = operationRunner(sandboxOf);

	const stored = (id: string) =>
		sandboxOf()
			.actions()
			.find((action) => action.id === id)!;
	const puts = () => sandboxOf().requests.filter((request) => request.method === 'PUT');

	it('reads the action, then PUTs it whole with only the name changed (location in the body)', async () => {
		const before = stored(SANDBOX_SMS_ACTION);
		const { items, error } = await run(
			actionOp('update', { updateFields: { name: 'Text the link' } }),
		);
		expect(error).toBeUndefined();
		expect(
			sandboxOf().requests.map((request) => [request.method, request.path, request.query]),
		).toEqual([
			['GET', `/voice-ai/actions/${SANDBOX_SMS_ACTION}`, { locationId: sandboxOf().locationId }],
			['PUT', `/voice-ai/actions/${SANDBOX_SMS_ACTION}`, {}],
		]);
		expect(puts()[0].body).toEqual({
			agentId: SANDBOX_AGENT,
			locationId: sandboxOf().locationId,
			actionType: 'SMS',
			name: 'Text the link',
			actionParameters: before.actionParameters,
		});
		expect(items[0].json).toMatchObject({
			id: SANDBOX_SMS_ACTION,
			agentId: SANDBOX_AGENT,
			name: 'Text the link',
		});
		expect(stored(SANDBOX_SMS_ACTION)).toEqual({ ...before, name: 'Text the link' });
	});

	it('keeps what the user did not touch, secrets included, and never writes a redacted value back', async () => {
		const before = stored(CUSTOM_ACTION);
		await run(
			actionOp('update', {
				actionId: CUSTOM_ACTION,
				actionType: 'CUSTOM_ACTION',
				updateFields: { apiUrl: 'https://billing.sunrise.example/api/v2/balance' },
			}),
		);
		const sent = puts()[0].body as IDataObject;
		expect(sent.actionParameters).toEqual({
			...before.actionParameters,
			apiDetails: {
				...(before.actionParameters.apiDetails as IDataObject),
				url: 'https://billing.sunrise.example/api/v2/balance',
			},
		});
		expect(JSON.stringify(sent)).toContain('Bearer sk_live_sandbox_billing_secret');
	});

	it('changes the type with every required field of the new type, and nothing of the old', async () => {
		const { error } = await run(
			actionOp('update', {
				actionType: 'KNOWLEDGE_BASE',
				updateFields: { triggerPrompt: 'Prices', knowledgeBaseId: 'kb0002' },
			}),
		);
		expect(error).toBeUndefined();
		expect(puts()[0].body).toMatchObject({
			actionType: 'KNOWLEDGE_BASE',
			name: 'Send Booking Link',
			actionParameters: { triggerPrompt: 'Prices', knowledgeBaseId: 'kb0002' },
		});
		expect(Object.keys((puts()[0].body as IDataObject).actionParameters as IDataObject)).toEqual([
			'triggerPrompt',
			'knowledgeBaseId',
		]);
	});

	it('refuses a type change that misses a required field after the read, before any write', async () => {
		const { error } = await run(
			actionOp('update', {
				actionType: 'KNOWLEDGE_BASE',
				updateFields: { triggerPrompt: 'Prices' },
			}),
		);
		expect(error?.message).toBe(
			'Knowledge Base ID is required for action type Knowledge Base Lookup [item 0]',
		);
		expect(sandboxOf().requests.map((request) => request.method)).toEqual(['GET']);
	});

	it('refuses a rule broken together with what HighLevel holds, before any write', async () => {
		const { error } = await run(
			actionOp('update', {
				actionId: CUSTOM_ACTION,
				actionType: 'CUSTOM_ACTION',
				updateFields: { apiMethod: 'POST' },
			}),
		);
		expect(error?.message).toBe(
			'Response Paths to Extract must be empty for a Custom Action that calls its API with POST [item 0]',
		);
		expect(puts()).toEqual([]);
	});

	it('retries the read after a 503 but never the write', async () => {
		sandboxOf().script(`GET /voice-ai/actions/${SANDBOX_SMS_ACTION}`, ['status:503', 'ok']);
		const read = await run(actionOp('update', { options: { maxRetries: 2 } }));
		expect(read.error).toBeUndefined();
		expect(sandboxOf().requests.map((request) => request.method)).toEqual(['GET', 'GET', 'PUT']);

		sandboxOf().reset();
		sandboxOf().script(`PUT /voice-ai/actions/${SANDBOX_SMS_ACTION}`, ['status:503', 'ok']);
		const write = await run(actionOp('update', { options: { maxRetries: 2 } }));
		expect(write.error?.message).toBe('HighLevel is temporarily unavailable (HTTP 503)');
		expect(write.error?.description).toContain(
			`HighLevel may or may not have applied the change to agent action ${SANDBOX_SMS_ACTION}`,
		);
		expect(puts()).toHaveLength(1);
	});

	it.each([['reset'], ['applied-reset']])('never repeats the PUT after %s', async (step) => {
		sandboxOf().script(`PUT /voice-ai/actions/${SANDBOX_SMS_ACTION}`, [step]);
		const { error } = await run(actionOp('update', { options: { maxRetries: 3 } }));
		expect(error?.message).toBe('The connection to HighLevel was closed before it answered');
		expect(puts()).toHaveLength(1);
	});

	it('passes HighLevel’s 422 on word for word', async () => {
		sandboxOf().setOption('requireTransferBotType', true);
		const { error } = await run(
			actionOp('update', {
				actionId: TRANSFER_ACTION,
				actionType: 'CALL_TRANSFER',
				updateFields: { name: 'Desk' },
			}),
		);
		expect(error?.message).toBe(
			`HighLevel could not process the request for agent action ${TRANSFER_ACTION}: actionParameters.transferBotType must be one of the following values: Default, Custom`,
		);
	});

	it('names the scope a read-only token lacks for the write', async () => {
		const { error } = await run(actionOp('update'), { token: 'pit-read-only' });
		expect(error?.message).toBe('The token is missing the voice-ai-agent-goals.write scope');
		expect(sandboxOf().requests.map((request) => request.method)).toEqual(['GET', 'PUT']);
	});
});
