package main

import "github.com/Masterminds/semver/v3"

// judgeConstraint mirrors the operator's HandleResource: semver.NewConstraint(supportedOperatorVersion), then
// Check(operatorVersion) where the operator version itself went through semver.NewVersion.
func judgeConstraint(text string, versions []string) map[string]any {
	constraint, err := semver.NewConstraint(text)
	if err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	allows := make([]any, len(versions))
	for i, raw := range versions {
		version, verr := semver.NewVersion(raw)
		if verr != nil {
			allows[i] = "bad version: " + verr.Error()
			continue
		}
		allows[i] = constraint.Check(version)
	}
	return map[string]any{"ok": true, "allows": allows}
}
