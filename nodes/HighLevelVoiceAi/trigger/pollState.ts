/**
 * Exactly-once state for the HighLevel Voice AI polling trigger (event: New Call).
 *
 * Why every call is emitted once. Each poll lists the calls created in [horizon, now + margin],
 * oldest first, where the horizon trails the watermark, the newest createdAt read so far, by the
 * overlap. The watermark comes from calls HighLevel already listed, so it never runs ahead of
 * HighLevel's clock: a call listed less than the overlap after its createdAt is still inside the
 * window of the first poll that reads past it, so it is not missed. The state keeps the id of every
 * call it handled that was created at or after the horizon, and counts anything older as handled,
 * so no call is emitted twice. Because pages are read oldest first, a poll cut short by its time
 * budget has handled a prefix, and the state it returns makes the next poll deliver exactly the
 * rest. n8n stores that state only together with the items of the same poll, and a poll that
 * throws stores nothing. The precise bound is: the delay before a log is listed, plus one poll's
 * duration, plus how far n8n's clock runs ahead of HighLevel's, must stay below the overlap. The
 * default overlap of 30 min covers calls of up to 15 min and a poll budget of up to 5 min.
 *
 * Limits. Calls listed before the activation has read its whole window count as history and are
 * not emitted. Each poll reads the whole overlap window again (late logs can land anywhere in it),
 * so the calls created in one overlap must fit in the pages one poll can read; otherwise polls
 * stop gaining ground. Beyond `maxSeen` remembered ids the oldest are forgotten (`dropped`): they
 * are never emitted twice, but a late call created before them is missed. Within a page, `fresh`
 * is oldest first. Across pages it is oldest first too, except for calls listed while the poll
 * reads.
 *
 * How the trigger node uses it (pure functions: no I/O, inputs are never modified):
 *
 *   let run = planPoll(staticData.pollState, { scope, now: Date.now(), overlapMs });
 *   const calls = [];
 *   for (let page = 1; before the poll budget runs out; page++) {
 *     const response = await listCallLogs({ ...filters, ...run.query, page }); // throws on failure
 *     const outcome = absorbPage(run, response, page);
 *     calls.push(...outcome.fresh); run = outcome.next; // log outcome.skipped / outcome.dropped
 *     if (outcome.lastPage) break;
 *   }
 *   staticData.pollState = run.state;                 // assigned last, never before a throw
 *   return calls.length ? [items from calls] : null;  // null still stores the state
 *
 * An activation run (`run.mode === 'activate'`) emits nothing: it records the calls already listed
 * so that history is not replayed. If it is cut short, the next poll continues it. On an API error
 * after some pages, either throw (nothing is stored, the next poll repeats the window) or return
 * what was absorbed with `run.state`, as after a budget cut; never store a state without its items.
 * In manual mode ("Fetch Test Event") the node must not call these functions nor touch the stored
 * state: it fetches a sample (the newest call) instead.
 */
import type { IDataObject } from 'n8n-workflow';

import { MAX_PAGE_SIZE } from '../helpers/constants';
import type { CallLog } from '../helpers/interfaces';

export const POLL_STATE_VERSION = 1;

/** How late (after its createdAt) a call log may first be listed and still be emitted. */
export const DEFAULT_OVERLAP_MS = 30 * 60 * 1000;

/** How far past n8n's "now" a poll lists calls, because HighLevel's clock may be ahead. */
export const DEFAULT_FUTURE_MARGIN_MS = 5 * 60 * 1000;

/** Most call ids the state remembers; past this the oldest are dropped (see `PageOutcome`). */
export const DEFAULT_MAX_SEEN = 10_000;

export type PollPhase = 'activating' | 'polling';

/**
 * What the trigger keeps in workflow static data between polls (JSON, assignable to IDataObject).
 * Calls created before `horizon` count as handled; `seen` holds every handled id created at or
 * after it, as [id, createdAt ms] pairs sorted by createdAt then id (pairs rather than an object,
 * so that no id can collide with an object key such as `__proto__`).
 */
export type PollState = {
	version: typeof POLL_STATE_VERSION;
	/** Location and filters the state belongs to; another scope starts over. */
	scope: string;
	/** 'activating' until one activation run has read its window to the last page. */
	phase: PollPhase;
	/** Newest createdAt (ms) read so far, and at least the activation time. */
	watermark: number;
	horizon: number;
	seen: Array<[string, number]>;
};

export interface PollOptions {
	/** Location and filters, as one stable string (see `pollScope`). */
	scope: string;
	/** n8n's clock, epoch ms. */
	now: number;
	overlapMs?: number;
	futureMarginMs?: number;
	/** 1 to 50; defaults to 50. */
	pageSize?: number;
	maxSeen?: number;
}

/** The query parameters of `GET /voice-ai/dashboard/call-logs` that the poll owns. */
export interface CallLogWindowQuery {
	startDate: number;
	endDate: number;
	sortBy: 'createdAt';
	sort: 'ascend';
	pageSize: number;
}

/** Why a run is what it is: the first four make an activation run, 'newCalls' a normal one. */
export type PollReason =
	| 'firstPoll'
	| 'unreadableState'
	| 'scopeChanged'
	| 'activationUnfinished'
	| 'newCalls';

/** One poll in progress: planned by `planPoll`, advanced page by page by `absorbPage`. */
export interface PollRun {
	mode: 'activate' | 'poll';
	reason: PollReason;
	query: CallLogWindowQuery;
	/** The state to store if the poll ends now. */
	state: PollState;
	overlapMs: number;
	maxSeen: number;
}

export interface PageOutcome {
	/** Calls not handled before, oldest first (equal createdAt: by id). Always empty when activating. */
	fresh: CallLog[];
	/** The run after this page; pass it to the next `absorbPage`, store `next.state` at the end. */
	next: PollRun;
	/** No page follows this one (short page, or `total` reached). */
	lastPage: boolean;
	/**
	 * Entries that cannot be placed and are never emitted: without a non-empty string `id` (no way
	 * to tell them apart across polls), or without an ISO `createdAt` (no place in the window;
	 * HighLevel's date filter would not return them anyway). Worth a warning in the node's log.
	 */
	skipped: { withoutId: number; withoutCreatedAt: number };
	/**
	 * Ids forgotten because the state held more than `maxSeen`. The horizon moves past them, so
	 * they are never emitted again, but a late call created before the new horizon would be missed.
	 */
	dropped: number;
}

/** What `absorbPage` reads from a list response; the transport's page object fits. */
export interface CallLogListPage {
	callLogs?: unknown;
	total?: unknown;
}

/**
 * Decides what this poll does. An activation run ('firstPoll', 'unreadableState', 'scopeChanged'
 * (a reset, as n8n's Google Sheets trigger does when the document changes) or
 * 'activationUnfinished') records the listed calls without emitting them; a normal run emits the
 * new ones. Throws on invalid options only; a stored state it cannot read starts over.
 */
export function planPoll(stored: unknown, options: PollOptions): PollRun {
	const { scope, now } = options;
	const overlapMs = options.overlapMs ?? DEFAULT_OVERLAP_MS;
	const futureMarginMs = options.futureMarginMs ?? DEFAULT_FUTURE_MARGIN_MS;
	const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
	const maxSeen = options.maxSeen ?? DEFAULT_MAX_SEEN;
	if (typeof scope !== 'string') throw new Error('The poll scope must be a string');
	requireNumber(now, 'now', Number.isFinite(now));
	requireNumber(overlapMs, 'overlapMs', Number.isFinite(overlapMs) && overlapMs > 0);
	requireNumber(
		futureMarginMs,
		'futureMarginMs',
		Number.isFinite(futureMarginMs) && futureMarginMs >= 0,
	);
	requireNumber(
		pageSize,
		'pageSize',
		Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= MAX_PAGE_SIZE,
	);
	requireNumber(maxSeen, 'maxSeen', Number.isInteger(maxSeen) && maxSeen >= 1);

	const previous = readPollState(stored);
	let reason: PollReason;
	let state: PollState;
	if (!previous) {
		reason = stored === undefined || stored === null ? 'firstPoll' : 'unreadableState';
		state = activationState(scope, now, overlapMs);
	} else if (previous.scope !== scope) {
		reason = 'scopeChanged';
		state = activationState(scope, now, overlapMs);
	} else {
		reason = previous.phase === 'activating' ? 'activationUnfinished' : 'newCalls';
		// A smaller overlap than last time takes effect now; a larger one grows the window only as
		// the watermark moves, so calls the old window no longer covered are not replayed.
		const horizon = Math.max(previous.horizon, previous.watermark - overlapMs);
		state = {
			...previous,
			horizon,
			seen: previous.seen.filter(([, createdAt]) => createdAt >= horizon),
		};
	}
	const startDate = Math.floor(state.horizon);
	// HighLevel wants startDate < endDate; n8n's clock may have gone back since the last poll.
	const endDate = Math.max(Math.floor(now + futureMarginMs), startDate + 1);
	return {
		mode: state.phase === 'activating' ? 'activate' : 'poll',
		reason,
		query: { startDate, endDate, sortBy: 'createdAt', sort: 'ascend', pageSize },
		state,
		overlapMs,
		maxSeen,
	};
}

/**
 * Takes one page of the run's query (`page` is the 1-based number requested) and returns the calls
 * to emit and the run to continue with. Duplicates within the page, or from earlier pages (pages
 * shift when calls are listed while the poll reads), are emitted once. Throws only when the
 * response has no `callLogs` list: the poll should then fail and store nothing.
 */
export function absorbPage(run: PollRun, response: CallLogListPage, page: number): PageOutcome {
	const callLogs = isPlainObject(response) ? response.callLogs : undefined;
	if (!Array.isArray(callLogs)) {
		throw new Error('HighLevel answered the call-log list without a callLogs list');
	}
	const { state, query, overlapMs, maxSeen } = run;
	const skipped = { withoutId: 0, withoutCreatedAt: 0 };
	const placed: Array<{ call: CallLog; id: string; createdAt: number }> = [];
	for (const entry of callLogs as unknown[]) {
		if (!isPlainObject(entry) || typeof entry.id !== 'string' || entry.id === '') {
			skipped.withoutId++;
			continue;
		}
		const createdAt = typeof entry.createdAt === 'string' ? Date.parse(entry.createdAt) : NaN;
		if (!Number.isFinite(createdAt)) {
			skipped.withoutCreatedAt++;
			continue;
		}
		placed.push({ call: entry as CallLog, id: entry.id, createdAt });
	}
	placed.sort((a, b) => a.createdAt - b.createdAt || compareIds(a.id, b.id));

	const seen = new Map(state.seen);
	const fresh: CallLog[] = [];
	let newest = -Infinity;
	for (const { call, id, createdAt } of placed) {
		if (createdAt < state.horizon) continue;
		newest = Math.max(newest, createdAt);
		const known = seen.get(id);
		if (known === undefined) {
			if (run.mode === 'poll') fresh.push(call);
			seen.set(id, createdAt);
		} else if (createdAt > known) {
			// Kept at its latest createdAt, so it stays remembered as long as it can be listed.
			seen.set(id, createdAt);
		}
	}

	// A createdAt past the requested window (a server ignoring the filter, a bogus date) must not
	// drag the horizon ahead of the calls still to come.
	const watermark = Math.max(state.watermark, Math.min(newest, query.endDate));
	let horizon = Math.max(state.horizon, watermark - overlapMs);
	let kept = [...seen].filter(([, createdAt]) => createdAt >= horizon);
	kept.sort((a, b) => a[1] - b[1] || compareIds(a[0], b[0]));
	let dropped = 0;
	if (kept.length > maxSeen) {
		// Forget the oldest, and everything created in the same millisecond, so that the horizon
		// separates remembered calls from forgotten ones and none of them is emitted twice.
		horizon = Math.max(horizon, kept[kept.length - maxSeen - 1][1] + 1);
		const remaining = kept.filter(([, createdAt]) => createdAt >= horizon);
		dropped = kept.length - remaining.length;
		kept = remaining;
	}

	const total = isPlainObject(response) ? response.total : undefined;
	const lastPage =
		callLogs.length < query.pageSize ||
		(typeof total === 'number' && Number.isFinite(total) && page * query.pageSize >= total);
	const phase: PollPhase = run.mode === 'activate' && lastPage ? 'polling' : state.phase;
	return {
		fresh,
		next: { ...run, state: { ...state, phase, watermark, horizon, seen: kept } },
		lastPage,
		skipped,
		dropped,
	};
}

/** The stored state if it is one this version wrote, else undefined (the next poll activates). */
export function readPollState(stored: unknown): PollState | undefined {
	if (!isPlainObject(stored)) return undefined;
	const { version, scope, phase, watermark, horizon, seen } = stored;
	if (
		version !== POLL_STATE_VERSION ||
		typeof scope !== 'string' ||
		(phase !== 'activating' && phase !== 'polling') ||
		typeof watermark !== 'number' ||
		!Number.isFinite(watermark) ||
		typeof horizon !== 'number' ||
		!Number.isFinite(horizon) ||
		!Array.isArray(seen)
	) {
		return undefined;
	}
	const pairs: Array<[string, number]> = [];
	for (const pair of seen as unknown[]) {
		if (
			!Array.isArray(pair) ||
			pair.length !== 2 ||
			typeof pair[0] !== 'string' ||
			typeof pair[1] !== 'number' ||
			!Number.isFinite(pair[1])
		) {
			return undefined;
		}
		pairs.push([pair[0], pair[1]]);
	}
	return { version, scope, phase, watermark, horizon, seen: pairs };
}

/**
 * One stable string for the location and filters a poll lists, for `PollOptions.scope`: key order,
 * list order, duplicates and empty values do not change it, so only a real change starts over.
 */
export function pollScope(
	parts: Record<string, string | number | boolean | readonly string[] | null | undefined>,
): string {
	const entries: Array<[string, string | number | boolean | string[]]> = [];
	for (const key of Object.keys(parts).sort(compareIds)) {
		const value = parts[key];
		if (value === undefined || value === null || value === '') continue;
		if (Array.isArray(value)) {
			const list = [...new Set(value as readonly string[])].sort(compareIds);
			if (list.length) entries.push([key, list]);
		} else {
			entries.push([key, value as string | number | boolean]);
		}
	}
	return JSON.stringify(entries);
}

function activationState(scope: string, now: number, overlapMs: number): PollState {
	return {
		version: POLL_STATE_VERSION,
		scope,
		phase: 'activating',
		watermark: now,
		horizon: now - overlapMs,
		seen: [],
	};
}

function requireNumber(value: unknown, name: string, valid: boolean): void {
	if (!valid) throw new Error(`Invalid poll option ${name}: ${String(value)}`);
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}
