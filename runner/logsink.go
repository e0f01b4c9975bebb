package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/go-logr/logr"
)

// lineWriter writes one JSON value per line; plugins may log from several goroutines.
type lineWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lineWriter) write(value any) {
	data, err := json.Marshal(value)
	if err != nil {
		data, _ = json.Marshal(map[string]any{"type": "log", "level": "error", "msg": "runner: cannot encode a record: " + err.Error()})
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	_, _ = l.w.Write(append(data, '\n'))
}

type logRecord struct {
	Type  string         `json:"type"`
	Level string         `json:"level"` // info (V(0)), debug (V(1+)), error
	V     int            `json:"v"`
	Name  string         `json:"name,omitempty"`
	Msg   string         `json:"msg"`
	KV    map[string]any `json:"kv,omitempty"`
}

// jsonSink is a logr.LogSink whose records become {"type":"log",level,msg,kv} lines on the protocol.
type jsonSink struct {
	out    *lineWriter
	name   string
	values []any
}

var _ logr.LogSink = (*jsonSink)(nil)

func (s *jsonSink) Init(logr.RuntimeInfo) {}
func (s *jsonSink) Enabled(int) bool      { return true }
func (s *jsonSink) Info(level int, msg string, kv ...any) {
	name := "info"
	if level > 0 {
		name = "debug"
	}
	s.out.write(logRecord{Type: "log", Level: name, V: level, Name: s.name, Msg: msg, KV: s.pairs(kv)})
}

func (s *jsonSink) Error(err error, msg string, kv ...any) {
	pairs := s.pairs(kv)
	if err != nil {
		if pairs == nil {
			pairs = map[string]any{}
		}
		pairs["error"] = err.Error()
	}
	s.out.write(logRecord{Type: "log", Level: "error", Name: s.name, Msg: msg, KV: pairs})
}

func (s *jsonSink) WithValues(kv ...any) logr.LogSink {
	values := append(append([]any{}, s.values...), kv...)
	return &jsonSink{out: s.out, name: s.name, values: values}
}

func (s *jsonSink) WithName(name string) logr.LogSink {
	if s.name != "" {
		name = s.name + "." + name
	}
	return &jsonSink{out: s.out, name: name, values: s.values}
}

// pairs turns logr's alternating key/values into a map; values JSON cannot encode become text.
func (s *jsonSink) pairs(kv []any) map[string]any {
	all := append(append([]any{}, s.values...), kv...)
	if len(all) == 0 {
		return nil
	}
	pairs := make(map[string]any, len(all)/2+1)
	for i := 0; i < len(all); i += 2 {
		key := fmt.Sprint(all[i])
		if i+1 >= len(all) {
			pairs[key] = "<missing value>"
			break
		}
		pairs[key] = encodable(all[i+1])
	}
	return pairs
}

func encodable(value any) any {
	switch v := value.(type) {
	case error:
		return v.Error()
	case fmt.Stringer:
		return v.String()
	}
	if _, err := json.Marshal(value); err != nil {
		return fmt.Sprintf("%+v", value)
	}
	return value
}
