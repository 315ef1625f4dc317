import type { IDataObject } from 'n8n-workflow';

/** What a picker shows for HighLevel objects; pure, so the labels can be tested on their own. */

/** A time as "2026-11-20 17:55" in `timeZone` (the workflow's), or in UTC if that is not a zone. */
export function shortTime(iso: unknown, timeZone: string): string | undefined {
	const date = typeof iso === 'string' ? new Date(iso) : undefined;
	if (!date || Number.isNaN(date.getTime())) return undefined;
	let format: Intl.DateTimeFormat;
	try {
		format = new Intl.DateTimeFormat('en-CA', {
			timeZone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23',
		});
	} catch {
		return shortTime(iso, 'UTC');
	}
	const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
	return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

/**
 * A call as the Call picker lists it: when, who called and which agent answered, e.g.
 * "2026-11-20 17:55 · +15551234567 · Riley (Front Desk)". An agent not in `agentNames` (deleted,
 * or the token may not list agents) is shown by its ID.
 */
export function callLabel(
	call: IDataObject,
	agentNames: ReadonlyMap<string, string>,
	timeZone: string,
): string {
	const when = shortTime(call.createdAt, timeZone) ?? 'unknown time';
	const from =
		typeof call.fromNumber === 'string' && call.fromNumber ? call.fromNumber : 'unknown number';
	const agentId = typeof call.agentId === 'string' ? call.agentId : undefined;
	let agent = agentId ? (agentNames.get(agentId) ?? `agent ${agentId}`) : 'unknown agent';
	if (call.isAgentDeleted === true) agent += ' (deleted)';
	return [when, from, agent, ...(call.trialCall === true ? ['trial call'] : [])].join(' · ');
}
