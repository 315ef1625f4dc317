import { REDACTED } from './constants';

/**
 * The forms in which a server, a proxy or a log line can echo a token back: as it is,
 * URL-encoded, and base64 (standard and URL-safe) whether it starts a base64 text or sits inside
 * one (as in a Basic header), at each of the three byte alignments base64 can give it.
 */
export function secretForms(secret: string): string[] {
	if (!secret || secret.length < 4) return [];
	const forms = new Set<string>([secret, encodeURIComponent(secret)]);
	const bytes = Buffer.from(secret, 'utf8');
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		// Only whole base64 groups made of the secret's own bytes are the same wherever it sits.
		const start = offset === 0 ? 0 : 4;
		const end = Math.floor((offset + bytes.length) / 3) * 4;
		const stable = encoded.slice(start, end);
		if (stable.length >= 8) {
			forms.add(stable);
			forms.add(stable.replace(/\+/g, '-').replace(/\//g, '_'));
		}
	}
	// Longest first, so a form that contains another is replaced whole.
	return [...forms].sort((a, b) => b.length - a.length);
}

/** Whether any form, or a cut-off piece of one, occurs in `text` (a cheap test first). */
export function containsSecret(text: string, forms: readonly string[]): boolean {
	return forms.some((form) =>
		form.length < FRAGMENT_MIN_SECRET_LENGTH
			? text.includes(form)
			: text.includes(form.slice(0, FRAGMENT_LENGTH)) ||
				text.includes(form.slice(-FRAGMENT_LENGTH)),
	);
}

/**
 * A piece of a secret at least this long, at its start or end, is treated as the secret; only for
 * secrets long enough (real tokens are: `pit-` and a UUID) that such a piece cannot be a word.
 */
const FRAGMENT_LENGTH = 16;
const FRAGMENT_MIN_SECRET_LENGTH = 24;

/**
 * Replaces a cut-off copy of `form` (its first or last FRAGMENT_LENGTH characters and as much more
 * of it as matches): a server or proxy that truncates a message can cut a token in two.
 */
function scrubFragments(text: string, form: string): string {
	if (form.length < FRAGMENT_MIN_SECRET_LENGTH) return text;
	let result = text;
	const head = form.slice(0, FRAGMENT_LENGTH);
	for (let at = result.indexOf(head); at >= 0; at = result.indexOf(head, at + REDACTED.length)) {
		let length = FRAGMENT_LENGTH;
		while (length < form.length && result[at + length] === form[length]) length++;
		result = `${result.slice(0, at)}${REDACTED}${result.slice(at + length)}`;
	}
	const tail = form.slice(-FRAGMENT_LENGTH);
	for (let at = result.indexOf(tail); at >= 0; at = result.indexOf(tail, at + REDACTED.length)) {
		let start = at;
		const end = at + FRAGMENT_LENGTH;
		let inForm = form.length - FRAGMENT_LENGTH;
		while (inForm > 0 && start > 0 && result[start - 1] === form[inForm - 1]) {
			start--;
			inForm--;
		}
		result = `${result.slice(0, start)}${REDACTED}${result.slice(end)}`;
	}
	return result;
}

/** Replaces every form of the secret in `text`, whole or cut off, with [REDACTED]. */
export function scrubText(text: string, forms: readonly string[]): string {
	let result = text;
	for (const form of forms) {
		if (result.includes(form)) result = result.split(form).join(REDACTED);
	}
	for (const form of forms) result = scrubFragments(result, form);
	return result;
}

/**
 * A copy of a parsed JSON value with every form of the secret replaced, in keys and values. The
 * walk is iterative: answers reach it only after the transport bounded their depth, but a loop
 * costs nothing and a stack overflow would.
 */
export function scrubDeep<T>(value: T, forms: readonly string[]): T {
	if (forms.length === 0) return value;
	const scrub = (node: unknown): unknown =>
		typeof node === 'string' ? scrubText(node, forms) : node;
	const root: { value: unknown } = { value };
	const stack: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [
		{ parent: root as unknown as Record<string, unknown>, key: 'value' },
	];
	while (stack.length > 0) {
		const { parent, key } = stack.pop()!;
		const current = (parent as Record<string | number, unknown>)[key];
		if (current === null || typeof current !== 'object') {
			(parent as Record<string | number, unknown>)[key] = scrub(current);
			continue;
		}
		if (Array.isArray(current)) {
			const copy = current.slice();
			(parent as Record<string | number, unknown>)[key] = copy;
			for (let index = 0; index < copy.length; index++) stack.push({ parent: copy, key: index });
			continue;
		}
		const copy: Record<string, unknown> = {};
		for (const [childKey, child] of Object.entries(current as Record<string, unknown>)) {
			Object.defineProperty(copy, scrubText(childKey, forms), {
				value: child,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
		(parent as Record<string | number, unknown>)[key] = copy;
		for (const childKey of Object.keys(copy)) stack.push({ parent: copy, key: childKey });
	}
	return root.value as T;
}
