import type { IDisplayOptions } from 'n8n-workflow';

/**
 * The versions of the node and its triggers. Version 1.1 made Output (Simplified, Raw, Selected
 * Fields) default to Simplified and moved Get Many's sorting into its own collection; version 1
 * keeps what workflows saved before then had, so they run as they did.
 */
export const NODE_VERSIONS = [1, 1.1];

type Show = NonNullable<IDisplayOptions['show']>;

/** Display condition: only in version 1. */
export const IN_VERSION_1: Show = { '@version': [1] };

/** Display condition: from version 1.1 on. */
export const FROM_VERSION_1_1: Show = { '@version': [{ _cnd: { gte: 1.1 } }] };
