import type { IDataObject } from 'n8n-workflow';

import {
	booleanValue,
	emailAddress,
	idList,
	integerInRange,
	InvalidInputError,
	oneOf,
	requireId,
	requireText,
} from './validation';

/**
 * A Voice AI agent's settings: from the node's "Agent Fields" / "Update Fields" to the body of
 * `POST /voice-ai/agents` or `PATCH /voice-ai/agents/{id}`, with every rule of HighLevel's spec
 * (AgentCreationRequestDTO) checked before anything is sent, and HighLevel's answers made uniform.
 */

/** `language` values HighLevel accepts, with the names the node shows. */
export const AGENT_LANGUAGES = {
	'en-US': 'English (US)',
	'pt-BR': 'Portuguese (Brazil)',
	es: 'Spanish',
	fr: 'French',
	de: 'German',
	it: 'Italian',
	'nl-NL': 'Dutch',
	multi: 'Multilingual',
} as const;

export type AgentLanguage = keyof typeof AGENT_LANGUAGES;
const LANGUAGES = Object.keys(AGENT_LANGUAGES) as AgentLanguage[];

export const PATIENCE_LEVELS = ['low', 'medium', 'high'] as const;

/** The spec's pattern for `timezone`: an IANA name of exactly two parts. */
export const TIMEZONE_PATTERN = /^[A-Za-z_]+\/[A-Za-z_]+$/;

export const MAX_AGENT_NAME = 40;
export const MAX_WELCOME_MESSAGE = 190;
export const MAX_CALL_END_WORKFLOWS = 10;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** How the node labels each agent field; messages name the field by its label. */
export const AGENT_FIELD_LABELS = {
	agentName: 'Agent Name',
	agentPrompt: 'Agent Prompt',
	agentWorkingHours: 'Working Hours',
	businessName: 'Business Name',
	callEndWorkflowIds: 'Call-End Workflow IDs',
	inboundNumber: 'Inbound Phone Number',
	isAgentAsBackupDisabled: 'Disable Agent as Backup',
	language: 'Language',
	maxCallDuration: 'Max Call Duration (Seconds)',
	numberPoolId: 'Number Pool ID',
	patienceLevel: 'Patience Level',
	reminderAfterIdleTimeSeconds: 'Idle Reminder After (Seconds)',
	sendPostCallNotificationTo: 'Post-Call Notifications',
	sendUserIdleReminders: 'Send Idle Reminders',
	timezone: 'Timezone',
	translation: 'Translation',
	voiceId: 'Voice ID',
	welcomeMessage: 'Welcome Message',
} as const;

type AgentField = keyof typeof AGENT_FIELD_LABELS;

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** The single entry of a fixedCollection (`{ settings: {...} }`), or undefined when none was added. */
function fixedEntry(value: unknown, key: string): IDataObject | undefined {
	if (!isObject(value)) return undefined;
	const entry = value[key];
	return isObject(entry) ? entry : undefined;
}

function timezone(field: string, value: unknown): string {
	const text = requireText(field, value);
	if (!TIMEZONE_PATTERN.test(text)) {
		throw new InvalidInputError(
			field,
			`${field} ${JSON.stringify(text)} is not a timezone HighLevel accepts`,
			'Use an IANA name of the form Region/City, such as America/New_York or Europe/Berlin; HighLevel accepts only names of exactly two parts.',
		);
	}
	return text;
}

/** Post-Call Notifications: HighLevel wants all five fields whenever the object is sent. */
function postCallNotifications(value: unknown): IDataObject | undefined {
	const label = AGENT_FIELD_LABELS.sendPostCallNotificationTo;
	const settings = fixedEntry(value, 'settings');
	if (!settings) return undefined;
	const emails = settings.customEmails;
	return {
		admins: booleanValue(`${label}: Notify Admins`, settings.admins ?? true),
		allUsers: booleanValue(`${label}: Notify All Users`, settings.allUsers ?? false),
		contactAssignedUser: booleanValue(
			`${label}: Notify Contact's Assigned User`,
			settings.contactAssignedUser ?? false,
		),
		specificUsers: idList(`${label}: Specific User IDs`, settings.specificUsers),
		customEmails: (typeof emails === 'string'
			? emails.split(',')
			: Array.isArray(emails)
				? emails
				: []
		)
			.filter((email) => !(typeof email === 'string' && email.trim() === ''))
			.map((email) => emailAddress(`${label}: Custom Emails`, email)),
	};
}

function minutesOfDay(hour: number, minute: number): string {
	return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The label of the JSON form of Working Hours (for copying them from another agent). */
export const WORKING_HOURS_JSON = 'Working Hours (JSON)';

/**
 * Working Hours as HighLevel lists them (`[{ dayOfTheWeek, intervals: [...] }]`), as JSON text or
 * a list from an expression, e.g. another agent's: checked like the rows of Working Hours.
 */
export function workingHoursFromList(value: unknown): IDataObject[] {
	let list = value;
	let syntaxError: string | undefined;
	if (typeof value === 'string') {
		try {
			list = value.trim() === '' ? [] : JSON.parse(value);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
	}
	if (syntaxError !== undefined || !Array.isArray(list)) {
		throw new InvalidInputError(
			WORKING_HOURS_JSON,
			`${WORKING_HOURS_JSON} must be a JSON list of days${syntaxError ? `: ${syntaxError}` : ''}`,
			'Use HighLevel’s form, e.g. [{"dayOfTheWeek": 1, "intervals": [{"startHour": 9, "startMinute": 0, "endHour": 17, "endMinute": 0}]}], or map agentWorkingHours from Get Agent.',
		);
	}
	const rows = list.flatMap((day: unknown) => {
		const entry = isObject(day) ? day : {};
		const intervals = Array.isArray(entry.intervals) ? entry.intervals : [{}];
		return intervals.map((interval: unknown) => ({
			...(isObject(interval) ? interval : {}),
			dayOfTheWeek: entry.dayOfTheWeek,
		}));
	});
	return workingHours({ intervals: rows }, WORKING_HOURS_JSON);
}

/**
 * Working Hours: one row per interval in the editor, grouped by weekday for HighLevel. Added with
 * no rows, it means "around the clock" (HighLevel's empty list).
 */
export function workingHours(
	value: unknown,
	label: string = AGENT_FIELD_LABELS.agentWorkingHours,
): IDataObject[] {
	const rows = isObject(value) ? value.intervals : undefined;
	if (rows === undefined || rows === null) return [];
	if (!Array.isArray(rows)) {
		throw new InvalidInputError(
			label,
			`${label} must be a list of intervals`,
			'Add one interval per row: a weekday, a start and an end.',
		);
	}
	const byDay = new Map<number, IDataObject[]>();
	rows.forEach((row: unknown, index) => {
		const at = `${label} (row ${index + 1})`;
		const entry = isObject(row) ? row : {};
		const day = integerInRange(`${at}: Day`, entry.dayOfTheWeek, 1, 7);
		const interval = {
			startHour: integerInRange(`${at}: Start Hour`, entry.startHour, 0, 23),
			startMinute: integerInRange(`${at}: Start Minute`, entry.startMinute ?? 0, 0, 59),
			endHour: integerInRange(`${at}: End Hour`, entry.endHour, 0, 23),
			endMinute: integerInRange(`${at}: End Minute`, entry.endMinute ?? 0, 0, 59),
		};
		const start = minutesOfDay(interval.startHour, interval.startMinute);
		const end = minutesOfDay(interval.endHour, interval.endMinute);
		if (end <= start) {
			throw new InvalidInputError(
				at,
				`${at}: ${WEEKDAYS[day - 1]} ends at ${end}, which is not after its start at ${start}`,
				'An interval ends after it starts on the same day; for hours past midnight add a second row on the next day.',
			);
		}
		byDay.set(day, [...(byDay.get(day) ?? []), interval]);
	});
	return [...byDay.keys()]
		.sort((a, b) => a - b)
		.map((dayOfTheWeek) => ({
			dayOfTheWeek,
			intervals: (byDay.get(dayOfTheWeek) ?? []).sort(
				(a, b) =>
					(a.startHour as number) * 60 +
					(a.startMinute as number) -
					((b.startHour as number) * 60 + (b.startMinute as number)),
			),
		}));
}

function translationSettings(value: unknown): IDataObject | undefined {
	const label = AGENT_FIELD_LABELS.translation;
	const settings = fixedEntry(value, 'settings');
	if (!settings) return undefined;
	const enabled = booleanValue(`${label}: Enabled`, settings.enabled ?? false);
	const language =
		settings.language === undefined || settings.language === ''
			? undefined
			: oneOf(`${label}: Language`, settings.language, LANGUAGES);
	return { enabled, ...(language !== undefined && { language }) };
}

/**
 * The spec's translation rules: enabled only for an agent whose language is not en-US, and then
 * a translation language that is the agent's or en-US. `agentLanguage` is undefined when it is not
 * known (an update that does not change it): then only what can be judged without it is checked.
 */
export function checkTranslation(translation: IDataObject, agentLanguage: string | undefined) {
	if (translation.enabled !== true) return;
	const label = AGENT_FIELD_LABELS.translation;
	if (agentLanguage === 'en-US') {
		throw new InvalidInputError(
			label,
			`${label} can be enabled only for an agent whose language is not English (en-US)`,
			'Set Language to the language the agent speaks, or turn translation off.',
		);
	}
	const language = translation.language;
	if (language === undefined) {
		throw new InvalidInputError(
			label,
			`${label}: Language is required when translation is enabled`,
			'Choose the agent’s language or English (en-US) as the translation language.',
		);
	}
	if (agentLanguage !== undefined && language !== agentLanguage && language !== 'en-US') {
		throw new InvalidInputError(
			label,
			`${label}: Language must be the agent’s language (${agentLanguage}) or en-US, but it is ${language}`,
			'HighLevel translates only between the agent’s language and English (en-US).',
		);
	}
}

/** Checks one field and returns the value HighLevel is sent. */
function agentField(key: AgentField, value: unknown): unknown {
	const label = AGENT_FIELD_LABELS[key];
	switch (key) {
		case 'agentName':
			return requireText(label, value, MAX_AGENT_NAME);
		case 'welcomeMessage':
			return requireText(label, value, MAX_WELCOME_MESSAGE);
		case 'businessName':
		case 'agentPrompt':
		case 'voiceId':
		case 'inboundNumber':
			return requireText(label, value);
		case 'numberPoolId':
			return requireId(label, value);
		case 'language':
			return oneOf(label, value, LANGUAGES);
		case 'patienceLevel':
			return oneOf(label, value, PATIENCE_LEVELS);
		case 'maxCallDuration':
			return integerInRange(label, value, 180, 900);
		case 'reminderAfterIdleTimeSeconds':
			return integerInRange(label, value, 1, 20);
		case 'sendUserIdleReminders':
		case 'isAgentAsBackupDisabled':
			return booleanValue(label, value);
		case 'callEndWorkflowIds': {
			const ids = idList(label, value);
			if (ids.length > MAX_CALL_END_WORKFLOWS) {
				throw new InvalidInputError(
					label,
					`${label} lists ${ids.length} workflows; HighLevel allows at most ${MAX_CALL_END_WORKFLOWS}`,
					`Keep at most ${MAX_CALL_END_WORKFLOWS} workflow IDs, separated by commas.`,
				);
			}
			return ids;
		}
		case 'timezone':
			return timezone(label, value);
		case 'sendPostCallNotificationTo':
			return postCallNotifications(value);
		case 'agentWorkingHours':
			return workingHours(value);
		case 'translation':
			return translationSettings(value);
	}
}

/**
 * Turns the fields the user set into an agent body, checking each rule and naming the field that
 * breaks one. `create` applies HighLevel's defaults where a rule depends on them (language en-US);
 * `update` sends only what was set and refuses an empty update.
 */
export function agentBody(values: IDataObject, mode: 'create' | 'update'): IDataObject {
	const body: IDataObject = {};
	for (const key of Object.keys(AGENT_FIELD_LABELS) as AgentField[]) {
		if (values[key] === undefined) continue;
		const value = agentField(key, values[key]);
		if (value !== undefined) body[key] = value as IDataObject[string];
	}
	if (values.agentWorkingHoursJson !== undefined) {
		if (body.agentWorkingHours !== undefined) {
			throw new InvalidInputError(
				WORKING_HOURS_JSON,
				`Set ${AGENT_FIELD_LABELS.agentWorkingHours} or ${WORKING_HOURS_JSON}, not both`,
				'Remove one of the two from the fields.',
			);
		}
		body.agentWorkingHours = workingHoursFromList(values.agentWorkingHoursJson);
	}
	if (mode === 'update' && Object.keys(body).length === 0) {
		throw new InvalidInputError(
			'Update Fields',
			'Update Fields is empty: there is nothing to change',
			'Add the fields to change under "Update Fields".',
		);
	}
	if (isObject(body.translation)) {
		const language = body.language as string | undefined;
		checkTranslation(body.translation, language ?? (mode === 'create' ? 'en-US' : undefined));
	}
	return body;
}

/** An id HighLevel sent as `id` or, as its own example does, `_id`. */
export function idOf(entry: unknown): string | undefined {
	if (!isObject(entry)) return undefined;
	for (const key of ['id', '_id']) {
		const value = entry[key];
		if (typeof value === 'string' && value !== '') return value;
	}
	return undefined;
}

/**
 * A `check` for a request about one agent or action: the answer must carry the id asked for
 * (as `id` or `_id`). Returns what is wrong, or `notTheSubject` when the answer has no id at all.
 */
export function answerCarries(noun: string, wantedId: string | undefined, notTheSubject: string) {
	return (answer: IDataObject): string | undefined => {
		const id = idOf(answer);
		if (id === undefined) return notTheSubject;
		return wantedId === undefined || id === wantedId
			? undefined
			: `is ${noun} ${id}, not the one asked for`;
	};
}

/** An agent action as output: `id` first, whichever key HighLevel used. */
export function normaliseAction(action: unknown): unknown {
	if (!isObject(action)) return action;
	const id = idOf(action);
	return id === undefined ? action : { id, ...withoutIds(action) };
}

function withoutIds(entry: IDataObject): IDataObject {
	const fields = { ...entry };
	delete fields.id;
	delete fields._id;
	return fields;
}

/** An agent as output: `id` always present and first, its actions normalised too. */
export function normaliseAgent(agent: IDataObject): IDataObject {
	const fields = withoutIds(agent);
	const output: IDataObject = { id: idOf(agent) ?? null, ...fields };
	if (Array.isArray(fields.actions)) {
		output.actions = fields.actions.map(normaliseAction) as IDataObject[];
	}
	return output;
}
