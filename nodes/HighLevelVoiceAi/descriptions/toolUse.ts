import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * What changes when n8n makes its "HighLevel Voice AI Tool" variant of the node (usableAsTool) for
 * an AI Agent. n8n builds that variant at run time from this description as it is (it does not
 * apply `usableAsTool.replacements` there), so everything tool-specific lives in properties shown
 * with `'@tool': [true]`, which n8n shows only on the variant whose type name ends in "Tool".
 *
 * - A `toolDescription` per operation: what the model reads about the tool. Because the node has
 *   its own, n8n does not add its "Set Automatically" one (`{action} in HighLevel Voice AI`).
 * - The ids an operation needs default to `$fromAI(...)` in "By ID" mode, so the tool works once
 *   dropped onto an agent and the model sees each id, with a description, in the tool's schema.
 * - Call Log output defaults to one item per call, and the output is bounded for the model
 *   (output/toolOutput.ts) unless "Output Size for the Agent" says otherwise.
 */

/** The display condition n8n evaluates as "the node is the tool variant". */
const TOOL_VARIANT = { '@tool': [true] };

/** Per resource and operation: what the tool does, what it returns, which ids it needs. */
export const TOOL_DESCRIPTIONS: Record<string, Record<string, string>> = {
	callLog: {
		get: 'Get one HighLevel Voice AI phone call by its call ID (callId). Returns the call log: who called (fromNumber, contactId), which agent answered (agentId), when (createdAt), how long (duration, in seconds), the summary, the transcript (long texts are cut), the data the agent extracted (extractedData) and the actions it executed during the call (executedActions: type, name and time of each). Use it when you know the call ID; to find calls, list call logs.',
		getAll:
			'List HighLevel Voice AI phone calls, newest first, as filtered in this tool. Each result is one call log: its id (the callId of that call), agentId, contactId, fromNumber, createdAt, duration in seconds, summary, transcript (long texts are cut), extractedData and executedActions (type, name and time of each action the agent took). Use it to find calls or to answer questions about recent calls. At most 20 results come back; a last item with a "note" says when more were left out.',
	},
	agent: {
		create:
			'Create a HighLevel Voice AI agent with the settings configured in this tool. Returns the new agent with its id (agentId).',
		delete:
			'Delete the HighLevel Voice AI agent with the given agent ID (agentId), with its actions. This cannot be undone. Returns {"deleted": true, "id": agentId}.',
		get: 'Get one HighLevel Voice AI agent by its agent ID (agentId). Returns its main settings: agentName, businessName, inboundNumber, language, timezone, voiceId, maxCallDuration, welcomeMessage, and its actions (each with id, name and type). Use it to answer how an agent is set up or to find its action IDs.',
		getAll:
			'List the HighLevel Voice AI agents of the location. Each result is one agent with its id (agentId), agentName, businessName, language and other settings. Use it to find an agent ID by the agent\'s name. At most 20 results come back; a last item with a "note" says when more were left out.',
		update:
			'Change the HighLevel Voice AI agent with the given agent ID (agentId): the settings configured in this tool are set, the others keep their values. Returns the updated agent.',
	},
	agentAction: {
		create:
			'Add an action, as configured in this tool, to the HighLevel Voice AI agent with the given agent ID (agentId). Returns the new action with its id (actionId), actionType, name and parameters.',
		delete:
			'Remove the action with the given action ID (actionId) from the HighLevel Voice AI agent with the given agent ID (agentId). This cannot be undone. Returns {"deleted": true, "id": actionId, "agentId": agentId}.',
		get: 'Get one action of a HighLevel Voice AI agent by its action ID (actionId). Returns its actionType (for example CALL_TRANSFER, SMS, APPOINTMENT_BOOKING, CUSTOM_ACTION), name, agentId, and when it fires (triggerPrompt, triggerMessage). Action IDs are listed in the agent (get the agent first).',
		update:
			'Change the action with the given action ID (actionId) of the HighLevel Voice AI agent with the given agent ID (agentId), as configured in this tool; what is not configured keeps its value. Returns the updated action.',
	},
};

/** The ids the model supplies, by parameter name: the key it fills and what it is told. */
export const MODEL_ARGUMENTS: Record<string, { key: string; description: string }> = {
	callId: {
		key: 'callId',
		description:
			'The ID of the Voice AI call (the id of a call log), e.g. 507f1f77bcf86cd799439011',
	},
	agentId: {
		key: 'agentId',
		description: 'The ID of the Voice AI agent (the id of an agent), e.g. 507f1f77bcf86cd799439013',
	},
	actionId: {
		key: 'actionId',
		description:
			'The ID of the agent action (the id of one of the agent’s actions), e.g. 507f1f77bcf86cd799439015',
	},
};

/**
 * A value the model fills, written as n8n's editor writes the "Let the model define this
 * parameter" button's, so the editor shows it the same way (and it can be switched back).
 */
export function fromAi(key: string, description: string, type = 'string'): string {
	return `={{ /*n8n-auto-generated-fromAI-override*/ $fromAI('${key}', \`${description}\`, '${type}') }}`;
}

export const TOOL_OUTPUT_SIZES = ['limited', 'all'] as const;
export type ToolOutputSize = (typeof TOOL_OUTPUT_SIZES)[number];

const toolOutputSizeOptions: INodePropertyOptions[] = [
	{
		name: 'Everything',
		value: 'all',
		description:
			'Every item in full. Large answers cost tokens and may not fit in the model’s context.',
	},
	{
		name: 'Limited (Recommended)',
		value: 'limited',
		description:
			'At most 20 items and about 20,000 characters of JSON; texts longer than 2,000 characters (such as transcripts) are cut. A last item with a note says what was left out.',
	},
];

/** Tool variant only: how much of the output reaches the model. */
export const toolOutputSizeProperty: INodeProperties = {
	displayName: 'Output Size for the Agent',
	name: 'toolOutputSize',
	type: 'options',
	noDataExpression: true,
	default: 'limited',
	options: toolOutputSizeOptions,
	description:
		'How much of this tool’s output the AI agent receives. Everything the model reads costs tokens and space in its context.',
	displayOptions: { show: TOOL_VARIANT },
};

/** Tool variant only: one description per operation, shown with that operation. */
export const toolDescriptionProperties: INodeProperties[] = Object.entries(
	TOOL_DESCRIPTIONS,
).flatMap(([resource, operations]) =>
	Object.entries(operations).map(([operation, text]) => ({
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string' as const,
		typeOptions: { rows: 4 },
		default: text,
		description:
			'What the AI agent reads about this tool, with its name and its parameters. Adjust it to what the agent is for.',
		displayOptions: { show: { resource: [resource], operation: [operation], ...TOOL_VARIANT } },
	})),
);

/** The property hidden on the tool variant, where its tool-specific twin is shown instead. */
function outsideToolUse(property: INodeProperties): INodeProperties {
	const hide = property.displayOptions?.hide ?? {};
	return {
		...property,
		displayOptions: { ...property.displayOptions, hide: { ...hide, '@tool': [true] } },
	};
}

/** The twin of `property` on the tool variant, with another default. */
function inToolUse(property: INodeProperties, toolDefault: INodeProperties['default']) {
	const show = property.displayOptions?.show ?? {};
	return {
		...property,
		default: toolDefault,
		displayOptions: { ...property.displayOptions, show: { ...show, ...TOOL_VARIANT } },
	};
}

/** What a top-level property defaults to on the tool variant, if that differs. */
function toolDefaultOf(property: INodeProperties): INodeProperties['default'] | undefined {
	const argument = MODEL_ARGUMENTS[property.name];
	// Only required ids: an optional one in the schema would become one the model must give.
	if (argument && property.type === 'resourceLocator' && property.required === true) {
		return { __rl: true, mode: 'id', value: fromAi(argument.key, argument.description) };
	}
	// Call logs: one item per call is what a model reads best (the actions are inside it).
	if (property.name === 'output' && property.default === 'actions') return 'callLogs';
	// The fields people use, not every field HighLevel has: a model pays for each one it reads.
	if (property.name === 'fields' && property.default === 'raw') return 'simplified';
	return undefined;
}

/**
 * The node's properties with the tool variant's additions: its description first (where n8n puts
 * its own), twins with tool defaults beside the properties they stand in for, the output size last.
 * On an n8n without `@tool` the additions stay hidden and the node behaves as before.
 */
export function withToolUse(properties: INodeProperties[]): INodeProperties[] {
	const result: INodeProperties[] = [...toolDescriptionProperties];
	for (const property of properties) {
		const toolDefault = toolDefaultOf(property);
		if (toolDefault === undefined) result.push(property);
		else result.push(outsideToolUse(property), inToolUse(property, toolDefault));
	}
	result.push(toolOutputSizeProperty);
	return result;
}
