import { runNode } from '../harness/n8n';
import type { Sandbox } from '../harness/sandbox';
import { credentialsFor, startSandbox } from '../harness/sandbox';

const SEED_CALL = '507f1f77bcf86cd799439011';

describe('Get Call Log through n8n-core against the sandbox', () => {
	let sandbox: Sandbox;

	beforeAll(async () => {
		sandbox = await startSandbox();
	});
	afterAll(async () => {
		await sandbox.close();
	});
	beforeEach(() => sandbox.reset());

	it('emits one item per executed action, in order, with the call context', async () => {
		const { items, error } = await runNode({
			parameters: { resource: 'callLog', operation: 'get', callId: '={{ $json.callId }}' },
			input: [{ callId: SEED_CALL }],
			credentials: credentialsFor(sandbox),
		});
		expect(error).toBeUndefined();
		expect(items.map((item) => item.json.actionType)).toEqual([
			'CALL_TRANSFER',
			'SMS',
			'DATA_EXTRACTION',
			'WORKFLOW_TRIGGER',
			'APPOINTMENT_BOOKING',
			'CUSTOM_ACTION',
			'IN_CALL_DATA_EXTRACTION',
			'KNOWLEDGE_BASE',
		]);
		for (const item of items) {
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json).toMatchObject({
				callId: SEED_CALL,
				agentId: '507f1f77bcf86cd799439013',
				contactId: '507f1f77bcf86cd799439012',
				fromNumber: '+1234567890',
				callCreatedAt: '2024-01-15T10:30:00.000Z',
			});
		}

		const [request] = sandbox.requests;
		expect(request.path).toBe(`/voice-ai/dashboard/call-logs/${SEED_CALL}`);
		expect(request.headers.authorization).toBe(`Bearer ${sandbox.token}`);
		expect(request.headers.version).toBe('2021-04-15');
		expect(request.query).toEqual({ locationId: sandbox.locationId });
	});
});
