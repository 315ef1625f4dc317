import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { idOf } from '../helpers/agent';
import { ACTION_TYPE_LABELS, MAX_PAGE_SIZE } from '../helpers/constants';
import { callLabel } from '../helpers/pickers';
import { InvalidInputError, optionalId } from '../helpers/validation';
import { DEFAULT_TRANSPORT_OPTIONS, VoiceAiClient } from '../transport';
import { readAuthentication } from '../transport/credentials';
import type { Scope } from '../transport';
import { readList } from '../transport/paging';

/**
 * The pickers' lists ("From List" of a resource locator), one export per picker. Each reads one
 * page of HighLevel's list per call and hands n8n the next page number as `paginationToken`.
 */

/** With a search text, at most this many pages of calls are read per call before answering. */
const MAX_SEARCHED_PAGES = 5;
/** Agent names for the call labels: enough for any real location, bounded for a runaway one. */
const MAX_NAMED_AGENTS = 1000;

const isObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/** A page number from n8n's token: the first page for none (or anything that is not a page). */
function pageOf(paginationToken: string | undefined): number {
	const page = Number(paginationToken);
	return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/** Connects with the node's credential; what goes wrong reaches the editor as an n8n error. */
async function withClient<T>(
	context: ILoadOptionsFunctions,
	work: (client: VoiceAiClient) => Promise<T>,
): Promise<T> {
	try {
		const authentication = readAuthentication(
			context.getNodeParameter('authentication', 'privateIntegrationToken'),
		);
		return await work(
			await VoiceAiClient.connect(context, DEFAULT_TRANSPORT_OPTIONS, authentication),
		);
	} catch (error) {
		throw asNodeError(context, error);
	}
}

function asNodeError(context: ILoadOptionsFunctions, error: unknown) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), error.message, { description: error.hint });
	}
	return new NodeOperationError(context.getNode(), error as Error);
}

/** One page of a HighLevel list, with whether another page follows it. */
async function listPage(
	client: VoiceAiClient,
	request: { path: string; listKey: string; noun: string; scope: Scope; qs: IDataObject },
	page: number,
): Promise<{ entries: IDataObject[]; more: boolean }> {
	const body = await client.request({
		path: request.path,
		qs: { ...request.qs, page, pageSize: MAX_PAGE_SIZE },
		scope: request.scope,
		subject: { noun: `${request.noun} list` },
		check: (answer) =>
			Array.isArray(answer[request.listKey]) || answer.total === 0
				? undefined
				: `has no "${request.listKey}" list`,
	});
	const list = body[request.listKey];
	const entries = (Array.isArray(list) ? list : []).filter(isObject);
	const total = typeof body.total === 'number' ? body.total : undefined;
	const more =
		total !== undefined
			? page * MAX_PAGE_SIZE < total && entries.length > 0
			: entries.length >= MAX_PAGE_SIZE;
	return { entries, more };
}

/** Agents of the location, by name; HighLevel searches the names (`query`). */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await withClient(this, async (client) => {
		const page = pageOf(paginationToken);
		const query = filter?.trim();
		const { entries, more } = await listPage(
			client,
			{
				path: '/voice-ai/agents',
				listKey: 'agents',
				noun: 'agent',
				scope: 'voice-ai-agents.readonly',
				qs: query ? { query } : {},
			},
			page,
		);
		const results: INodeListSearchItems[] = [];
		for (const agent of entries) {
			const id = idOf(agent);
			if (id === undefined) continue;
			const name = typeof agent.agentName === 'string' && agent.agentName ? agent.agentName : id;
			results.push({ name, value: id });
		}
		return { results, ...(more && { paginationToken: String(page + 1) }) };
	});
}

/**
 * The agents' names for the call labels. A token that may not list agents still gets its calls,
 * labelled with agent IDs: a picker must not fail for a scope it only needs for decoration.
 */
async function agentNames(client: VoiceAiClient): Promise<Map<string, string>> {
	try {
		const { entries } = await readList<IDataObject>(client, {
			path: '/voice-ai/agents',
			qs: {},
			listKey: 'agents',
			noun: { one: 'agent', many: 'agents' },
			scope: 'voice-ai-agents.readonly',
			limit: MAX_NAMED_AGENTS,
			idOf,
		});
		const names = new Map<string, string>();
		for (const agent of entries) {
			const id = idOf(agent);
			if (id && typeof agent.agentName === 'string') names.set(id, agent.agentName);
		}
		return names;
	} catch {
		return new Map();
	}
}

/**
 * Recent calls of the location, newest first, labelled with time (in the workflow's timezone),
 * caller number and agent. HighLevel cannot search calls, so a search text is matched here against
 * the labels and IDs, reading up to MAX_SEARCHED_PAGES pages per call until something matches.
 */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const timeZone = this.getTimezone();
	return await withClient(this, async (client) => {
		const names = await agentNames(client);
		const wanted = filter?.trim().toLowerCase() ?? '';
		const results: INodeListSearchItems[] = [];
		let page = pageOf(paginationToken);
		for (let read = 0; read < (wanted ? MAX_SEARCHED_PAGES : 1); read++) {
			const { entries, more } = await listPage(
				client,
				{
					path: '/voice-ai/dashboard/call-logs',
					listKey: 'callLogs',
					noun: 'call log',
					scope: 'voice-ai-dashboard.readonly',
					qs: { sortBy: 'createdAt', sort: 'descend' },
				},
				page,
			);
			for (const call of entries) {
				if (typeof call.id !== 'string' || call.id === '') continue;
				const name = callLabel(call, names, timeZone);
				if (wanted && !`${name} ${call.id}`.toLowerCase().includes(wanted)) continue;
				results.push({ name, value: call.id });
			}
			page++;
			if (!more) return { results };
			if (results.length > 0) break;
		}
		return { results, paginationToken: String(page) };
	});
}

/** The actions of the agent chosen in the node's Agent parameter, as `GET` of the agent lists them. */
export async function searchAgentActions(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	let agentId: string | undefined;
	try {
		agentId = optionalId('Agent', this.getCurrentNodeParameter('agentId', { extractValue: true }));
	} catch (error) {
		throw new NodeOperationError(this.getNode(), (error as Error).message);
	}
	if (agentId === undefined) {
		throw new NodeOperationError(this.getNode(), 'Choose the agent first', {
			description: 'The list shows the actions of the agent chosen in "Agent".',
		});
	}
	const id = agentId;
	return await withClient(this, async (client) => {
		const agent = await client.request({
			path: `/voice-ai/agents/${id}`,
			scope: 'voice-ai-agents.readonly',
			subject: { noun: 'agent', id },
		});
		const wanted = filter?.trim().toLowerCase() ?? '';
		const results: INodeListSearchItems[] = [];
		for (const action of Array.isArray(agent.actions) ? agent.actions : []) {
			const actionId = idOf(action);
			if (actionId === undefined || !isObject(action)) continue;
			const type = String(action.actionType ?? '');
			const label = ACTION_TYPE_LABELS[type as keyof typeof ACTION_TYPE_LABELS] ?? type;
			const name = `${typeof action.name === 'string' && action.name ? action.name : actionId} (${label})`;
			if (wanted && !`${name} ${actionId}`.toLowerCase().includes(wanted)) continue;
			results.push({ name, value: actionId });
		}
		return { results };
	});
}
