/** The version after `current` for patch/minor/major, or an explicit X.Y.Z (never a downgrade). */
export declare function nextVersion(current: string, bump: string): string;
/** CHANGELOG.md with its Unreleased section dated as `version`, and a new empty one above. */
export declare function releaseChangelog(text: string, version: string, date: string): string;
