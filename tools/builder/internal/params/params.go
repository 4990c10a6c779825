// Package params reads the arguments Bazel hands the builder through a params file.
package params

import (
	"fmt"
	"os"
	"strings"
)

// Expand replaces every "@path" argument with the lines of that file, so that a
// command line of any length reaches the builder intact (Bazel's "multiline" format:
// one argument per line, no quoting).
func Expand(args []string) ([]string, error) {
	var out []string
	for _, arg := range args {
		if !strings.HasPrefix(arg, "@") || len(arg) == 1 {
			out = append(out, arg)
			continue
		}
		data, err := os.ReadFile(arg[1:])
		if err != nil {
			return nil, fmt.Errorf("reading params file: %w", err)
		}
		text := strings.TrimSuffix(string(data), "\n")
		if text == "" {
			continue
		}
		out = append(out, strings.Split(text, "\n")...)
	}
	return out, nil
}

// List is a repeatable string flag: every occurrence appends a value.
type List []string

func (l *List) String() string { return strings.Join(*l, " ") }

// Set appends one value.
func (l *List) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// Pairs is a repeatable KEY=VALUE flag, kept in the order given.
type Pairs []Pair

// Pair is one KEY=VALUE occurrence.
type Pair struct{ Key, Value string }

func (p *Pairs) String() string {
	parts := make([]string, len(*p))
	for i, kv := range *p {
		parts[i] = kv.Key + "=" + kv.Value
	}
	return strings.Join(parts, " ")
}

// Set parses KEY=VALUE.
func (p *Pairs) Set(v string) error {
	key, value, ok := strings.Cut(v, "=")
	if !ok || key == "" {
		return fmt.Errorf("%q is not KEY=VALUE", v)
	}
	*p = append(*p, Pair{key, value})
	return nil
}
