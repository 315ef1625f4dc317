import type { IDataObject } from 'n8n-workflow';

import { operationRunner } from '../../../harness/operations';
import { useSandbox } from '../../../harness/sandbox';
import { actionOp, SANDBOX_AGENT } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

/** The node's fields for each action type, and the actionParameters HighLevel must receive. */
const TYPES: Array<[string, IDataObject, IDataObject]> = [
	[
		'CALL_TRANSFER',
		{
			triggerPrompt: 'When the caller asks for a human',
			triggerMessage: 'Connecting you now',
			transferToValue: '+15550100200',
			additionalFields: { hearWhisperMessage: true },
		},
		{
			triggerPrompt: 'When the caller asks for a human',
			triggerMessage: 'Connecting you now',
			transferToValue: '+15550100200',
			transferToType: 'number',
			hearWhisperMessage: true,
		},
	],
	[
		'DATA_EXTRACTION',
		{
			contactFieldId: 'email',
			fieldDescription: 'The caller’s e-mail',
			examples: ['ana@example.com', 'ben@example.com'],
			additionalFields: { overwriteExistingValue: true },
		},
		{
			contactFieldId: 'email',
			description: 'The caller’s e-mail',
			examples: ['ana@example.com', 'ben@example.com'],
			overwriteExistingValue: true,
		},
	],
	[
		'IN_CALL_DATA_EXTRACTION',
		{ contactFieldId: 'cf_insurer', fieldDescription: 'Insurer', examples: ['Cigna'] },
		{ contactFieldId: 'cf_insurer', description: 'Insurer', examples: ['Cigna'] },
	],
	[
		'WORKFLOW_TRIGGER',
		{ triggerPrompt: 'New patient', triggerMessage: 'Sending info', workflowId: 'wf0001' },
		{ triggerPrompt: 'New patient', triggerMessage: 'Sending info', workflowId: 'wf0001' },
	],
	[
		'SMS',
		{ triggerPrompt: 'Wants a link', triggerMessage: 'Texting you', messageBody: 'Book here' },
		{ triggerPrompt: 'Wants a link', triggerMessage: 'Texting you', messageBody: 'Book here' },
	],
	[
		'APPOINTMENT_BOOKING',
		{ calendarId: 'cal0001', daysOfOfferingDates: 5, slotsPerDay: 4, hoursBetweenSlots: 2 },
		{ calendarId: 'cal0001', daysOfOfferingDates: 5, slotsPerDay: 4, hoursBetweenSlots: 2 },
	],
	[
		'CUSTOM_ACTION',
		{
			triggerPrompt: 'Asks for the balance',
			triggerMessage: 'Checking',
			apiUrl: 'https://billing.example.com/balance',
			apiMethod: 'GET',
			selectedPaths: ['data.balance'],
			additionalFields: {
				authenticationRequired: true,
				authenticationValue: 'Bearer sk_test_123',
				apiHeaders: { header: [{ key: 'X-Client', value: 'voice' }] },
				apiParameters: {
					parameter: [
						{ name: 'phone', description: 'Caller phone', type: 'string', example: '+1555' },
					],
				},
			},
		},
		{
			triggerPrompt: 'Asks for the balance',
			triggerMessage: 'Checking',
			apiDetails: {
				url: 'https://billing.example.com/balance',
				method: 'GET',
				authenticationRequired: true,
				authenticationValue: 'Bearer sk_test_123',
				headers: [{ key: 'X-Client', value: 'voice' }],
				parameters: [
					{ name: 'phone', description: 'Caller phone', type: 'string', example: '+1555' },
				],
			},
			selectedPaths: ['data.balance'],
		},
	],
	[
		'KNOWLEDGE_BASE',
		{ triggerPrompt: 'Asks about prices', knowledgeBaseId: 'kb0001' },
		{ triggerPrompt: 'Asks about prices', knowledgeBaseId: 'kb0001' },
	],
];

describe('Agent Action → Create through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());
	beforeEach(() => sandboxOf().setOption('requireTransferBotType', false));

	const run = operationRunner(sandboxOf);

	const posts = () => sandboxOf().requests.filter((request) => request.method === 'POST');

	it.each(TYPES)(
		'creates a %s action with its parameters as a JSON object (201)',
		async (type, fields, parameters) => {
			const { items, error } = await run(
				actionOp('create', {
					actionType: type,
					name: `New ${type}`,
					triggerPrompt: undefined,
					triggerMessage: undefined,
					messageBody: undefined,
					...fields,
					options: { redactSecrets: false },
				}),
			);
			expect(error).toBeUndefined();
			const [request] = posts();
			expect(request.path).toBe('/voice-ai/actions');
			expect(request.query).toEqual({});
			expect(request.body).toEqual({
				agentId: SANDBOX_AGENT,
				locationId: sandboxOf().locationId,
				actionType: type,
				name: `New ${type}`,
				actionParameters: parameters,
			});
			expect(sandboxOf().stats.byStatus).toEqual({ 201: 1 });
			expect(items).toEqual([
				{
					json: {
						id: 'actionnew000000000000001',
						agentId: SANDBOX_AGENT,
						actionType: type,
						name: `New ${type}`,
						actionParameters: parameters,
					},
					pairedItem: { item: 0 },
				},
			]);
			expect(
				sandboxOf()
					.actions()
					.find((action) => action.id === 'actionnew000000000000001'),
			).toMatchObject({
				agentId: SANDBOX_AGENT,
				actionParameters: parameters,
			});
		},
	);

	it('"Using JSON": copies actions of any type, the type from an expression', async () => {
		const originals = sandboxOf()
			.actions()
			.filter((action) => action.agentId === SANDBOX_AGENT);
		const { items, error } = await run(
			actionOp('create', {
				agentId: 'agent0000000000000000002',
				defineAction: 'json',
				actionType: '={{ $json.actionType }}',
				name: '={{ $json.name }}',
				actionParameters: '={{ $json.actionParameters }}',
			}),
			{ input: originals },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(3);
		expect(posts().map((request) => request.body)).toEqual(
			originals.map((action) => ({
				agentId: 'agent0000000000000000002',
				locationId: sandboxOf().locationId,
				actionType: action.actionType,
				name: action.name,
				actionParameters: action.actionParameters,
			})),
		);
	});

	it('redacts the secret it just sent in its output by default', async () => {
		const [, fields] = TYPES.find(([type]) => type === 'CUSTOM_ACTION')!;
		const { items } = await run(actionOp('create', { actionType: 'CUSTOM_ACTION', ...fields }));
		expect((posts()[0].body as IDataObject).actionParameters).toMatchObject({
			apiDetails: { authenticationValue: 'Bearer sk_test_123' },
		});
		expect(JSON.stringify(items)).not.toContain('sk_test_123');
	});

	it('passes HighLevel’s undocumented rule on word for word, and the JSON field satisfies it', async () => {
		sandboxOf().setOption('requireTransferBotType', true);
		const transfer = actionOp('create', {
			actionType: 'CALL_TRANSFER',
			name: 'Transfer',
			...TYPES[0][1],
		});
		const refused = await run(transfer);
		expect(refused.error?.httpCode).toBe('422');
		expect(refused.error?.message).toBe(
			`HighLevel could not process the request for agent ${SANDBOX_AGENT}: actionParameters.transferBotType must be one of the following values: Default, Custom`,
		);

		const accepted = await run({
			...transfer,
			additionalFields: {
				hearWhisperMessage: true,
				additionalParameters: '{"transferBotType": "Default"}',
			},
		});
		expect(accepted.error).toBeUndefined();
		expect((posts()[1].body as IDataObject).actionParameters).toMatchObject({
			transferBotType: 'Default',
			transferToValue: '+15550100200',
		});
	});

	it('sends the JSON field’s keys inside the parameters object, never as text', async () => {
		await run(
			actionOp('create', {
				additionalFields: {
					additionalParameters:
						'{"contactFieldKey": "contact.service_interest", "actionType": "SMS"}',
				},
			}),
		);
		const body = posts()[0].body as IDataObject;
		expect(typeof body.actionParameters).toBe('object');
		expect(body.actionParameters).toMatchObject({
			contactFieldKey: 'contact.service_interest',
			actionType: 'SMS',
		});
	});

	it.each([
		['a reset connection', 'reset'],
		['a 503', 'status:503'],
		['a reset after HighLevel created it', 'applied-reset'],
	])('never repeats the create after %s', async (_label, step) => {
		sandboxOf().script('POST /voice-ai/actions', [step]);
		const before = sandboxOf().actions().length;
		const { error } = await run(actionOp('create', { options: { maxRetries: 3 } }));
		expect(error?.description).toContain(
			`HighLevel may or may not have applied the change to agent ${SANDBOX_AGENT}: the node did not repeat it`,
		);
		expect(posts()).toHaveLength(1);
		expect(sandboxOf().actions().length - before).toBe(step === 'applied-reset' ? 1 : 0);
	});

	it('names the scope a token without agent-goal rights lacks', async () => {
		const { error } = await run(actionOp('create'), { token: 'pit-no-agent-goals' });
		expect(error?.message).toBe('The token is missing the voice-ai-agent-goals.write scope');
		expect(error?.description).toContain('"Edit Voice AI Agent Goals"');
	});

	it('names an agent HighLevel does not have', async () => {
		const { error } = await run(actionOp('create', { agentId: 'noSuchAgent1' }));
		expect(error?.message).toBe('HighLevel has no agent noSuchAgent1 in this location');
	});

	it('with Continue On Fail, refuses a bad number without sending it and creates the others', async () => {
		const { items, error } = await run(
			actionOp('create', {
				actionType: 'CALL_TRANSFER',
				triggerPrompt: 'p',
				triggerMessage: 'm',
				transferToValue: '={{ $json.number }}',
			}),
			{
				input: [{ number: '+15550100201' }, { number: '555-0100' }, { number: '+15550100203' }],
				onError: 'continueRegularOutput',
			},
		);
		expect(error).toBeUndefined();
		expect(
			items.map((item) => [
				(item.json.actionParameters as IDataObject | undefined)?.transferToValue ?? item.json.error,
				item.pairedItem,
			]),
		).toEqual([
			['+15550100201', { item: 0 }],
			[
				'Transfer To Phone Number "555-0100" must start with "+" and have 11 to 16 characters, all digits after the "+" [item 1]',
				{ item: 1 },
			],
			['+15550100203', { item: 2 }],
		]);
		expect(posts()).toHaveLength(2);
	});
});
