import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { CallLog } from '../helpers/callLog';
import { isCallLog } from '../helpers/callLog';
import { MAX_PAGE_SIZE } from '../helpers/constants';
import { InvalidInputError } from '../helpers/validation';
import { callLogItems, reportNotes } from '../output/callLogItems';
import { VoiceAiClient } from '../transport';
import { readAuthentication } from '../transport/credentials';
import type { PollSettings } from './pollParameters';
import { readPollSettings } from './pollParameters';
import type { CallLogListPage } from './pollState';
import { absorbPage, DEFAULT_MAX_SEEN, planPoll, pollScope } from './pollState';

/** Share of n8n's poll budget after which no new page is started (the rest is a safety margin). */
export const BUDGET_SHARE = 0.8;

/**
 * Most pages one poll reads, for n8n versions without a poll budget: enough for every call the
 * state can remember, and an end even if a server kept answering full pages.
 */
export const MAX_PAGES_PER_POLL = Math.ceil(DEFAULT_MAX_SEEN / MAX_PAGE_SIZE);

const CALL_LOG_LIST_PATH = '/voice-ai/dashboard/call-logs';

/**
 * One poll of the New Call trigger. In manual mode ("Fetch Test Event") it returns the newest
 * matching call and leaves the stored state alone. Otherwise it runs the loop pollState.ts
 * documents: the first poll records the calls already there and emits nothing; later polls emit
 * each new call once. Every failure is thrown in plain words, so that n8n stores nothing and the
 * next poll reads the same window again; the state is stored only by the poll that returns its
 * calls. Returns null when there is nothing to emit (n8n then stores the state alone).
 */
export async function pollNewCalls(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const startedAt = Date.now();
	try {
		const settings = readPollSettings((name, fallback) => this.getNodeParameter(name, fallback));
		const authentication = readAuthentication(
			this.getNodeParameter('authentication', 'privateIntegrationToken'),
		);
		const client = await VoiceAiClient.connect(this, settings.transport, authentication);
		if (this.getMode() === 'manual') return await newestCall(this, client, settings);
		return await newCalls(this, client, settings, startedAt);
	} catch (error) {
		throw asTriggerError(this, error);
	}
}

/** The poll itself: plan, read pages oldest first within the budget, emit, then store the state. */
async function newCalls(
	context: IPollFunctions,
	client: VoiceAiClient,
	settings: PollSettings,
	startedAt: number,
): Promise<INodeExecutionData[][] | null> {
	const staticData = context.getWorkflowStaticData('node');
	const scope = pollScope({
		baseUrl: client.settings.baseUrl,
		locationId: client.settings.locationId,
		event: settings.event,
		callType: settings.callType ?? 'BOTH',
		agentId: settings.agentId ?? null,
		actionTypes: settings.actionTypes,
	});
	let run = planPoll(staticData.pollState, {
		scope,
		now: startedAt,
		overlapMs: settings.overlapMs,
	});
	const stopStartingPagesAt = budgetEnd(context, startedAt);

	const fresh: CallLog[] = [];
	const skipped = { withoutId: 0, withoutCreatedAt: 0 };
	let dropped = 0;
	let pagesRead = 0;
	let complete = false;
	for (let page = 1; page <= MAX_PAGES_PER_POLL; page++) {
		// The first page is always read, so that every poll gains ground.
		if (page > 1 && Date.now() >= stopStartingPagesAt) break;
		const response = await listCallLogs(client, { ...listFilters(settings), ...run.query, page });
		const outcome = absorbPage(run, response, page);
		run = outcome.next;
		pagesRead = page;
		fresh.push(...outcome.fresh);
		skipped.withoutId += outcome.skipped.withoutId;
		skipped.withoutCreatedAt += outcome.skipped.withoutCreatedAt;
		dropped += outcome.dropped;
		if (outcome.lastPage) {
			complete = true;
			break;
		}
	}

	// Items are made before the state is stored: if one cannot be made, the poll stores nothing.
	const items = fresh.flatMap((call) => callLogItems(context, call, settings.output));
	reportNotes(context, pageNotes(skipped, dropped));
	context.logger.debug(
		`HighLevel Voice AI Trigger: ${run.mode === 'activate' ? 'recorded the calls already listed' : `${fresh.length} new call(s)`}; ${pagesRead} page(s)${complete ? '' : ', stopped for the poll budget, the next poll goes on'}`,
		{ reason: run.reason, pagesRead, newCalls: fresh.length },
	);
	staticData.pollState = run.state as unknown as IDataObject;
	return items.length > 0 ? [items] : null;
}

/** "Fetch Test Event": the newest call that matches, as items; the stored state is not read. */
async function newestCall(
	context: IPollFunctions,
	client: VoiceAiClient,
	settings: PollSettings,
): Promise<INodeExecutionData[][] | null> {
	const response = await listCallLogs(client, {
		...listFilters(settings),
		sortBy: 'createdAt',
		sort: 'descend',
		page: 1,
		pageSize: 1,
	});
	const call = (response.callLogs as unknown[]).find((entry): entry is CallLog => isCallLog(entry));
	if (!call) {
		throw new NodeOperationError(
			context.getNode(),
			"No call log in HighLevel matches the trigger's settings",
			{
				description:
					'Make a call to the agent (or a trial call, with Call Type "Trial" or "Both"), or widen the filters, then fetch again. Once the workflow is active, the trigger picks up new calls by itself.',
			},
		);
	}
	const items = callLogItems(context, call, settings.output);
	if (items.length === 0) {
		throw new NodeOperationError(
			context.getNode(),
			`The newest matching call, ${call.id}, gives no item: it has no executed actions of the chosen types`,
			{
				description:
					'With "When a Call Has No Actions" set to "Output Nothing", such calls trigger nothing. Choose "Output One Item for the Call" to see them.',
			},
		);
	}
	return [items];
}

/** HighLevel's query parameters for the trigger's filters (the window and paging come on top). */
function listFilters(settings: PollSettings): IDataObject {
	const qs: IDataObject = {};
	if (settings.callType) qs.callType = settings.callType;
	if (settings.agentId) qs.agentId = settings.agentId;
	if (settings.actionTypes.length > 0) qs.actionType = settings.actionTypes.join(',');
	return qs;
}

/** One page of the call-log list; anything else is a NodeApiError from the transport. */
async function listCallLogs(client: VoiceAiClient, qs: IDataObject): Promise<CallLogListPage> {
	const body = await client.request({
		path: CALL_LOG_LIST_PATH,
		qs,
		scope: 'voice-ai-dashboard.readonly',
		subject: { noun: 'call log list' },
		check: (answer) => {
			if (Array.isArray(answer.callLogs)) return undefined;
			// An empty result may leave the list out; anything else must have it.
			if ((answer.callLogs === undefined || answer.callLogs === null) && answer.total === 0)
				return undefined;
			return 'has no "callLogs" list';
		},
	});
	return { callLogs: Array.isArray(body.callLogs) ? body.callLogs : [], total: body.total };
}

/**
 * When to stop starting pages: BUDGET_SHARE of n8n's poll budget (n8n 2.38 and later), so that the
 * poll returns what it read before n8n abandons it. Older n8n sets no budget.
 */
function budgetEnd(context: IPollFunctions, startedAt: number): number {
	const budget =
		typeof context.getPollBudgetMs === 'function' ? context.getPollBudgetMs() : undefined;
	if (typeof budget !== 'number' || !Number.isFinite(budget)) return Number.POSITIVE_INFINITY;
	return startedAt + Math.max(budget, 0) * BUDGET_SHARE;
}

function pageNotes(
	skipped: { withoutId: number; withoutCreatedAt: number },
	dropped: number,
): string[] {
	const notes: string[] = [];
	if (skipped.withoutId > 0) {
		notes.push(
			`HighLevel Voice AI Trigger: skipped ${skipped.withoutId} listed call log(s) without an id; they cannot be told apart across polls`,
		);
	}
	if (skipped.withoutCreatedAt > 0) {
		notes.push(
			`HighLevel Voice AI Trigger: skipped ${skipped.withoutCreatedAt} listed call log(s) without a valid createdAt`,
		);
	}
	if (dropped > 0) {
		notes.push(
			`HighLevel Voice AI Trigger: more calls than it can remember in the Late Call Window; forgot the ${dropped} oldest (a late call older than them would be missed). Shorten the Late Call Window.`,
		);
	}
	return notes;
}

/** Every failure leaves as a NodeApiError or a NodeOperationError, in plain words. */
function asTriggerError(context: IPollFunctions, error: unknown): Error {
	if (error instanceof InvalidInputError) {
		return new NodeOperationError(context.getNode(), error.message, { description: error.hint });
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error);
}
