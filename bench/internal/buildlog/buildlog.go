// Package buildlog reads the builder's logs: how long each of its steps took.
package buildlog

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

var stepLine = regexp.MustCompile(`^==== (.+) took ([0-9.]+)s$`)

// Step is one timed step of a log, in the order the log has it.
type Step struct {
	Name    string
	Seconds float64
}

// Steps reads the step durations of a build log, in order; a step that ran twice is
// listed twice.
func Steps(log string) ([]Step, error) {
	data, err := os.ReadFile(log)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", log, err)
	}
	var steps []Step
	for _, line := range strings.Split(string(data), "\n") {
		if m := stepLine.FindStringSubmatch(line); m != nil {
			v, err := strconv.ParseFloat(m[2], 64)
			if err != nil {
				return nil, fmt.Errorf("%s: %q: %w", log, line, err)
			}
			steps = append(steps, Step{m[1], v})
		}
	}
	return steps, nil
}

// Totals are the seconds of each step name, summed.
func Totals(steps []Step) map[string]float64 {
	totals := map[string]float64{}
	for _, s := range steps {
		totals[s.Name] += s.Seconds
	}
	return totals
}
