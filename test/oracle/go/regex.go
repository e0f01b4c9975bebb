package main

import "regexp"

// judgeRegex mirrors the operator's string field: regexp.Compile at validator creation ("invalid regex pattern"),
// then an unanchored MatchString on the user's value.
func judgeRegex(pattern string, subjects []string) map[string]any {
	re, err := regexp.Compile(pattern)
	if err != nil {
		return map[string]any{"ok": false, "error": err.Error()}
	}
	matches := make([]bool, len(subjects))
	for i, s := range subjects {
		matches[i] = re.MatchString(s)
	}
	return map[string]any{"ok": true, "matches": matches}
}
