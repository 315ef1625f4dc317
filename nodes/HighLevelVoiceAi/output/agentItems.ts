import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { AgentOutputSettings } from '../descriptions/agentOutput';
import { normaliseAction, normaliseAgent } from '../helpers/agent';
import { redactSecrets } from '../helpers/redact';
import { selectFields } from '../helpers/simplify';

/**
 * One agent as one item: `id` always present (HighLevel answers `id` or `_id`), secrets redacted
 * if asked, then the fields Output asks for.
 */
export function agentItem(agent: IDataObject, settings: AgentOutputSettings): INodeExecutionData {
	const json = normaliseAgent(agent);
	return {
		json: selectFields(settings.redact ? redactSecrets(json) : json, 'agent', settings.fields),
	};
}

/**
 * One agent action as one item. HighLevel's answer does not name the agent; when it is known it
 * is added, so a later step (update, delete) has everything it needs.
 */
export function agentActionItem(
	action: IDataObject,
	agentId: string | undefined,
	settings: AgentOutputSettings,
): INodeExecutionData {
	const { id, ...fields } = normaliseAction(action) as IDataObject;
	const json: IDataObject = { id, ...(agentId !== undefined && { agentId }), ...fields };
	return {
		json: selectFields(
			settings.redact ? redactSecrets(json) : json,
			'agentAction',
			settings.fields,
		),
	};
}
