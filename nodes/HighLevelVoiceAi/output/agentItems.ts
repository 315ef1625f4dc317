import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { normaliseAction, normaliseAgent } from '../helpers/agent';
import { redactSecrets } from '../helpers/redact';

/** One agent as one item: `id` always present (HighLevel answers `id` or `_id`), secrets redacted if asked. */
export function agentItem(agent: IDataObject, redact: boolean): INodeExecutionData {
	const json = normaliseAgent(agent);
	return { json: redact ? redactSecrets(json) : json };
}

/**
 * One agent action as one item. HighLevel's answer does not name the agent; when it is known it
 * is added, so a later step (update, delete) has everything it needs.
 */
export function agentActionItem(
	action: IDataObject,
	agentId: string | undefined,
	redact: boolean,
): INodeExecutionData {
	const { id, ...fields } = normaliseAction(action) as IDataObject;
	const json: IDataObject = { id, ...(agentId !== undefined && { agentId }), ...fields };
	return { json: redact ? redactSecrets(json) : json };
}
