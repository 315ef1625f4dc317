import type { INodeProperties } from 'n8n-workflow';

import type { ParameterReader } from '../helpers/interfaces';
import { booleanValue } from '../helpers/validation';

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

/** Whether the output is redacted (the default). */
export function readRedact(parameter: ParameterReader): boolean {
	const options = (parameter('options', {}) ?? {}) as Record<string, unknown>;
	return booleanValue('Redact Secrets', options.redactSecrets ?? true);
}
