import type { IDataObject } from 'n8n-workflow';

/**
 * The Output choice every operation and trigger offers, in the shape n8n's guidelines use:
 * Simplified (the fields most workflows use), Raw (everything, as today), or Selected Fields (the
 * user's list). Pure: it picks from items the output pipeline has already made and redacted.
 */

export type FieldsMode = 'simplified' | 'raw' | 'selected';

export const FIELDS_MODES: readonly FieldsMode[] = ['raw', 'selected', 'simplified'];

export type FieldSelection =
	| { mode: 'simplified' }
	| { mode: 'raw' }
	| { mode: 'selected'; fields: readonly string[] };

/** The kinds of item the node outputs; each has its own Simplified view and field list. */
export type ItemShape = 'callLog' | 'executedAction' | 'agent' | 'agentAction';

/**
 * Every top-level field each kind of item has (HighLevel's, or the node's for executed-action
 * items), as "Selected Fields" offers them. HighLevel may add fields; an expression can still
 * name those.
 */
export const ITEM_FIELDS: Record<ItemShape, readonly string[]> = {
	callLog: [
		'agentId',
		'contactId',
		'createdAt',
		'duration',
		'executedCallActions',
		'extractedData',
		'fromNumber',
		'id',
		'isAgentDeleted',
		'messageId',
		'summary',
		'transcript',
		'translation',
		'trialCall',
	],
	executedAction: [
		'actionDescription',
		'actionId',
		'actionIndex',
		'actionName',
		'actionParameters',
		'actionType',
		'agentId',
		'callCreatedAt',
		'callDuration',
		'callId',
		'callSummary',
		'contactId',
		'executedAt',
		'extractedData',
		'fromNumber',
		'messageId',
		'trialCall',
		'triggerReceivedAt',
	],
	agent: [
		'actions',
		'agentName',
		'agentPrompt',
		'agentWorkingHours',
		'businessName',
		'callEndWorkflowIds',
		'id',
		'inboundNumber',
		'isAgentAsBackupDisabled',
		'language',
		'locationId',
		'maxCallDuration',
		'numberPoolId',
		'patienceLevel',
		'reminderAfterIdleTimeSeconds',
		'sendPostCallNotificationTo',
		'sendUserIdleReminders',
		'timezone',
		'translation',
		'voiceId',
		'welcomeMessage',
	],
	agentAction: ['actionParameters', 'actionType', 'agentId', 'id', 'name'],
};

/**
 * The fields of each Simplified view, in output order. Chosen for what a workflow does with the
 * item next, so that it never has to switch to Raw for the usual steps:
 *
 * - a call (one item per call): who called (contactId, fromNumber), which agent answered
 *   (agentId), when and how long (createdAt, duration), what was said (summary, transcript), what
 *   the agent captured (extractedData), and what it did as a short list (executedActions: each
 *   action's type, name and time; the full actions with their parameters stay in Raw, or as one
 *   item each with "One Item Per: Executed Action"). Left out: trialCall (the Call Type filter
 *   already chooses), isAgentDeleted, translation and messageId (the recording option reads it
 *   from the call itself).
 * - an executed action (one item per action): the action (actionType, actionName, executedAt,
 *   actionParameters) with the call it belongs to (callId, agentId, contactId, fromNumber,
 *   callCreatedAt, callSummary, extractedData). Left out: the action's position and ids,
 *   HighLevel's description of it, triggerReceivedAt, the call's duration, trialCall, messageId.
 * - an agent: what identifies it and how it answers (id, agentName, businessName, inboundNumber,
 *   language, timezone, voiceId, maxCallDuration, welcomeMessage) and its actions as a short list
 *   (id, name, actionType). Left out: the prompt (long), working hours, notification and idle
 *   settings. To copy an agent, use Raw: Create needs every setting.
 * - an agent action: id, agentId, name, actionType, and from its parameters the two that say when
 *   it runs and what the agent says (triggerPrompt, triggerMessage). Raw is the default for agent
 *   actions: they have five fields, and copying one needs its parameters.
 *
 * `locationId` is listed for the webhook trigger's items, which name the sub-account of the call.
 */
export const SIMPLIFIED_FIELDS: Record<ItemShape, readonly string[]> = {
	callLog: [
		'id',
		'locationId',
		'agentId',
		'contactId',
		'fromNumber',
		'createdAt',
		'duration',
		'summary',
		'transcript',
		'extractedData',
		'executedActions',
	],
	executedAction: [
		'callId',
		'locationId',
		'agentId',
		'contactId',
		'fromNumber',
		'callCreatedAt',
		'callSummary',
		'extractedData',
		'actionType',
		'actionName',
		'executedAt',
		'actionParameters',
	],
	agent: [
		'id',
		'agentName',
		'businessName',
		'inboundNumber',
		'language',
		'timezone',
		'voiceId',
		'maxCallDuration',
		'welcomeMessage',
		'actions',
	],
	agentAction: ['id', 'agentId', 'name', 'actionType', 'triggerPrompt', 'triggerMessage'],
};

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The named fields of each object in a list; entries that are not objects are left out. */
function compactList(value: unknown, keys: readonly string[]): IDataObject[] | undefined {
	if (!Array.isArray(value)) return undefined;
	return value.filter(isPlainObject).map((entry) => pick(entry, keys));
}

/** The named fields present in `item`, in the order named; absent ones are left out. */
function pick(item: IDataObject, keys: readonly string[]): IDataObject {
	const picked: IDataObject = {};
	for (const key of keys) {
		if (Object.prototype.hasOwnProperty.call(item, key)) {
			// Only an own "__proto__" key (JSON.parse makes those) needs defineProperty to stay data.
			Object.defineProperty(picked, key, {
				value: item[key],
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}
	return picked;
}

/** Fields a Simplified view derives rather than copies, by the field they are made from. */
const DERIVED: Record<ItemShape, (item: IDataObject) => IDataObject> = {
	callLog: (item) => {
		const executedActions = compactList(item.executedCallActions, [
			'actionType',
			'actionName',
			'executedAt',
		]);
		return executedActions ? { executedActions } : {};
	},
	executedAction: () => ({}),
	agent: (item) => {
		const actions = compactList(item.actions, ['id', 'name', 'actionType']);
		return actions ? { actions } : {};
	},
	agentAction: (item) => {
		const parameters = isPlainObject(item.actionParameters) ? item.actionParameters : {};
		return pick(parameters, ['triggerPrompt', 'triggerMessage']);
	},
};

/** The Simplified view of one item. */
export function simplify(item: IDataObject, shape: ItemShape): IDataObject {
	return pick({ ...item, ...DERIVED[shape](item) }, SIMPLIFIED_FIELDS[shape]);
}

/**
 * One item as the Output choice asks: Raw returns it as it is; Simplified its short view;
 * Selected Fields the fields named, in the order named, leaving out those the item does not have
 * (a field HighLevel does not send for this call, or a name it does not use).
 */
export function selectFields(
	item: IDataObject,
	shape: ItemShape,
	selection: FieldSelection,
): IDataObject {
	switch (selection.mode) {
		case 'raw':
			return item;
		case 'simplified':
			return simplify(item, shape);
		default:
			return pick(item, selection.fields);
	}
}
