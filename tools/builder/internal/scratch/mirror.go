// The execroot mirror: the toolchain's execroot-relative paths, laid out below the
// scratch folder so that a build sees them at a path that is the same everywhere.

package scratch

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// InputsLink is the scratch folder's mirror of what the toolchain's execroot-relative
// paths name (a sysroot in external/, a hermetic compiler): the build is given those
// paths below it, so that what it records of them (debug information, OpenSSL's
// compiled-in flags, a *Config.sh) is below the scratch folder, whose path is the same
// in every action, and not below a sandbox's, which is not. A folder is mirrored as real
// folders whose files link to the execroot's: gcc resolves a linked folder (the
// sysroot) when it names its headers in debug information.
const InputsLink = "inputs"

// inputsAlias is what an install tree says of InputsLink once the scratch folder's path
// is replaced by BuildDirAlias; a dependency's copy gets this build's link back.
var inputsAlias = BuildDirAlias + "/" + InputsLink

// pathFlags are the options whose value is a path, written joined (-Ipath,
// --sysroot=path) or as the next argument (-isystem path).
var pathFlags = []string{"--sysroot=", "--gcc-toolchain=", "--gcc-install-dir=", "-resource-dir=", "-isysroot", "-isystem", "-iquote", "-idirafter", "-I", "-L", "-B"}

// AbsolutePaths makes the toolchain's paths relative to the execroot absolute, in the
// mirror (the scratch folder's InputsLink), for the build runs configure and make in its
// scratch folder: a relative compiler wrapper's flags (-isystem external/...), a sysroot
// in external/. A path counts when it exists in the execroot; other arguments are kept
// as they are. Without a mirror (no execroot), flags are kept.
func AbsolutePaths(flags []string, mirror *Mirror) ([]string, error) {
	if mirror == nil {
		return flags, nil
	}
	var failed error
	abs := func(p string) string {
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		mirrored, ok, err := mirror.Path(p)
		if err != nil && failed == nil {
			failed = err
		}
		if !ok {
			return p
		}
		return mirrored
	}
	out := make([]string, len(flags))
	valueNext := false
	for i, f := range flags {
		if valueNext {
			out[i], valueNext = abs(f), false
			continue
		}
		out[i] = f
		for _, prefix := range pathFlags {
			if f == strings.TrimSuffix(prefix, "=") {
				valueNext = true
				break
			}
			if rest, ok := strings.CutPrefix(f, prefix); ok {
				out[i] = prefix + abs(rest)
				break
			}
		}
	}
	return out, failed
}

// Mirror lays out paths of the execroot below Root: a file as a link to it, a folder as
// real folders whose files (and links) are links to the execroot's, or copies of its
// relative links.
type Mirror struct {
	Execroot, Root string
	// repos maps a repository's folder in the mirror to its canonical name.
	repos map[string]string
	// folders are the folders mirrored whole.
	folders map[string]bool
}

// Path mirrors rel (relative to the execroot) once and returns where it is; ok is false
// when the execroot has no such path.
func (m *Mirror) Path(rel string) (string, bool, error) {
	mirroredRel, err := m.repositoryNeutral(rel)
	if err != nil {
		return "", false, err
	}
	src, dst := filepath.Join(m.Execroot, rel), filepath.Join(m.Root, mirroredRel)
	info, err := os.Stat(src)
	if err != nil {
		return "", false, nil
	}
	if !info.IsDir() {
		if _, err := os.Lstat(dst); err == nil {
			return dst, true, nil
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", false, err
		}
		return dst, true, os.Symlink(src, dst)
	}
	if m.folders[dst] {
		return dst, true, nil
	}
	real, err := filepath.EvalSymlinks(src)
	if err != nil {
		return "", false, err
	}
	err = filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		sub, err := filepath.Rel(real, p)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, sub)
		if _, err := os.Lstat(to); err == nil && !d.IsDir() {
			return nil // mirrored on its own before
		}
		switch {
		case d.IsDir():
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if filepath.IsAbs(target) {
				target = p // an input as a sandbox stages it: the file it stands for
			}
			return os.Symlink(target, to)
		default:
			return os.Symlink(p, to)
		}
	})
	if err != nil {
		return "", false, fmt.Errorf("mirroring %s of the execroot into the scratch folder: %w", rel, err)
	}
	if m.folders == nil {
		m.folders = map[string]bool{}
	}
	m.folders[dst] = true
	return dst, true, nil
}

// repositoryNeutral names a path in an external repository (external/<canonical>/...)
// by the repository's own name, the canonical name's last part: a canonical name says
// which module asked for the repository (_main~cpython~sysroot in rules_cpython's own
// workspace, rules_cpython~~cpython~sysroot in a consumer's; + for ~ in Bazel 8), and
// what the build records of the path (debug information, a .pc file, a *Config.sh,
// OpenSSL's compiled-in flags) must be the same bytes in every workspace. Two
// repositories with one own name are an error, not a silent merge.
func (m *Mirror) repositoryNeutral(rel string) (string, error) {
	parts := strings.SplitN(filepath.ToSlash(filepath.Clean(rel)), "/", 3)
	if len(parts) < 2 || parts[0] != "external" {
		return rel, nil
	}
	canonical := parts[1]
	own := canonical[strings.LastIndexAny(canonical, "~+")+1:]
	if own == "" {
		return "", fmt.Errorf("repository %q of %s has no name after its last ~ or +", canonical, rel)
	}
	if m.repos == nil {
		m.repos = map[string]string{}
	}
	if seen, ok := m.repos[own]; ok && seen != canonical {
		return "", fmt.Errorf("repositories %s and %s would both be mirrored as external/%s; rename one", seen, canonical, own)
	}
	m.repos[own] = canonical
	parts[1] = own
	return filepath.FromSlash(strings.Join(parts, "/")), nil
}

// inMirror gives each path relative to the execroot as its place in the mirror (mirrored
// once); absolute paths stay. A relative path the execroot lacks is an error.
func inMirror(paths []string, mirror *Mirror) ([]string, error) {
	out := make([]string, len(paths))
	for i, p := range paths {
		if filepath.IsAbs(p) {
			out[i] = p
			continue
		}
		if mirror == nil {
			abs, err := filepath.Abs(p)
			if err != nil {
				return nil, err
			}
			out[i] = abs
			continue
		}
		found, ok, err := mirror.Path(p)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("%s is not in the execroot: is it an input of the action?", p)
		}
		out[i] = found
	}
	return out, nil
}
