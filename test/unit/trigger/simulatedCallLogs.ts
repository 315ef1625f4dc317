import type { IDataObject } from 'n8n-workflow';

import { absorbPage, planPoll } from '../../../nodes/HighLevelVoiceAi/trigger/pollState';
import type {
	CallLogListPage,
	CallLogWindowQuery,
	PageOutcome,
	PollOptions,
	PollRun,
} from '../../../nodes/HighLevelVoiceAi/trigger/pollState';

/** A call as the simulation knows it: when it happened and when HighLevel starts listing it. */
export interface SimulatedCall {
	id: string;
	createdAt: number;
	visibleAt: number;
	/** HighLevel's own order among calls created in the same millisecond (not the id). */
	tieRank?: number;
	/** A listed entry HighLevel should not send: no id, or a createdAt that is not a date. */
	broken?: 'withoutId' | 'withoutCreatedAt';
}

/**
 * `GET /voice-ai/dashboard/call-logs` as the sandbox serves it, at HighLevel time `at`: the calls
 * listed by then with startDate <= createdAt < endDate, sorted by createdAt ascending, one page.
 */
export function listCallLogs(
	calls: readonly SimulatedCall[],
	query: CallLogWindowQuery,
	page: number,
	at: number,
): { total: number; page: number; pageSize: number; callLogs: IDataObject[] } {
	const listed = calls
		.filter(
			(c) => c.visibleAt <= at && c.createdAt >= query.startDate && c.createdAt < query.endDate,
		)
		.sort((a, b) => a.createdAt - b.createdAt || (a.tieRank ?? 0) - (b.tieRank ?? 0));
	const start = (page - 1) * query.pageSize;
	return {
		total: listed.length,
		page,
		pageSize: query.pageSize,
		callLogs: listed.slice(start, start + query.pageSize).map(toCallLog),
	};
}

export function toCallLog(call: SimulatedCall): IDataObject {
	const callLog: IDataObject = {
		id: call.id,
		agentId: 'agent-1',
		createdAt: new Date(call.createdAt).toISOString(),
		duration: 60,
		executedCallActions: [],
	};
	if (call.broken === 'withoutId') delete callLog.id;
	if (call.broken === 'withoutCreatedAt') callLog.createdAt = 'not a date';
	return callLog;
}

export interface PollLimits {
	/** Stop before reading more than this many pages, as the node does when its budget runs out. */
	maxPages?: number;
	/** Reading this page fails: the poll throws and n8n stores nothing. */
	failAtPage?: number;
}

export interface PollResult {
	/** What static data holds after the poll (a JSON copy, as n8n persists it). */
	stored: unknown;
	/** What the poll returned to n8n; nothing when it failed. */
	emitted: IDataObject[];
	failed: boolean;
	run: PollRun;
	outcomes: PageOutcome[];
}

/** The trigger node's poll loop, as documented in pollState.ts, without n8n or HTTP. */
export function pollOnce(
	stored: unknown,
	options: PollOptions,
	fetchPage: (query: CallLogWindowQuery, page: number) => CallLogListPage,
	limits: PollLimits = {},
): PollResult {
	let run = planPoll(stored, options);
	const emitted: IDataObject[] = [];
	const outcomes: PageOutcome[] = [];
	for (let page = 1; page <= (limits.maxPages ?? Infinity); page++) {
		if (page === limits.failAtPage) return { stored, emitted: [], failed: true, run, outcomes };
		const outcome = absorbPage(run, fetchPage(run.query, page), page);
		outcomes.push(outcome);
		emitted.push(...outcome.fresh);
		run = outcome.next;
		if (outcome.lastPage) break;
	}
	return { stored: JSON.parse(JSON.stringify(run.state)), emitted, failed: false, run, outcomes };
}

export const ids = (calls: readonly IDataObject[]) => calls.map((call) => call.id as string);
