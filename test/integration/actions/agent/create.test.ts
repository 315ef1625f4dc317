import example from '../../../../examples/clone-an-agent-with-its-actions.json';
import { operationRunner } from '../../../harness/operations';
import { useSandbox } from '../../../harness/sandbox';
import { agentOp } from '../../../tables/badInput';
import { captureLogs } from '../../../tables/captureLogs';

const WRITE_UNKNOWN =
	/HighLevel may or may not have applied the change to the new agent: the node did not repeat it/;

describe('Agent → Create through n8n-core against the sandbox', () => {
	const sandboxOf = useSandbox();
	beforeAll(() => captureLogs());
	beforeEach(() => sandboxOf().setOption('createdAgentIdKey', 'id'));

	const run = operationRunner(sandboxOf);

	const posts = () => sandboxOf().requests.filter((request) => request.method === 'POST');

	it('creates the agent with every field set, the location in the body (HighLevel answers 201)', async () => {
		const { items, error } = await run(
			agentOp('create', {
				agentFields: {
					agentName: 'Clone of Riley',
					businessName: 'Sunrise Dental',
					welcomeMessage: 'Hello!',
					agentPrompt: 'Be helpful.',
					voiceId: 'EXAVITQu4vr4xnSDxMaL',
					language: 'es',
					patienceLevel: 'medium',
					maxCallDuration: 420,
					sendUserIdleReminders: false,
					reminderAfterIdleTimeSeconds: 5,
					inboundNumber: '+15550100999',
					callEndWorkflowIds: 'wf1,wf2',
					sendPostCallNotificationTo: {
						settings: {
							admins: true,
							allUsers: false,
							contactAssignedUser: true,
							specificUsers: '',
							customEmails: 'desk@example.com',
						},
					},
					agentWorkingHours: {
						intervals: [
							{ dayOfTheWeek: 6, startHour: 10, startMinute: 0, endHour: 14, endMinute: 0 },
						],
					},
					timezone: 'America/Chicago',
					isAgentAsBackupDisabled: true,
					translation: { settings: { enabled: true, language: 'en-US' } },
				},
			}),
		);
		expect(error).toBeUndefined();
		const [request] = posts();
		expect(request.path).toBe('/voice-ai/agents');
		expect(request.query).toEqual({});
		expect(request.body).toEqual({
			locationId: sandboxOf().locationId,
			agentName: 'Clone of Riley',
			businessName: 'Sunrise Dental',
			welcomeMessage: 'Hello!',
			agentPrompt: 'Be helpful.',
			voiceId: 'EXAVITQu4vr4xnSDxMaL',
			language: 'es',
			patienceLevel: 'medium',
			maxCallDuration: 420,
			sendUserIdleReminders: false,
			reminderAfterIdleTimeSeconds: 5,
			inboundNumber: '+15550100999',
			callEndWorkflowIds: ['wf1', 'wf2'],
			sendPostCallNotificationTo: {
				admins: true,
				allUsers: false,
				contactAssignedUser: true,
				specificUsers: [],
				customEmails: ['desk@example.com'],
			},
			agentWorkingHours: [
				{
					dayOfTheWeek: 6,
					intervals: [{ startHour: 10, startMinute: 0, endHour: 14, endMinute: 0 }],
				},
			],
			timezone: 'America/Chicago',
			isAgentAsBackupDisabled: true,
			translation: { enabled: true, language: 'en-US' },
		});
		expect(sandboxOf().stats.byStatus).toEqual({ 201: 1 });
		expect(items).toHaveLength(1);
		expect(items[0].json).toMatchObject({
			id: 'agentnew0000000000000001',
			agentName: 'Clone of Riley',
		});
		expect(
			sandboxOf()
				.agents()
				.map((agent) => agent.id),
		).toContain('agentnew0000000000000001');
	});

	it('copies another agent’s working hours through Working Hours (JSON)', async () => {
		const riley = sandboxOf().agents()[0];
		const { error } = await run(
			agentOp('create', {
				agentFields: { agentWorkingHoursJson: '={{ $json.agentWorkingHours }}' },
			}),
			{ input: [riley] },
		);
		expect(error).toBeUndefined();
		expect(posts()[0].body).toEqual({
			locationId: sandboxOf().locationId,
			agentWorkingHours: riley.agentWorkingHours,
		});
	});

	it.each([0, 1, 2, 3])(
		'the clone example’s Create Agent copies every setting of sandbox agent %i',
		async (index) => {
			const original = sandboxOf().agents()[index];
			const read = await run(agentOp('get', { agentId: original.id }));
			const createAgent = example.nodes.find((node) => node.name === 'Create Agent')!;
			const { items, error } = await run(createAgent.parameters, { input: [read.items[0].json] });
			expect(error).toBeUndefined();
			const copy = sandboxOf()
				.agents()
				.find((agent) => agent.id === items[0].json.id)!;
			const settings = (agent: Record<string, unknown>) => {
				const rest = { ...agent };
				// A copy gets its own id and name; a phone number answers for one agent only.
				for (const key of ['id', 'agentName', 'inboundNumber']) delete rest[key];
				return rest;
			};
			expect(settings(copy)).toEqual(settings(original));
			expect(copy.agentName).toBe(`${original.agentName} (copy)`);
		},
	);

	it('sends only the location when no field is set, and HighLevel fills in its defaults', async () => {
		const { items } = await run(agentOp('create'));
		expect(posts()[0].body).toEqual({ locationId: sandboxOf().locationId });
		expect(items[0].json).toMatchObject({
			agentName: 'My Agent 101',
			language: 'en-US',
			maxCallDuration: 300,
		});
	});

	it('outputs `id` when HighLevel names the new agent’s id `_id`', async () => {
		sandboxOf().setOption('createdAgentIdKey', '_id');
		const { items, error } = await run(
			agentOp('create', { agentFields: { agentName: 'Underscore' } }),
		);
		expect(error).toBeUndefined();
		expect(items[0].json.id).toBe('agentnew0000000000000001');
		expect(items[0].json).not.toHaveProperty('_id');
	});

	it.each([
		[
			'a reset connection',
			['reset'],
			/^The connection to HighLevel was closed before it answered$/,
			undefined,
		],
		['a 503', ['status:503'], /^HighLevel is temporarily unavailable \(HTTP 503\)$/, '503'],
		[
			'a reset after HighLevel created it',
			['applied-reset'],
			/^The connection to HighLevel was closed/,
			undefined,
		],
		[
			'no answer within the timeout',
			['hang'],
			/^HighLevel did not answer within 1000 ms$/,
			undefined,
		],
	])(
		'never repeats the create after %s, with three retries allowed',
		async (_label, steps, message, httpCode) => {
			sandboxOf().script('POST /voice-ai/agents', steps);
			const before = sandboxOf().agents().length;
			const { error } = await run(
				agentOp('create', {
					agentFields: { agentName: 'Once' },
					options: { maxRetries: 3, timeout: 1000 },
				}),
			);
			expect(error?.message).toMatch(message);
			expect(error?.description).toMatch(WRITE_UNKNOWN);
			expect(error?.description).not.toMatch(/retries this/);
			expect(error?.httpCode ?? undefined).toBe(httpCode);
			expect(posts()).toHaveLength(1);
			// Had it been repeated, a reset after the create would have left two agents.
			expect(sandboxOf().agents().length - before).toBe(steps[0] === 'applied-reset' ? 1 : 0);
		},
	);

	it('names the write scope a read-only token lacks', async () => {
		const { error } = await run(agentOp('create'), { token: 'pit-read-only' });
		expect(error?.message).toBe('The token is missing the voice-ai-agents.write scope');
		expect(error?.description).toContain('"Edit Voice AI Agents" (voice-ai-agents.write)');
	});

	it('with Continue On Fail, refuses the bad item without sending it and creates the others', async () => {
		const { items, error } = await run(
			agentOp('create', { agentFields: { agentName: '={{ $json.name }}' } }),
			{
				input: [{ name: 'First' }, { name: 'x'.repeat(41) }, { name: 'Third' }],
				onError: 'continueRegularOutput',
			},
		);
		expect(error).toBeUndefined();
		expect(items.map((item) => [item.json.agentName ?? item.json.error, item.pairedItem])).toEqual([
			['First', { item: 0 }],
			['Agent Name is 41 characters long; HighLevel allows at most 40 [item 1]', { item: 1 }],
			['Third', { item: 2 }],
		]);
		expect(
			posts()
				.map((request) => (request.body as { agentName: string }).agentName)
				.sort(),
		).toEqual(['First', 'Third']);
	});
});
