import type { IDataObject } from 'n8n-workflow';

import type { ActionType } from './constants';
import { ACTION_TYPE_LABELS, ACTION_TYPES, REDACTED } from './constants';
import {
	booleanValue,
	httpAddress,
	InvalidInputError,
	numberInRange,
	oneOf,
	requireId,
	requireText,
	textList,
} from './validation';

/**
 * An agent action's `actionParameters`: built from the node's fields for the chosen action type,
 * merged with the "Additional Parameters (JSON)" escape hatch, and checked against the rules of
 * HighLevel's spec (the `oneOf` keyed by `actionType`) before anything is sent. Always an object:
 * HighLevel answers a string with HTTP 400.
 */

type Kind =
	| 'text'
	| 'id'
	| 'phone'
	| 'boolean'
	| 'examples'
	| 'count'
	| 'hours'
	| 'url'
	| 'method'
	| 'paths'
	| 'headers'
	| 'parameters'
	| 'secret';

export interface ActionField {
	/** The node parameter's name. */
	name: string;
	/** The node parameter's label, which messages name. */
	label: string;
	/** Where the value goes inside actionParameters. */
	path: [string] | ['apiDetails', string];
	kind: Kind;
	/** The action types that have this field. */
	types: readonly ActionType[];
	/** Required for these types (`selectedPaths` is required for a GET Custom Action only). */
	required: readonly ActionType[];
	description: string;
}

const PROMPTED: ActionType[] = [
	'CALL_TRANSFER',
	'WORKFLOW_TRIGGER',
	'SMS',
	'CUSTOM_ACTION',
	'KNOWLEDGE_BASE',
];
const SPOKEN: ActionType[] = ['CALL_TRANSFER', 'WORKFLOW_TRIGGER', 'SMS', 'CUSTOM_ACTION'];
const EXTRACTION: ActionType[] = ['DATA_EXTRACTION', 'IN_CALL_DATA_EXTRACTION'];
const BOOKING: ActionType[] = ['APPOINTMENT_BOOKING'];
const CUSTOM: ActionType[] = ['CUSTOM_ACTION'];

/** Every documented field of every action type, in the order the node shows them. */
export const ACTION_FIELDS: ActionField[] = [
	{
		name: 'triggerPrompt',
		label: 'Trigger Prompt',
		path: ['triggerPrompt'],
		kind: 'text',
		types: PROMPTED,
		required: PROMPTED,
		description: 'When the agent should run this action, in plain words',
	},
	{
		name: 'triggerMessage',
		label: 'Trigger Message',
		path: ['triggerMessage'],
		kind: 'text',
		types: SPOKEN,
		required: SPOKEN,
		description: 'What the agent says to the caller when it runs this action',
	},
	{
		name: 'transferToValue',
		label: 'Transfer To Phone Number',
		path: ['transferToValue'],
		kind: 'phone',
		types: ['CALL_TRANSFER'],
		required: ['CALL_TRANSFER'],
		description: 'The number to transfer the call to, in international form, e.g. +15550100200',
	},
	{
		name: 'hearWhisperMessage',
		label: 'Hear Whisper Message',
		path: ['hearWhisperMessage'],
		kind: 'boolean',
		types: ['CALL_TRANSFER'],
		required: [],
		description: 'Whether the person the call is transferred to hears a short message first',
	},
	{
		name: 'contactFieldId',
		label: 'Contact Field ID',
		path: ['contactFieldId'],
		kind: 'text',
		types: EXTRACTION,
		required: EXTRACTION,
		description: 'The contact field that receives the value, e.g. email or a custom field’s ID',
	},
	{
		name: 'fieldDescription',
		label: 'Field Description',
		path: ['description'],
		kind: 'text',
		types: EXTRACTION,
		required: EXTRACTION,
		description: 'What the value is, so the agent knows what to listen for',
	},
	{
		name: 'examples',
		label: 'Examples',
		path: ['examples'],
		kind: 'examples',
		types: EXTRACTION,
		required: EXTRACTION,
		description: 'One to five example values',
	},
	{
		name: 'overwriteExistingValue',
		label: 'Overwrite Existing Value',
		path: ['overwriteExistingValue'],
		kind: 'boolean',
		types: EXTRACTION,
		required: [],
		description: 'Whether to replace a value the contact field already has',
	},
	{
		name: 'workflowId',
		label: 'HighLevel Workflow ID',
		path: ['workflowId'],
		kind: 'id',
		types: ['WORKFLOW_TRIGGER'],
		required: ['WORKFLOW_TRIGGER'],
		description: 'The HighLevel workflow to start',
	},
	{
		name: 'messageBody',
		label: 'Message Body',
		path: ['messageBody'],
		kind: 'text',
		types: ['SMS'],
		required: ['SMS'],
		description: 'The text message sent to the caller',
	},
	{
		name: 'calendarId',
		label: 'Calendar ID',
		path: ['calendarId'],
		kind: 'id',
		types: BOOKING,
		required: BOOKING,
		description: 'The HighLevel calendar to book in',
	},
	{
		name: 'daysOfOfferingDates',
		label: 'Days to Offer',
		path: ['daysOfOfferingDates'],
		kind: 'count',
		types: BOOKING,
		required: BOOKING,
		description: 'How many days with free slots the agent offers',
	},
	{
		name: 'slotsPerDay',
		label: 'Slots per Day',
		path: ['slotsPerDay'],
		kind: 'count',
		types: BOOKING,
		required: BOOKING,
		description: 'How many slots the agent offers per day',
	},
	{
		name: 'hoursBetweenSlots',
		label: 'Hours Between Slots',
		path: ['hoursBetweenSlots'],
		kind: 'hours',
		types: BOOKING,
		required: BOOKING,
		description: 'The minimum gap between two offered slots, in hours',
	},
	{
		name: 'apiUrl',
		label: 'API URL',
		path: ['apiDetails', 'url'],
		kind: 'url',
		types: CUSTOM,
		required: CUSTOM,
		description: 'The address the agent calls',
	},
	{
		name: 'apiMethod',
		label: 'API Method',
		path: ['apiDetails', 'method'],
		kind: 'method',
		types: CUSTOM,
		required: CUSTOM,
		description: 'GET reads data for the agent (then pick the response paths); POST sends data',
	},
	{
		name: 'selectedPaths',
		label: 'Response Paths to Extract',
		path: ['selectedPaths'],
		kind: 'paths',
		types: CUSTOM,
		required: [],
		description:
			'Paths in the API’s JSON answer that the agent may use, e.g. data.balance. At least one for GET; none for POST.',
	},
	{
		name: 'authenticationRequired',
		label: 'Authentication Required',
		path: ['apiDetails', 'authenticationRequired'],
		kind: 'boolean',
		types: CUSTOM,
		required: [],
		description: 'Whether the API needs the authentication value below',
	},
	{
		name: 'authenticationValue',
		label: 'Authentication Value',
		path: ['apiDetails', 'authenticationValue'],
		kind: 'secret',
		types: CUSTOM,
		required: [],
		description: 'Sent to the API as its Authorization header, e.g. Bearer <key>',
	},
	{
		name: 'apiHeaders',
		label: 'Headers',
		path: ['apiDetails', 'headers'],
		kind: 'headers',
		types: CUSTOM,
		required: [],
		description: 'Headers sent with every call',
	},
	{
		name: 'apiParameters',
		label: 'Parameters',
		path: ['apiDetails', 'parameters'],
		kind: 'parameters',
		types: CUSTOM,
		required: [],
		description: 'Values the agent collects from the caller and sends to the API',
	},
	{
		name: 'knowledgeBaseId',
		label: 'Knowledge Base ID',
		path: ['knowledgeBaseId'],
		kind: 'id',
		types: ['KNOWLEDGE_BASE'],
		required: ['KNOWLEDGE_BASE'],
		description: 'The HighLevel knowledge base the agent searches',
	},
];

/** The label of the escape hatch, named in messages about what it holds. */
export const ADDITIONAL_PARAMETERS = 'Additional Parameters (JSON)';
/** The label of the whole parameters as JSON (Create, "Using JSON"). */
export const ACTION_PARAMETERS_JSON = 'Action Parameters (JSON)';

export const fieldsOf = (type: ActionType) => ACTION_FIELDS.filter((f) => f.types.includes(type));

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

function getPath(params: IDataObject, path: readonly string[]): unknown {
	let value: unknown = params;
	for (const key of path) value = isObject(value) ? value[key] : undefined;
	return value;
}

function setPath(params: IDataObject, path: readonly string[], value: unknown) {
	let target = params;
	for (const key of path.slice(0, -1)) {
		if (!isObject(target[key])) target[key] = {};
		target = target[key] as IDataObject;
	}
	target[path[path.length - 1]] = value as IDataObject[string];
}

/** Rows of a multi-value fixedCollection (`{ header: [...] }`), or the list an expression gave. */
function rows(field: string, value: unknown, key: string): IDataObject[] {
	const list = isObject(value) ? (value[key] ?? []) : value;
	if (!Array.isArray(list) || !list.every(isObject)) {
		throw new InvalidInputError(
			field,
			`${field} must be a list of rows`,
			`Add ${field} one row at a time, or use an expression that resolves to a list of objects.`,
		);
	}
	return list;
}

/** The editor's value of a field as HighLevel wants it, without checking rules (see checkField). */
function shape(field: ActionField, value: unknown): unknown {
	switch (field.kind) {
		case 'examples':
			return textList(field.label, value);
		case 'paths':
			return textList(field.label, value, true);
		case 'headers':
			return rows(field.label, value, 'header');
		case 'parameters':
			return rows(field.label, value, 'parameter').map((row) => {
				const parameter: IDataObject = {};
				for (const key of ['name', 'description', 'type', 'example']) {
					if (row[key] !== undefined && row[key] !== '') parameter[key] = row[key];
				}
				return parameter;
			});
		default:
			return value;
	}
}

/** One field's rule; returns the value to send (trimmed). */
function checkField(field: ActionField, value: unknown): unknown {
	const { label } = field;
	switch (field.kind) {
		case 'text':
			return requireText(label, value);
		case 'secret':
			return typeof value === 'string' ? value : requireText(label, value);
		case 'id':
			return requireId(label, value);
		case 'phone': {
			const number = requireText(label, value);
			if (!/^\+[0-9]{10,15}$/.test(number)) {
				throw new InvalidInputError(
					label,
					`${label} ${JSON.stringify(number)} must start with "+" and have 11 to 16 characters, all digits after the "+"`,
					'Enter the number in international form without spaces, e.g. +15550100200.',
				);
			}
			return number;
		}
		case 'boolean':
			return booleanValue(label, value);
		case 'examples': {
			const examples = textList(label, value);
			if (examples.length < 1 || examples.length > 5) {
				throw new InvalidInputError(
					label,
					`${label} has ${examples.length} entries; HighLevel needs 1 to 5`,
					'Give between one and five example values.',
				);
			}
			return examples;
		}
		case 'count': {
			const count = numberInRange(label, value, 1, Number.POSITIVE_INFINITY);
			if (!Number.isInteger(count)) {
				throw new InvalidInputError(
					label,
					`${label} must be a whole number, but it is ${count}`,
					`Enter a whole number of 1 or more.`,
				);
			}
			return count;
		}
		case 'hours':
			return numberInRange(label, value, 0, Number.POSITIVE_INFINITY);
		case 'url':
			return httpAddress(label, value);
		case 'method':
			return oneOf(label, value, ['GET', 'POST']);
		case 'paths':
			return textList(label, value, true);
		case 'headers':
			return rows(label, value, 'header').map((row, index) => ({
				key: requireText(`${label} (row ${index + 1}): Name`, row.key),
				value: requireText(`${label} (row ${index + 1}): Value`, row.value),
			}));
		case 'parameters':
			return rows(label, value, 'parameter').map((row, index) => ({
				...row,
				name: requireText(`${label} (row ${index + 1}): Name`, row.name),
			}));
	}
}

/**
 * Reads the fields the user set for `type` (node parameter name → value; absent means not set)
 * into actionParameters. Fields of other types are ignored: a hand-edited workflow may hold them.
 */
export function parametersFromFields(type: ActionType, values: IDataObject): IDataObject {
	const params: IDataObject = {};
	for (const field of fieldsOf(type)) {
		if (values[field.name] === undefined) continue;
		setPath(params, field.path, shape(field, values[field.name]));
	}
	return params;
}

/** "Additional Parameters (JSON)": a JSON object (text from the editor, an object from an expression). */
export function additionalParameters(value: unknown, label = ADDITIONAL_PARAMETERS): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed = value;
	let syntaxError: string | undefined;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
	}
	if (syntaxError !== undefined) {
		throw new InvalidInputError(
			label,
			`${label} is not valid JSON: ${syntaxError}`,
			'Write a JSON object such as {"transferBotType": "Default"}.',
		);
	}
	if (!isObject(parsed)) {
		throw new InvalidInputError(
			label,
			`${label} must be a JSON object`,
			'Write a JSON object such as {"transferBotType": "Default"}; its keys are added to the action’s parameters.',
		);
	}
	return parsed;
}

/** `extra` on top of `base`, objects merged key by key (so `apiDetails` keeps what it had). */
export function mergeParameters(base: IDataObject, extra: IDataObject): IDataObject {
	const merged: IDataObject = { ...base };
	for (const [key, value] of Object.entries(extra)) {
		merged[key] =
			isObject(value) && isObject(merged[key])
				? mergeParameters(merged[key] as IDataObject, value)
				: (value as IDataObject[string]);
	}
	return merged;
}

/** The documented fields `params` sets (for the JSON, which may set any of them). */
export function fieldsSetIn(type: ActionType, params: IDataObject): Set<string> {
	return new Set(
		fieldsOf(type)
			.filter((field) => getPath(params, field.path) !== undefined)
			.map((field) => field.name),
	);
}

/** Where a "[REDACTED]" marker sits in `value`, e.g. "apiDetails.authenticationValue". */
function redactedAt(value: unknown, path: string[] = []): string | undefined {
	if (typeof value === 'string') return value.includes(REDACTED) ? path.join('.') : undefined;
	if (Array.isArray(value)) {
		for (const [index, child] of value.entries()) {
			const found = redactedAt(child, [...path, String(index)]);
			if (found !== undefined) return found;
		}
	} else if (isObject(value)) {
		for (const [key, child] of Object.entries(value)) {
			const found = redactedAt(child, [...path, key]);
			if (found !== undefined) return found;
		}
	}
	return undefined;
}

/**
 * Checks actionParameters for `type` and returns them with every documented value normalised.
 * `only` limits the checks to the fields the user set (an update that keeps the action's type
 * merges onto what HighLevel already holds, which HighLevel accepted); otherwise every required
 * field must be there. A value holding "[REDACTED]" is refused: it is a secret an earlier step hid.
 */
export function checkActionParameters(
	type: ActionType,
	params: IDataObject,
	only?: Set<string>,
	crossFieldRules = true,
): IDataObject {
	const checked = mergeParameters({}, params);
	const touched = (field: ActionField) => !only || only.has(field.name);
	for (const field of fieldsOf(type)) {
		if (!touched(field)) continue;
		const value = getPath(params, field.path);
		if (value === undefined || value === null || value === '') {
			if (!field.required.includes(type)) continue;
			throw new InvalidInputError(
				field.label,
				`${field.label} is required for action type ${ACTION_TYPE_LABELS[type]}`,
				`Enter the ${field.label}, or map it from the previous node.`,
			);
		}
		if (redactedAt(value) !== undefined) {
			throw new InvalidInputError(
				field.label,
				`${field.label} holds "${REDACTED}": it is a secret an earlier step hid, not the real value`,
				'Turn off "Redact Secrets" in the node that read this action (Get Agent or Get Agent Action), or enter the value again.',
			);
		}
		setPath(checked, field.path, checkField(field, value));
	}
	const customTouched = !only || only.has('apiMethod') || only.has('selectedPaths');
	if (type === 'CUSTOM_ACTION' && crossFieldRules && customTouched) {
		const method = getPath(checked, ['apiDetails', 'method']);
		const paths = getPath(checked, ['selectedPaths']);
		const count = Array.isArray(paths) ? paths.length : 0;
		const label = 'Response Paths to Extract';
		if (method === 'GET' && count === 0) {
			throw new InvalidInputError(
				label,
				`${label} is empty: a Custom Action that calls its API with GET needs at least one path`,
				'Add the paths of the values the agent may use from the answer, e.g. data.balance.',
			);
		}
		if (method === 'POST' && count > 0) {
			throw new InvalidInputError(
				label,
				`${label} must be empty for a Custom Action that calls its API with POST`,
				'Remove the paths, or switch API Method to GET.',
			);
		}
	}
	if (type === 'CALL_TRANSFER' && checked.transferToType === undefined) {
		// The spec's only transfer target: a phone number.
		checked.transferToType = 'number';
	}
	return checked;
}

export interface ActionDefinition {
	actionType: ActionType;
	name: string;
	actionParameters: IDataObject;
}

/** What a new action is made of: the fields for its type, then the JSON on top, all checked. */
export function newAction(
	actionType: unknown,
	name: unknown,
	fieldValues: IDataObject,
	additional: unknown,
	jsonLabel = ADDITIONAL_PARAMETERS,
): ActionDefinition {
	const type = oneOf('Action Type', actionType, ACTION_TYPES);
	const actionName = requireText('Action Name', name);
	const extra = additionalParameters(additional, jsonLabel);
	const params = mergeParameters(parametersFromFields(type, fieldValues), extra);
	checkExtraForSecrets(extra, type, jsonLabel);
	return {
		actionType: type,
		name: actionName,
		actionParameters: checkActionParameters(type, params),
	};
}

/** A "[REDACTED]" marker in JSON keys no documented field covers is refused too. */
function checkExtraForSecrets(extra: IDataObject, type: ActionType, label = ADDITIONAL_PARAMETERS) {
	const documented = new Set(fieldsOf(type).map((field) => field.path.join('.')));
	const undocumented: IDataObject = {};
	for (const [key, value] of Object.entries(extra)) {
		if (key === 'apiDetails' && isObject(value)) {
			for (const [inner, child] of Object.entries(value)) {
				if (!documented.has(`apiDetails.${inner}`)) undocumented[`apiDetails.${inner}`] = child;
			}
		} else if (!documented.has(key)) {
			undocumented[key] = value;
		}
	}
	const hidden = redactedAt(undocumented);
	if (hidden !== undefined) {
		throw new InvalidInputError(
			label,
			`${label} holds "${REDACTED}" at ${hidden}: it is a secret an earlier step hid, not the real value`,
			'Turn off "Redact Secrets" in the node that read this action, or enter the value again.',
		);
	}
}

export interface ActionChanges {
	actionType: ActionType;
	/** The new name, if the user set one. */
	name?: string;
	/** The parameters the user set (fields and JSON), checked one by one. */
	parameters: IDataObject;
	/** The documented fields among them. */
	touched: Set<string>;
}

/**
 * Checks an update's input before anything is sent (even the read of the current action): the
 * type, the JSON, the name and each field the user set. Rules that involve what HighLevel holds
 * (a Custom Action's method and paths) wait for the merge (updatedAction).
 */
export function actionChanges(
	actionType: unknown,
	changes: IDataObject,
	additional: unknown,
): ActionChanges {
	const type = oneOf('Action Type', actionType, ACTION_TYPES);
	const extra = additionalParameters(additional);
	checkExtraForSecrets(extra, type);
	const name = changes.name !== undefined ? requireText('Action Name', changes.name) : undefined;
	const parameters = mergeParameters(parametersFromFields(type, changes), extra);
	const touched = fieldsSetIn(type, parameters);
	if (name === undefined && Object.keys(parameters).length === 0) {
		throw new InvalidInputError(
			'Update Fields',
			'Update Fields is empty: there is nothing to change',
			'Add the fields to change under "Update Fields".',
		);
	}
	checkActionParameters(type, parameters, touched, false);
	return { actionType: type, name, parameters, touched };
}

/**
 * An update of an action (HighLevel's PUT replaces it whole): the user's changes on top of what
 * HighLevel holds now. With the same type, parameters merge and only what the user set is checked;
 * a new type starts from nothing, so every required field of the new type must be given.
 */
export function updatedAction(current: IDataObject, changes: ActionChanges): ActionDefinition {
	const { actionType: type, parameters, touched } = changes;
	const name = changes.name ?? requireText('Action Name (held by HighLevel)', current.name);
	if (current.actionType !== type) {
		return { actionType: type, name, actionParameters: checkActionParameters(type, parameters) };
	}
	const base = isObject(current.actionParameters) ? current.actionParameters : {};
	return {
		actionType: type,
		name,
		actionParameters: checkActionParameters(type, mergeParameters(base, parameters), touched),
	};
}
