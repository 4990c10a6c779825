// Command docsync copies generated files into the workspace. `bazel run` it with
// arguments GENERATED=DEST pairs: GENERATED is a runfiles path, DEST is relative to the
// workspace root.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	if err := run(os.Getenv("BUILD_WORKSPACE_DIRECTORY"), os.Args[1:]); err != nil {
		fmt.Fprintf(os.Stderr, "docsync: %v\n", err)
		os.Exit(1)
	}
}

func run(workspace string, pairs []string) error {
	if workspace == "" {
		return fmt.Errorf("BUILD_WORKSPACE_DIRECTORY is not set: run this with `bazel run`")
	}
	for _, pair := range pairs {
		generated, dest, ok := strings.Cut(pair, "=")
		if !ok {
			return fmt.Errorf("argument %q: want GENERATED=DEST", pair)
		}
		if err := copyFile(generated, filepath.Join(workspace, dest)); err != nil {
			return err
		}
		fmt.Printf("docsync: wrote %s\n", dest)
	}
	return nil
}

func copyFile(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return fmt.Errorf("reading generated file: %w", err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		return fmt.Errorf("writing %s: %w", to, err)
	}
	return nil
}
