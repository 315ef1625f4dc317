import type { INodeProperties } from 'n8n-workflow';

import {
	AGENT_FIELD_LABELS as LABEL,
	AGENT_LANGUAGES,
	MAX_AGENT_NAME,
	MAX_CALL_END_WORKFLOWS,
	MAX_WELCOME_MESSAGE,
	WORKING_HOURS_JSON,
} from '../helpers/agent';

/**
 * Every documented setting of a Voice AI agent, as options of a collection: "Agent Fields" when
 * creating one, "Update Fields" when changing one (only what is added there is sent). Labels come
 * from helpers/agent.ts, which checks the values and names them the same way.
 */

const languageOptions = Object.entries(AGENT_LANGUAGES)
	.map(([value, name]) => ({ name: `${name} (${value})`, value }))
	.sort((a, b) => a.name.localeCompare(b.name));

const WEEKDAY_OPTIONS = [
	'Monday',
	'Tuesday',
	'Wednesday',
	'Thursday',
	'Friday',
	'Saturday',
	'Sunday',
].map((name, index) => ({ name, value: index + 1 }));

const hourField = (displayName: string, name: string, fallback: number): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 23 },
	default: fallback,
	description: 'Hour of the day, 0 to 23, in the agent’s timezone',
});

const minuteField = (displayName: string, name: string): INodeProperties => ({
	displayName,
	name,
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 59 },
	default: 0,
});

export const agentFieldOptions: INodeProperties[] = [
	{
		displayName: LABEL.agentName,
		name: 'agentName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Riley (Front Desk)',
		description: `The agent’s name, 1 to ${MAX_AGENT_NAME} characters. HighLevel names a new agent "My Agent" and a number without it.`,
	},
	{
		displayName: LABEL.agentPrompt,
		name: 'agentPrompt',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		description: 'The instructions the agent follows on every call',
	},
	{
		displayName: LABEL.businessName,
		name: 'businessName',
		type: 'string',
		default: '',
		description: 'The business the agent speaks for (by default the location’s name)',
	},
	{
		displayName: LABEL.callEndWorkflowIds,
		name: 'callEndWorkflowIds',
		type: 'string',
		default: '',
		placeholder: 'e.g. wf0001,wf0002',
		description: `HighLevel workflows to start when a call ends, comma-separated, at most ${MAX_CALL_END_WORKFLOWS}`,
	},
	{
		displayName: LABEL.isAgentAsBackupDisabled,
		name: 'isAgentAsBackupDisabled',
		type: 'boolean',
		default: false,
		description: 'Whether to stop the agent from answering as a backup for calls nobody picks up',
	},
	{
		displayName: LABEL.reminderAfterIdleTimeSeconds,
		name: 'reminderAfterIdleTimeSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 20 },
		default: 8,
		description: 'How many seconds of silence before the agent reminds the caller, 1 to 20',
	},
	{
		displayName: LABEL.inboundNumber,
		name: 'inboundNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +15550100001',
		description: 'The location’s phone number the agent answers',
	},
	{
		displayName: LABEL.language,
		name: 'language',
		type: 'options',
		options: languageOptions,
		default: 'en-US',
		description: 'The language the agent speaks',
	},
	{
		displayName: LABEL.maxCallDuration,
		name: 'maxCallDuration',
		type: 'number',
		typeOptions: { minValue: 180, maxValue: 900 },
		default: 300,
		description: 'The longest a call may last, in seconds, 180 to 900',
	},
	{
		displayName: LABEL.numberPoolId,
		name: 'numberPoolId',
		type: 'string',
		default: '',
		description: 'A number pool whose numbers the agent answers',
	},
	{
		displayName: LABEL.patienceLevel,
		name: 'patienceLevel',
		type: 'options',
		options: [
			{ name: 'High', value: 'high', description: 'Waits longest before speaking' },
			{ name: 'Low', value: 'low', description: 'Answers quickly' },
			{ name: 'Medium', value: 'medium' },
		],
		default: 'high',
		description: 'How long the agent waits for the caller to finish speaking',
	},
	{
		displayName: LABEL.sendPostCallNotificationTo,
		name: 'sendPostCallNotificationTo',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Notification Settings',
		description:
			'Who gets an e-mail after each call. All five settings are sent together, as HighLevel requires.',
		options: [
			{
				displayName: 'Settings',
				name: 'settings',
				values: [
					{
						displayName: 'Custom Emails',
						name: 'customEmails',
						type: 'string',
						default: '',
						placeholder: 'e.g. frontdesk@example.com',
						description: 'Other addresses to notify, comma-separated',
					},
					{
						displayName: 'Notify Admins',
						name: 'admins',
						type: 'boolean',
						default: true,
						description: 'Whether to notify the location’s admins',
					},
					{
						displayName: 'Notify All Users',
						name: 'allUsers',
						type: 'boolean',
						default: false,
						description: 'Whether to notify every user of the location',
					},
					{
						displayName: 'Notify Contact’s Assigned User',
						name: 'contactAssignedUser',
						type: 'boolean',
						default: false,
						description: 'Whether to notify the user the caller’s contact is assigned to',
					},
					{
						displayName: 'Specific User IDs',
						name: 'specificUsers',
						type: 'string',
						default: '',
						description: 'Users to notify, comma-separated IDs',
					},
				],
			},
		],
	},
	{
		displayName: LABEL.sendUserIdleReminders,
		name: 'sendUserIdleReminders',
		type: 'boolean',
		default: true,
		description: 'Whether the agent reminds a caller who has gone silent',
	},
	{
		displayName: LABEL.timezone,
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. America/New_York',
		description:
			'The timezone of the working hours: an IANA name of the form Region/City (HighLevel accepts two parts only)',
	},
	{
		displayName: LABEL.translation,
		name: 'translation',
		type: 'fixedCollection',
		default: {},
		placeholder: 'Add Translation Settings',
		description:
			'Translation of the call for agents that do not speak English (en-US): into the agent’s language or English',
		options: [
			{
				displayName: 'Settings',
				name: 'settings',
				values: [
					{
						displayName: 'Enabled',
						name: 'enabled',
						type: 'boolean',
						default: false,
						description:
							'Whether to translate; only for an agent whose language is not English (en-US)',
					},
					{
						displayName: 'Language',
						name: 'language',
						type: 'options',
						options: languageOptions,
						default: 'en-US',
						description: 'The agent’s language or English (en-US); required when enabled',
					},
				],
			},
		],
	},
	{
		displayName: LABEL.voiceId,
		name: 'voiceId',
		type: 'string',
		default: '',
		placeholder: 'e.g. 21m00Tcm4TlvDq8ikWAM',
		description:
			'The voice’s ID as HighLevel lists it: the 20-character ElevenLabs voice ID, not a 24-character HighLevel ID',
	},
	{
		displayName: LABEL.welcomeMessage,
		name: 'welcomeMessage',
		type: 'string',
		default: '',
		description: `What the agent says when it answers, 1 to ${MAX_WELCOME_MESSAGE} characters`,
	},
	{
		displayName: LABEL.agentWorkingHours,
		name: 'agentWorkingHours',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		placeholder: 'Add Interval',
		description:
			'When the agent answers, one interval per row. Added without any interval, the agent answers around the clock.',
		options: [
			{
				displayName: 'Interval',
				name: 'intervals',
				values: [
					{
						displayName: 'Day',
						name: 'dayOfTheWeek',
						type: 'options',
						options: WEEKDAY_OPTIONS,
						default: 1,
					},
					hourField('Start Hour', 'startHour', 9),
					minuteField('Start Minute', 'startMinute'),
					hourField('End Hour', 'endHour', 17),
					minuteField('End Minute', 'endMinute'),
				],
			},
		],
	},
];

const workingHoursJson: INodeProperties = {
	displayName: WORKING_HOURS_JSON,
	name: 'agentWorkingHoursJson',
	type: 'json',
	default: '[]',
	description:
		'Working Hours in HighLevel’s form, for mapping them from another agent: its agentWorkingHours, as Get Agent outputs them. An empty list means around the clock. Use instead of Working Hours.',
};

/** "Agent Fields" (Create) or "Update Fields" (Update). */
export function agentFieldsCollection(
	name: 'agentFields' | 'updateFields',
	displayName: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...agentFieldOptions, workingHoursJson].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}
