// Package buildinfo is what an interpreter's build records of it for its distribution
// manifest: written by the cpython verb, read by the dist verb.
package buildinfo

import (
	"encoding/json"
	"fmt"
	"os"
)

// BuildInfo is how configure ran, what each extension module is and links, and what the
// binaries need of glibc.
type BuildInfo struct {
	PythonVersion string `json:"python_version"`
	// ConfigureArgs are configure's arguments as the builder passed them (the scratch
	// folder written as /build).
	ConfigureArgs []string `json:"configure_args"`
	TargetTriple  string   `json:"target_triple"`
	// GlibcVersion is the highest GLIBC_ symbol version a binary needs, and GlibcFile the
	// binary, relative to the prefix.
	GlibcVersion string `json:"glibc_version"`
	GlibcFile    string `json:"glibc_file"`
	// SysconfigPaths are sysconfig.get_paths(), relative to the prefix.
	SysconfigPaths   map[string]string `json:"sysconfig_paths"`
	ExtensionModules []Module          `json:"extension_modules"`
	// Executables are the install tree's files the build made executable, relative to the
	// prefix, sorted. Bazel writes an output's mode itself (0555 for a file it ran the
	// action for, owner-execute on every file it took from a cache), so the tree on disk
	// cannot say which files are programs; the archive takes modes from here.
	Executables []string `json:"executables"`
	// Links are the install tree's links (relative to the prefix) and what each points to.
	// A remote worker may stage an input link as a copy of its target, so the tree an
	// action is given cannot say which files are links; the archive takes them from here.
	Links map[string]string `json:"links"`
}

// Module is one extension module of the interpreter.
type Module struct {
	Name string `json:"name"`
	// Linkage is builtin (linked into the interpreter) or shared (lib-dynload).
	Linkage string `json:"linkage"`
	// Libraries are the third-party libraries linked into it (the rules' table).
	Libraries []string `json:"libraries"`
}

// Write saves the build info as JSON.
func Write(path string, info BuildInfo) error {
	data, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("writing the build info: %w", err)
	}
	return nil
}

// Read loads what Write saved.
func Read(path string) (BuildInfo, error) {
	var info BuildInfo
	data, err := os.ReadFile(path)
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(data, &info); err != nil {
		return info, fmt.Errorf("reading the build info %s: %w", path, err)
	}
	return info, nil
}
