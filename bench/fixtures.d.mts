// Types of fixtures.mjs, for the tests that use its generated documents.
export function moduleDocument(i: number): string;
