import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/interfaces';
import type { FieldSelection } from '../helpers/simplify';
import { booleanValue } from '../helpers/validation';
import { outputFieldsProperties, readFieldSelection, selectedFieldsProperty } from './outputFields';

/** Options of the operations that output agents or agent actions. */
export const agentOutputOptions: INodeProperties[] = [
	{
		displayName: 'Redact Secrets',
		name: 'redactSecrets',
		type: 'boolean',
		default: true,
		description:
			'Whether to replace secrets in the output with [REDACTED]: a Custom Action’s authentication value, authorization-like headers, and values named like tokens, keys or passwords. Turn it off only to copy actions elsewhere, for example to clone an agent. Warning: turning this off sends those secrets down the workflow, into execution logs and to any service later steps call.',
	},
];

const SELECTED_AGENT_FIELDS = 'selectedAgentFields';
const SELECTED_AGENT_ACTION_FIELDS = 'selectedAgentActionFields';

/** Output (Simplified, Raw, Selected Fields) for the operations that output an agent. */
export const agentFieldsProperties: INodeProperties[] = [
	...outputFieldsProperties(
		'The fields most workflows use: the agent’s ID, name, business, number, language, timezone, voice, call length, welcome message and a short list of its actions. To copy an agent, choose Raw.',
		{ versioned: true },
	),
	selectedFieldsProperty(SELECTED_AGENT_FIELDS, 'agent'),
];

/** Output for the operations that output an agent action; Raw by default (five fields). */
export const agentActionFieldsProperties: INodeProperties[] = [
	...outputFieldsProperties(
		'The action’s ID, agent, name and type, with the prompt that triggers it and what the agent says then',
		{ versioned: false },
	),
	selectedFieldsProperty(SELECTED_AGENT_ACTION_FIELDS, 'agentAction'),
];

export interface AgentOutputSettings {
	redact: boolean;
	fields: FieldSelection;
}

/** Redact Secrets (on by default) and the Output choice for an agent or an agent action. */
export function readAgentOutput(
	parameter: ParameterReader,
	kind: 'agent' | 'agentAction',
): AgentOutputSettings {
	const options = (parameter('options', {}) ?? {}) as Record<string, unknown>;
	return {
		redact: booleanValue('Redact Secrets', options.redactSecrets ?? true),
		fields: readFieldSelection(
			parameter,
			kind === 'agent' ? SELECTED_AGENT_FIELDS : SELECTED_AGENT_ACTION_FIELDS,
		),
	};
}
