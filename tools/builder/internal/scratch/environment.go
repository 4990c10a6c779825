// The build environment: what a build's commands see, owing nothing to the caller's.

package scratch

import (
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func (s *Scratch) environment(o Options, cc, ar string, envPaths map[string]string) []string {
	var cppflags, ldflags, pkgconfig []string
	for _, dep := range s.DepList {
		cppflags = append(cppflags, "-I"+filepath.Join(dep.Path, "include"))
		ldflags = append(ldflags, "-L"+filepath.Join(dep.Path, "lib"))
		for _, sub := range []string{"lib/pkgconfig", "share/pkgconfig"} {
			if dir := filepath.Join(dep.Path, sub); isDir(dir) {
				pkgconfig = append(pkgconfig, dir)
			}
		}
	}
	env := map[string]string{
		"PATH":              s.Bin,
		"HOME":              filepath.Join(s.Root, "home"),
		"TMPDIR":            s.Tmp,
		"LC_ALL":            "C",
		"LANG":              "C",
		"TZ":                "UTC",
		"SOURCE_DATE_EPOCH": strconv.FormatInt(o.SourceDateEpoch, 10),
		"CC":                cc,
		"AR":                ar,
		"CFLAGS":            strings.Join(s.CFlags, " "),
		"CPPFLAGS":          strings.Join(cppflags, " "),
		"LDFLAGS":           strings.Join(append(ldflags, s.LDFlags...), " "),
		// Only the dependencies' pkg-config files are visible, never the machine's.
		"PKG_CONFIG_LIBDIR": strings.Join(pkgconfig, ":"),
		"PKG_CONFIG_PATH":   "",
		// No site defaults from the machine (Debian's config.site picks lib64 and such).
		"CONFIG_SITE": "/dev/null",
	}
	for k, v := range envPaths {
		env[k] = v
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, k+"="+env[k])
	}
	return out
}

// SetEnv sets (or replaces) one variable of the build environment.
func (s *Scratch) SetEnv(key, value string) {
	for i, kv := range s.Env {
		if strings.HasPrefix(kv, key+"=") {
			s.Env[i] = key + "=" + value
			s.Runner.Env = s.Env
			return
		}
	}
	s.Env = append(s.Env, key+"="+value)
	s.Runner.Env = s.Env
}

// Getenv reads one variable of the build environment.
func (s *Scratch) Getenv(key string) string {
	for _, kv := range s.Env {
		if v, ok := strings.CutPrefix(kv, key+"="); ok {
			return v
		}
	}
	return ""
}

// claim locks parent/NAME.lock and returns an empty parent/NAME, removing what a build
