import {
	agentBody,
	answerCarries,
	checkTranslation,
	normaliseAgent,
	workingHours,
	workingHoursFromList,
} from '../../../nodes/HighLevelVoiceAi/helpers/agent';
import { refusal } from '../../harness/refusal';

describe('agentBody: the node’s agent fields as HighLevel’s body', () => {
	it('sends every documented field in HighLevel’s shape', () => {
		const body = agentBody(
			{
				agentName: '  Riley  ',
				businessName: 'Sunrise Dental',
				welcomeMessage: 'Hi!',
				agentPrompt: 'Be kind.',
				voiceId: '21m00Tcm4TlvDq8ikWAM',
				language: 'fr',
				patienceLevel: 'low',
				maxCallDuration: 600,
				sendUserIdleReminders: false,
				reminderAfterIdleTimeSeconds: 12,
				inboundNumber: '+15550100001',
				numberPoolId: 'pool_1',
				callEndWorkflowIds: 'wf1, wf2',
				sendPostCallNotificationTo: {
					settings: {
						admins: false,
						allUsers: true,
						contactAssignedUser: true,
						specificUsers: 'u1,u2',
						customEmails: 'a@example.com, b@example.com',
					},
				},
				agentWorkingHours: {
					intervals: [
						{ dayOfTheWeek: 2, startHour: 13, startMinute: 0, endHour: 17, endMinute: 30 },
						{ dayOfTheWeek: 1, startHour: 9, startMinute: 0, endHour: 17, endMinute: 0 },
						{ dayOfTheWeek: 2, startHour: 8, startMinute: 15, endHour: 12, endMinute: 0 },
					],
				},
				timezone: 'Europe/Paris',
				isAgentAsBackupDisabled: true,
				translation: { settings: { enabled: true, language: 'en-US' } },
			},
			'create',
		);
		expect(body).toEqual({
			agentName: 'Riley',
			businessName: 'Sunrise Dental',
			welcomeMessage: 'Hi!',
			agentPrompt: 'Be kind.',
			voiceId: '21m00Tcm4TlvDq8ikWAM',
			language: 'fr',
			patienceLevel: 'low',
			maxCallDuration: 600,
			sendUserIdleReminders: false,
			reminderAfterIdleTimeSeconds: 12,
			inboundNumber: '+15550100001',
			numberPoolId: 'pool_1',
			callEndWorkflowIds: ['wf1', 'wf2'],
			sendPostCallNotificationTo: {
				admins: false,
				allUsers: true,
				contactAssignedUser: true,
				specificUsers: ['u1', 'u2'],
				customEmails: ['a@example.com', 'b@example.com'],
			},
			agentWorkingHours: [
				{
					dayOfTheWeek: 1,
					intervals: [{ startHour: 9, startMinute: 0, endHour: 17, endMinute: 0 }],
				},
				{
					dayOfTheWeek: 2,
					intervals: [
						{ startHour: 8, startMinute: 15, endHour: 12, endMinute: 0 },
						{ startHour: 13, startMinute: 0, endHour: 17, endMinute: 30 },
					],
				},
			],
			timezone: 'Europe/Paris',
			isAgentAsBackupDisabled: true,
			translation: { enabled: true, language: 'en-US' },
		});
	});

	it('sends nothing that was not set, and nothing for a settings group added but left empty', () => {
		expect(agentBody({}, 'create')).toEqual({});
		expect(agentBody({ sendPostCallNotificationTo: {}, translation: {} }, 'create')).toEqual({});
	});

	it('sends all five notification fields, with HighLevel’s defaults for those not given', () => {
		expect(agentBody({ sendPostCallNotificationTo: { settings: {} } }, 'update')).toEqual({
			sendPostCallNotificationTo: {
				admins: true,
				allUsers: false,
				contactAssignedUser: false,
				specificUsers: [],
				customEmails: [],
			},
		});
	});

	it('refuses an empty update, naming Update Fields', () => {
		const error = refusal(() => agentBody({}, 'update'));
		expect(error.field).toBe('Update Fields');
		expect(error.message).toBe('Update Fields is empty: there is nothing to change');
	});

	it.each([
		['agentName', 'x'.repeat(41), 'Agent Name is 41 characters long; HighLevel allows at most 40'],
		['agentName', '   ', 'Agent Name is empty'],
		[
			'welcomeMessage',
			'x'.repeat(191),
			'Welcome Message is 191 characters long; HighLevel allows at most 190',
		],
		[
			'maxCallDuration',
			179,
			'Max Call Duration (Seconds) must be a whole number from 180 to 900, but it is 179',
		],
		[
			'maxCallDuration',
			901,
			'Max Call Duration (Seconds) must be a whole number from 180 to 900, but it is 901',
		],
		[
			'reminderAfterIdleTimeSeconds',
			0,
			'Idle Reminder After (Seconds) must be a whole number from 1 to 20, but it is 0',
		],
		[
			'reminderAfterIdleTimeSeconds',
			21,
			'Idle Reminder After (Seconds) must be a whole number from 1 to 20, but it is 21',
		],
		['language', 'en', 'Language "en" is not one of en-US, pt-BR, es, fr, de, it, nl-NL, multi'],
		['patienceLevel', 'zen', 'Patience Level "zen" is not one of low, medium, high'],
		['timezone', 'UTC', 'Timezone "UTC" is not a timezone HighLevel accepts'],
		[
			'timezone',
			'America/Argentina/Buenos_Aires',
			'Timezone "America/Argentina/Buenos_Aires" is not a timezone HighLevel accepts',
		],
		[
			'callEndWorkflowIds',
			Array.from({ length: 11 }, (_, i) => `wf${i}`).join(','),
			'Call-End Workflow IDs lists 11 workflows; HighLevel allows at most 10',
		],
		[
			'callEndWorkflowIds',
			'wf1,wf/2',
			'Call-End Workflow IDs "wf/2" contains characters an id cannot have',
		],
		['numberPoolId', 'pool?x', 'Number Pool ID "pool?x" contains characters an id cannot have'],
		['sendUserIdleReminders', 'yes', 'Send Idle Reminders must be true or false, but it is "yes"'],
	])('refuses %s = %j', (key, value, message) => {
		expect(refusal(() => agentBody({ [key]: value }, 'create')).message).toBe(message);
	});

	it('accepts the bounds themselves', () => {
		expect(
			agentBody(
				{
					agentName: 'x'.repeat(40),
					welcomeMessage: 'y'.repeat(190),
					maxCallDuration: 180,
					reminderAfterIdleTimeSeconds: 20,
					callEndWorkflowIds: Array.from({ length: 10 }, (_, i) => `wf${i}`),
				},
				'create',
			),
		).toMatchObject({ maxCallDuration: 180, reminderAfterIdleTimeSeconds: 20 });
		expect(agentBody({ maxCallDuration: 900, reminderAfterIdleTimeSeconds: 1 }, 'update')).toEqual({
			maxCallDuration: 900,
			reminderAfterIdleTimeSeconds: 1,
		});
	});

	it('refuses a bad notification address or user ID, naming the setting', () => {
		expect(
			refusal(() =>
				agentBody(
					{ sendPostCallNotificationTo: { settings: { customEmails: 'ok@example.com, nope' } } },
					'create',
				),
			).message,
		).toBe('Post-Call Notifications: Custom Emails "nope" is not an e-mail address');
		expect(
			refusal(() =>
				agentBody({ sendPostCallNotificationTo: { settings: { specificUsers: 'u/1' } } }, 'create'),
			).field,
		).toBe('Post-Call Notifications: Specific User IDs');
	});
});

describe('workingHours', () => {
	const row = (values: Record<string, unknown>) => ({
		intervals: [
			{ dayOfTheWeek: 1, startHour: 9, startMinute: 0, endHour: 17, endMinute: 0, ...values },
		],
	});

	it('means around the clock when added without rows', () => {
		expect(workingHours({})).toEqual([]);
		expect(workingHours({ intervals: [] })).toEqual([]);
	});

	it.each([
		[
			{ dayOfTheWeek: 8 },
			'Working Hours (row 1): Day must be a whole number from 1 to 7, but it is 8',
		],
		[
			{ dayOfTheWeek: 0 },
			'Working Hours (row 1): Day must be a whole number from 1 to 7, but it is 0',
		],
		[
			{ startHour: 24 },
			'Working Hours (row 1): Start Hour must be a whole number from 0 to 23, but it is 24',
		],
		[
			{ endMinute: 60 },
			'Working Hours (row 1): End Minute must be a whole number from 0 to 59, but it is 60',
		],
		[
			{ endHour: 8 },
			'Working Hours (row 1): Monday ends at 08:00, which is not after its start at 09:00',
		],
		[
			{ endHour: 9 },
			'Working Hours (row 1): Monday ends at 09:00, which is not after its start at 09:00',
		],
	])('refuses %j', (values, message) => {
		expect(refusal(() => workingHours(row(values))).message).toBe(message);
	});

	it('accepts an interval that ends one minute after it starts', () => {
		expect(
			workingHours(row({ startHour: 23, startMinute: 58, endHour: 23, endMinute: 59 })),
		).toEqual([
			{
				dayOfTheWeek: 1,
				intervals: [{ startHour: 23, startMinute: 58, endHour: 23, endMinute: 59 }],
			},
		]);
	});
});

describe('Working Hours (JSON): another agent’s hours, as HighLevel lists them', () => {
	const hours = [
		{ dayOfTheWeek: 3, intervals: [{ startHour: 9, startMinute: 0, endHour: 12, endMinute: 0 }] },
		{ dayOfTheWeek: 1, intervals: [{ startHour: 8, startMinute: 30, endHour: 18, endMinute: 0 }] },
	];

	it('takes the list or its JSON text and sends it checked, days in order', () => {
		const sorted = [hours[1], hours[0]];
		expect(workingHoursFromList(hours)).toEqual(sorted);
		expect(workingHoursFromList(JSON.stringify(hours))).toEqual(sorted);
		expect(workingHoursFromList('[]')).toEqual([]);
		expect(agentBody({ agentWorkingHoursJson: hours }, 'update')).toEqual({
			agentWorkingHours: sorted,
		});
	});

	it.each([
		['{"a": 1}', 'Working Hours (JSON) must be a JSON list of days'],
		['[1', /^Working Hours \(JSON\) must be a JSON list of days: /],
		[
			[
				{
					dayOfTheWeek: 9,
					intervals: [{ startHour: 9, startMinute: 0, endHour: 10, endMinute: 0 }],
				},
			],
			'Working Hours (JSON) (row 1): Day must be a whole number from 1 to 7, but it is 9',
		],
		[
			[
				{
					dayOfTheWeek: 2,
					intervals: [{ startHour: 10, startMinute: 0, endHour: 9, endMinute: 0 }],
				},
			],
			'Working Hours (JSON) (row 1): Tuesday ends at 09:00, which is not after its start at 10:00',
		],
	])('refuses %j', (value, message) => {
		expect(refusal(() => workingHoursFromList(value)).message).toMatch(message);
	});

	it('refuses both forms at once', () => {
		expect(
			refusal(() => agentBody({ agentWorkingHours: {}, agentWorkingHoursJson: '[]' }, 'create'))
				.message,
		).toBe('Set Working Hours or Working Hours (JSON), not both');
	});
});

describe('translation rules', () => {
	const translation = (settings: Record<string, unknown>) => ({ translation: { settings } });

	it('can be enabled only for an agent that does not speak en-US (HighLevel’s default)', () => {
		expect(
			refusal(() => agentBody(translation({ enabled: true, language: 'en-US' }), 'create')).message,
		).toBe('Translation can be enabled only for an agent whose language is not English (en-US)');
		expect(
			agentBody({ language: 'es', ...translation({ enabled: true, language: 'es' }) }, 'create'),
		).toMatchObject({ translation: { enabled: true, language: 'es' } });
	});

	it('needs the agent’s language or en-US as its language', () => {
		expect(
			refusal(() =>
				agentBody({ language: 'fr', ...translation({ enabled: true, language: 'de' }) }, 'create'),
			).message,
		).toBe('Translation: Language must be the agent’s language (fr) or en-US, but it is de');
	});

	it('needs a language when enabled', () => {
		expect(refusal(() => checkTranslation({ enabled: true }, 'fr')).message).toBe(
			'Translation: Language is required when translation is enabled',
		);
		expect(
			refusal(() =>
				agentBody({ language: 'fr', ...translation({ enabled: true, language: '' }) }, 'create'),
			).message,
		).toBe('Translation: Language is required when translation is enabled');
	});

	it('on an update that keeps the language, checks only what it can and lets HighLevel judge the rest', () => {
		expect(agentBody(translation({ enabled: true, language: 'de' }), 'update')).toEqual({
			translation: { enabled: true, language: 'de' },
		});
		expect(agentBody(translation({ enabled: false }), 'update')).toEqual({
			translation: { enabled: false },
		});
	});
});

describe('HighLevel’s answers made uniform', () => {
	it('puts `id` first whether HighLevel said `id` or `_id`, in the agent and its actions', () => {
		expect(
			normaliseAgent({
				_id: 'a1',
				agentName: 'Riley',
				actions: [{ _id: 'x1', name: 'T' }, { id: 'x2', name: 'U' }, 'odd'],
			}),
		).toEqual({
			id: 'a1',
			agentName: 'Riley',
			actions: [{ id: 'x1', name: 'T' }, { id: 'x2', name: 'U' }, 'odd'],
		});
		expect(Object.keys(normaliseAgent({ agentName: 'R', id: 'a2' }))).toEqual(['id', 'agentName']);
		expect(normaliseAgent({ agentName: 'no id' })).toEqual({ id: null, agentName: 'no id' });
	});

	it('checks that an answer carries the id asked for', () => {
		const check = answerCarries('agent', 'a1', '');
		expect(check({ _id: 'a1' })).toBeUndefined();
		expect(check({ id: 'a1' })).toBeUndefined();
		expect(check({ id: 'b2' })).toBe('is agent b2, not the one asked for');
		expect(check({ agentName: 'x' })).toBe('');
		expect(answerCarries('agent', undefined, '')({ id: 'new' })).toBeUndefined();
	});
});
